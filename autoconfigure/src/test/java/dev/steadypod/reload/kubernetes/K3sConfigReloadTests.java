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

package dev.steadypod.reload.kubernetes;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.k3s.K3sContainer;
import org.testcontainers.utility.DockerImageName;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import static dev.steadypod.reload.kubernetes.KubernetesConfigReloadTests.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes API route against a real API server (k3s in Docker): create a ConfigMap,
 * run the application with the cluster's kubeconfig, update the ConfigMap, see the
 * validated reload. Runs with {@code ./mvnw -Pk3s verify} where a Docker engine is
 * available; skipped otherwise.
 */
@Tag("k3s")
@Testcontainers(disabledWithoutDocker = true)
class K3sConfigReloadTests {

	private static final String NAMESPACE = "default";

	@Container
	static final K3sContainer k3s = new K3sContainer(DockerImageName.parse("rancher/k3s:v1.31.4-k3s1"));

	@TempDir
	Path dir;

	@Test
	void configMapUpdateOnARealApiServerIsValidatedAndApplied() throws IOException {
		String kubeconfig = k3s.getKubeConfigYaml();
		Path kubeconfigFile = this.dir.resolve("kubeconfig");
		Files.writeString(kubeconfigFile, kubeconfig);
		try (KubernetesClient client = new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(kubeconfig))
			.build()) {
			put(client, yaml("message: one\n  limit: 5"));
			String previous = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
			// Both the config-data load and the application's client read the cluster
			// from the kubeconfig.
			System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, kubeconfigFile.toString());
			try (ConfigurableApplicationContext context = new SpringApplicationBuilder(
					KubernetesReloadTestApplication.class)
				.properties("server.port=0", "spring.main.cloud-platform=kubernetes", "spring.application.name=app",
						"spring.config.import=kubernetes:", "spring.cloud.kubernetes.client.namespace=" + NAMESPACE,
						"spring.cloud.kubernetes.reload.enabled=true", "spring.cloud.kubernetes.secrets.enabled=false")
				.run()) {
				KubernetesReloadTestApplication.GreetingProperties properties = context
					.getBean(KubernetesReloadTestApplication.GreetingProperties.class);
				assertThat(properties.getMessage()).isEqualTo("one");
				put(client, yaml("message: two\n  limit: 6"));
				await().atMost(Duration.ofSeconds(30)).until(properties::getMessage, "two"::equals);
				assertThat(properties.getLimit()).isEqualTo(6);
				put(client, yaml("message: three\n  limit: not-a-number"));
				await().during(Duration.ofSeconds(2))
					.atMost(Duration.ofSeconds(10))
					.until(properties::getMessage, "two"::equals);
			}
			finally {
				if (previous != null) {
					System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, previous);
				}
				else {
					System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
				}
			}
		}
	}

	private static void put(KubernetesClient client, Map<String, String> data) {
		ConfigMap configMap = new ConfigMapBuilder().withNewMetadata()
			.withName("app")
			.withNamespace(NAMESPACE)
			.endMetadata()
			.withData(data)
			.build();
		client.configMaps().inNamespace(NAMESPACE).resource(configMap).serverSideApply();
	}

}
