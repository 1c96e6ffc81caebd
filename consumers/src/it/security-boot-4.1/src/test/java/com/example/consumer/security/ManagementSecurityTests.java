/*
 * Copyright 2026-present the Steadypod authors.
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *      https://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */

package com.example.consumer.security;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import com.example.consumer.ConsumerApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An app with Spring Security, Steadypod and the documented management filter chain, on
 * Kubernetes with its management port: the kubelet and Prometheus get through without
 * credentials, Steadypod's own endpoints need the operator, and the operator's POST to
 * {@code configreload} needs no CSRF token.
 */
class ManagementSecurityTests {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private static final String OPERATOR = "Basic "
			+ Base64.getEncoder().encodeToString("operator:s3cret".getBytes(StandardCharsets.UTF_8));

	private static ConfigurableApplicationContext context;

	private static int managementPort;

	@BeforeAll
	static void start() {
		context = SpringApplication.run(ConsumerApplication.class, "--server.port=0", "--management.server.port=0",
				"--spring.main.cloud-platform=kubernetes", "--spring.security.user.name=operator",
				"--spring.security.user.password=s3cret", "--spring.security.user.roles=OPERATOR",
				"--management.endpoint.configreload.access=unrestricted");
		managementPort = Integer.parseInt(context.getEnvironment().getProperty("local.management.port"));
	}

	@AfterAll
	static void stop() {
		if (context != null) {
			context.close();
		}
	}

	@Test
	void probesAndTheScrapeNeedNoCredentials() {
		assertThat(send("GET", "/actuator/health/liveness", null).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/health/readiness", null).statusCode()).isEqualTo(200);
		HttpResponse<String> scrape = send("GET", "/actuator/prometheus", null);
		assertThat(scrape.statusCode()).isEqualTo(200);
		assertThat(scrape.body()).contains("jvm_memory_used_bytes");
	}

	@Test
	void steadypodsOwnEndpointsNeedTheOperator() {
		assertThat(send("GET", "/actuator/configreload", null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/actuator/warmup", null).statusCode()).isEqualTo(401);
		assertThat(send("GET", "/actuator/configreload", OPERATOR).statusCode()).isEqualTo(200);
		assertThat(send("GET", "/actuator/warmup", OPERATOR).statusCode()).isEqualTo(200);
	}

	@Test
	void theOperatorsPostToConfigReloadNeedsNoCsrfToken() {
		assertThat(send("POST", "/actuator/configreload", null).statusCode()).isEqualTo(401);
		assertThat(send("POST", "/actuator/configreload", OPERATOR).statusCode()).isEqualTo(200);
	}

	private static HttpResponse<String> send(String method, String path, String authorization) {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10));
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		try {
			return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
