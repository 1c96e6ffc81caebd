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

package dev.steadypod.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.steadypod.reload.ConfigReloadedEvent;
import dev.steadypod.testsupport.KubeletConfigMapVolume;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A Secret mounted as a directory (laid out and updated as the kubelet's atomic writer
 * does) and imported as a config tree, next to the ConfigMap directory, exactly as the
 * chart's {@code extraVolumes}, {@code extraVolumeMounts} and {@code config.imports}
 * deliver it (with {@code steadypod.reload.secret-locations}, which the chart sets): it
 * reloads through the same pipeline with its own source, {@code secret}, and a
 * recognisable secret value never appears in logs, the {@code configreload}, {@code env}
 * or {@code configprops} endpoints, reload events or metrics.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "steadypod.reload.poll-interval=1s",
				"management.endpoints.web.exposure.include=health,prometheus,configreload,env,configprops",
				"management.endpoint.env.show-values=always", "management.endpoint.configprops.show-values=always" })
@ExtendWith(OutputCaptureExtension.class)
class SecretReloadTests {

	private static final String FIRST_SECRET = "s3cr3t-first-9f4c1e";

	private static final Path CONFIG_DIR = createTempDirectory("steadypod-config-");

	private static final Path SECRET_DIR = createTempDirectory("steadypod-secret-");

	private static final KubeletConfigMapVolume config = KubeletConfigMapVolume.create(CONFIG_DIR,
			Map.of("application.yaml", "demo:\n  greeting:\n    message: Hello from the ConfigMap\n"));

	// A Secret's keys are file names; a config tree import makes each one a property.
	private static final KubeletConfigMapVolume secret = KubeletConfigMapVolume.create(SECRET_DIR,
			Map.of("demo.greeting.suffix", FIRST_SECRET));

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private Environment environment;

	@Autowired
	private List<ConfigReloadedEvent> events;

	@DynamicPropertySource
	static void importTheConfigMapAndTheSecret(DynamicPropertyRegistry registry) {
		registry.add("spring.config.import",
				() -> "optional:file:" + CONFIG_DIR + "/,optional:configtree:" + SECRET_DIR + "/");
		// What the chart sets for a Secret volume among config.imports.
		registry.add("steadypod.reload.secret-locations", () -> SECRET_DIR.toString());
	}

	@Test
	void aMountedSecretReloadsThroughTheSamePipeline() throws Exception {
		String rotated = "s3cr3t-rotated-2b7d40";
		secret.update(Map.of("demo.greeting.suffix", rotated));
		await("the rotated Secret is served").atMost(Duration.ofSeconds(30))
			.until(() -> get(appPort(), "/greeting"), (body) -> body.contains(rotated));
		String endpoint = get(managementPort(), "/actuator/configreload");
		assertThat(endpoint).contains("\"source\":\"secret\",\"result\":\"applied\"").contains("demo.greeting.suffix");
		assertThat(get(managementPort(), "/actuator/prometheus"))
			.containsPattern("steadypod_config_reloads_total\\{[^}]*result=\"applied\"[^}]*source=\"secret\"");
		assertThat(this.events).anySatisfy((event) -> {
			assertThat(event.getReloadSource()).isEqualTo("secret");
			assertThat(event.getChangedKeys()).contains("demo.greeting.suffix");
		});
		assertThat(this.events).as("Secret changes reported as file")
			.noneMatch((event) -> event.getReloadSource().equals("file")
					&& event.getChangedKeys().contains("demo.greeting.suffix"));
	}

	@Test
	void aConfigMapChangeNextToTheSecretIsStillReportedAsFile() throws Exception {
		config.update(Map.of("application.yaml", "demo:\n  greeting:\n    message: Hello again from the ConfigMap\n"));
		await("the new message is served").atMost(Duration.ofSeconds(30))
			.until(() -> get(appPort(), "/greeting"), (body) -> body.contains("Hello again from the ConfigMap"));
		assertThat(this.events).anySatisfy((event) -> {
			assertThat(event.getReloadSource()).isEqualTo("file");
			assertThat(event.getChangedKeys()).containsExactly("demo.greeting.message");
		});
	}

	@Test
	void anAppliedSecretValueNeverAppearsInLogsEndpointEventsOrMetrics(CapturedOutput output) throws Exception {
		String value = "s3cr3t-applied-71ce0a";
		secret.update(Map.of("demo.greeting.suffix", value));
		await("the new Secret is served").atMost(Duration.ofSeconds(30))
			.until(() -> get(appPort(), "/greeting"), (body) -> body.contains(value));
		assertSecretNowhere(value, output);
		assertSecretNowhere(FIRST_SECRET, output);
	}

	@Test
	void aRejectedSecretValueNeverAppearsInTheReasonLogsEndpointEventsOrMetrics(CapturedOutput output)
			throws Exception {
		String value = "s3cr3t-not-a-number-5e8a31";
		secret.update(Map.of("demo.greeting.suffix", FIRST_SECRET, "demo.greeting.repeat", value));
		// The same value in a Secret key the app binds as text would be applied; as a
		// number it is rejected, and Spring's bind error must not carry it anywhere.
		await("the change is rejected").atMost(Duration.ofSeconds(30))
			.until(() -> get(managementPort(), "/actuator/configreload"),
					(body) -> body.contains("\"source\":\"secret\",\"result\":\"rejected\"")
							&& body.contains("demo.greeting.repeat"));
		assertThat(output.getAll()).contains("Rejected configuration change from secret");
		assertSecretNowhere(value, output);
	}

	private void assertSecretNowhere(String value, CapturedOutput output) throws Exception {
		assertThat(output.getAll()).as("logs").doesNotContain(value);
		assertThat(get(managementPort(), "/actuator/configreload")).as("/actuator/configreload").doesNotContain(value);
		assertThat(get(managementPort(), "/actuator/prometheus")).as("metrics").doesNotContain(value);
		// Values are shown (show-values=always), but not those read from the Secret.
		assertThat(get(managementPort(), "/actuator/env")).as("/actuator/env")
			.contains("demo.greeting.suffix")
			.doesNotContain(value);
		assertThat(get(managementPort(), "/actuator/configprops")).as("/actuator/configprops").doesNotContain(value);
		assertThat(this.events).as("reload events").allSatisfy((event) -> {
			assertThat(event.getChangedKeys()).noneMatch((key) -> key.contains(value));
			assertThat(event.getHash()).doesNotContain(value);
		});
	}

	private String get(int port, String path) throws IOException, InterruptedException {
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	private int appPort() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private int managementPort() {
		return this.environment.getRequiredProperty("local.management.port", Integer.class);
	}

	private static Path createTempDirectory(String prefix) {
		try {
			return Files.createTempDirectory(prefix);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class ReloadEvents {

		@Bean
		List<ConfigReloadedEvent> reloadEvents() {
			return new CopyOnWriteArrayList<>();
		}

		@Bean
		ApplicationListener<ConfigReloadedEvent> reloadEventRecorder(List<ConfigReloadedEvent> reloadEvents) {
			return reloadEvents::add;
		}

	}

}
