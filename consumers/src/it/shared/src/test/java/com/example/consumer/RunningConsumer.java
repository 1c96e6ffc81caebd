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


package com.example.consumer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The consumer application started as in a pod, on a free port, with plain HTTP calls
 * against it.
 */
final class RunningConsumer implements AutoCloseable {

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	private final ConfigurableApplicationContext context;

	private final int port;

	private RunningConsumer(ConfigurableApplicationContext context) {
		this.context = context;
		this.port = Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
	}

	static RunningConsumer start(String... properties) {
		List<String> args = new ArrayList<>(List.of("--server.port=0", "--spring.main.cloud-platform=kubernetes"));
		for (String property : properties) {
			args.add("--" + property);
		}
		return new RunningConsumer(SpringApplication.run(ConsumerApplication.class, args.toArray(String[]::new)));
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	HttpResponse<String> get(String path) {
		return request("GET", this.port, path);
	}

	/**
	 * The port of the management server: the application's own unless
	 * {@code management.server.port} was given.
	 */
	int managementPort() {
		String port = this.context.getEnvironment().getProperty("local.management.port");
		return (port != null) ? Integer.parseInt(port) : this.port;
	}

	int port() {
		return this.port;
	}

	HttpResponse<String> request(String method, int port, String path) {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.method(method, HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(10))
			.build();
		try {
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String greeting() {
		return get("/greeting").body();
	}

	@Override
	public void close() {
		this.context.close();
	}

}
