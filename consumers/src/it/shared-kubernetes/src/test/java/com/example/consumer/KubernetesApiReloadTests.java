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
import java.io.InputStream;
import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes API route as a user of steadypod-spring-boot-starter-kubernetes gets it,
 * against fabric8's mock API server, on the fabric8 client that spring-cloud-kubernetes
 * brings.
 */
class KubernetesApiReloadTests {

	/** What spring-cloud-kubernetes 5.0 (Spring Cloud 2025.1) manages; README says so. */
	private static final String EXPECTED_CLIENT_VERSION = "7.4.1";

	private static final String NAMESPACE = "consumer";

	private KubernetesMockServer server;

	private KubernetesClient client;

	@BeforeEach
	void startApiServer() throws IOException {
		this.server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
				new KubernetesMixedDispatcher(new HashMap<>()), false);
		this.server.start(InetAddress.getByName("127.0.0.1"), 0);
		this.client = this.server.createClient();
	}

	@AfterEach
	void stopApiServer() {
		this.client.close();
		this.server.destroy();
	}

	@Test
	void theApplicationRunsOnTheClientVersionSpringCloudKubernetesManages() throws IOException {
		Properties pom = new Properties();
		try (InputStream in = KubernetesClient.class
			.getResourceAsStream("/META-INF/maven/io.fabric8/kubernetes-client-api/pom.properties")) {
			assertThat(in).as("kubernetes-client-api's pom.properties").isNotNull();
			pom.load(in);
		}
		assertThat(pom.getProperty("version")).isEqualTo(EXPECTED_CLIENT_VERSION);
	}

	@Test
	void aConfigMapChangeThroughTheApiIsAppliedWithoutARestart() {
		putConfigMap("consumer.greeting.message=first\n");
		try (RunningConsumer app = RunningConsumer.start("spring.config.import=kubernetes:",
				"spring.cloud.kubernetes.client.master-url=http://127.0.0.1:" + this.server.getPort(),
				"spring.cloud.kubernetes.client.namespace=" + NAMESPACE,
				"spring.cloud.kubernetes.client.trust-certs=true", "spring.cloud.kubernetes.reload.enabled=true",
				"spring.cloud.kubernetes.secrets.enabled=false")) {
			assertThat(app.greeting()).isEqualTo("first");
			putConfigMap("consumer.greeting.message=second\n");
			await().atMost(Duration.ofSeconds(30)).until(app::greeting, "second"::equals);
			assertThat(app.get("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
	}

	private void putConfigMap(String properties) {
		ConfigMap configMap = new ConfigMapBuilder().withNewMetadata()
			.withName("consumer")
			.withNamespace(NAMESPACE)
			.endMetadata()
			.withData(Map.of("application.properties", properties))
			.build();
		this.client.configMaps().inNamespace(NAMESPACE).resource(configMap).createOr((existing) -> existing.update());
	}

}
