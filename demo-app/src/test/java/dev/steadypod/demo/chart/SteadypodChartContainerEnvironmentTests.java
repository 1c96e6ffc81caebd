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

package dev.steadypod.demo.chart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.steadypod.demo.DemoApplication;
import dev.steadypod.reload.ReloadProperties;
import dev.steadypod.testsupport.KubeletConfigMapVolume;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the demo app with exactly the environment variables of the rendered Deployment
 * and the files of the rendered ConfigMap, laid out as the kubelet lays out a ConfigMap
 * volume. Only two things differ from the pod: the mount path (a temporary directory
 * stands in for it) and the ports (random, so parallel builds cannot collide).
 */
class SteadypodChartContainerEnvironmentTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void demoAppStartsWithTheChartsEnvironmentServesTheConfigMapAndAnswersTheProbes(@TempDir Path mountPoint)
			throws Exception {
		RenderedChart chart = SteadypodChart.template();
		Container container = chart.container();
		VolumeMount configMount = container.getVolumeMounts()
			.stream()
			.filter((mount) -> mount.getName().equals("config"))
			.findFirst()
			.orElseThrow();
		Map<String, String> data = chart.configMap().getData();
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(mountPoint.resolve("config"), data);
		assertThat(Files.isSymbolicLink(volume.directory().resolve("..data"))).isTrue();

		Map<String, Object> environment = new LinkedHashMap<>();
		for (EnvVar env : container.getEnv()) {
			// Volume mode needs nothing from the cluster: every variable is a literal, or
			// a key of a Secret the chart itself renders (the fingerprint key).
			if (env.getValueFrom() != null) {
				assertThat(env.getValueFrom().getSecretKeyRef())
					.as("%s must be a literal or a key of the chart's own Secret in volume mode", env.getName())
					.isNotNull();
				environment.put(env.getName(), secretKey(chart, env));
				continue;
			}
			environment.put(env.getName(),
					env.getValue().replace(configMount.getMountPath(), volume.directory().toString()));
		}
		// The kubelet adds these to every container; Spring Boot detects Kubernetes from
		// them.
		environment.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
		environment.put("KUBERNETES_SERVICE_PORT", "1");
		assertThat(environment.put("SERVER_PORT", "0")).isEqualTo("8080");
		assertThat(environment.put("MANAGEMENT_SERVER_PORT", "0")).isEqualTo("8081");
		// A JVM option, not an application property: the JVM reads it at launch.
		environment.remove("JAVA_TOOL_OPTIONS");

		try (ConfigurableApplicationContext context = start(environment)) {
			int appPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			int managementPort = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);
			assertThat(context.getBean(ReloadProperties.class).getFingerprintKey())
				.as("the fingerprint key from the chart's Secret")
				.isEqualTo(environment.get("STEADYPOD_RELOAD_FINGERPRINTKEY"))
				.hasSizeGreaterThanOrEqualTo(32);

			Map<String, Object> applicationYaml = new Yaml().load(data.get("application.yaml"));
			String message = (String) SteadypodChartRenderingTests.value(applicationYaml, "demo.greeting.message");
			HttpResponse<String> greeting = get(appPort, "/greeting");
			assertThat(greeting.statusCode()).isEqualTo(200);
			assertThat(greeting.body()).contains("\"message\":\"" + message + "\"");

			for (String path : new String[] { container.getStartupProbe().getHttpGet().getPath(),
					container.getLivenessProbe().getHttpGet().getPath(),
					container.getReadinessProbe().getHttpGet().getPath() }) {
				HttpResponse<String> probe = get(managementPort, path);
				assertThat(probe.statusCode()).as("%s on the management port", path).isEqualTo(200);
				assertThat(probe.body()).contains("\"status\":\"UP\"");
				assertThat(get(appPort, path).statusCode()).as("%s on the application port", path).isEqualTo(404);
			}
		}
	}

	@Test
	void inApiModeTheDemoAppReadsTheConfigMapThroughTheKubernetesApi(@TempDir Path mountPoint) throws Exception {
		RenderedChart chart = SteadypodChart.template(Map.of("configReload.mode", "api"));
		Container container = chart.container();
		ConfigMap configMap = chart.configMap();
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(mountPoint.resolve("config"),
				configMap.getData());
		KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
				new KubernetesCrudDispatcher(), false);
		api.init(InetAddress.getLoopbackAddress(), 0);
		try (KubernetesClient client = api.createClient()) {
			// What the API holds after a `kubectl edit`: a message the mounted files do
			// not have yet.
			client.configMaps()
				.inNamespace(SteadypodChart.NAMESPACE)
				.resource(new ConfigMapBuilder(configMap).editMetadata()
					.withNamespace(SteadypodChart.NAMESPACE)
					.endMetadata()
					.withData(Map.of("application.yaml", "demo:\n  greeting:\n    message: Hello through the API\n"))
					.build())
				.create();
			Map<String, Object> environment = new LinkedHashMap<>();
			for (EnvVar env : container.getEnv()) {
				environment.put(env.getName(), (env.getValueFrom() != null) ? valueFrom(chart, env)
						: env.getValue().replace("/etc/steadypod/config", volume.directory().toString()));
			}
			environment.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
			environment.put("KUBERNETES_SERVICE_PORT", String.valueOf(api.getPort()));
			// In the pod, spring-cloud-kubernetes detects Kubernetes and finds the API
			// server from the variables
			// above in the real process environment (plus the mounted token). A test JVM
			// cannot change its own
			// environment, so these two stand in for that detection.
			environment.put("SPRING_MAIN_CLOUD_PLATFORM", "kubernetes");
			environment.put("SPRING_CLOUD_KUBERNETES_CLIENT_MASTER_URL", client.getMasterUrl().toString());
			environment.put("SERVER_PORT", "0");
			environment.put("MANAGEMENT_SERVER_PORT", "0");
			environment.remove("JAVA_TOOL_OPTIONS");
			try (ConfigurableApplicationContext context = start(environment)) {
				int appPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
				assertThat(get(appPort, "/greeting").body()).contains("\"message\":\"Hello through the API\"");
			}
		}
		finally {
			api.destroy();
		}
	}

	@Test
	void inApiModeTheDemoAppReadsANamedSecretThroughTheKubernetesApiByName(@TempDir Path mountPoint) throws Exception {
		RenderedChart chart = SteadypodChart
			.template(Map.of("configReload.mode", "api", "configReload.secrets[0]", "orders-db"));
		Container container = chart.container();
		ConfigMap configMap = chart.configMap();
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(mountPoint.resolve("config"),
				configMap.getData());
		KubernetesMockServer api = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
				new KubernetesCrudDispatcher(), false);
		api.init(InetAddress.getLoopbackAddress(), 0);
		try (KubernetesClient client = api.createClient()) {
			client.configMaps()
				.inNamespace(SteadypodChart.NAMESPACE)
				.resource(new ConfigMapBuilder(configMap).editMetadata()
					.withNamespace(SteadypodChart.NAMESPACE)
					.endMetadata()
					.build())
				.create();
			client.secrets()
				.inNamespace(SteadypodChart.NAMESPACE)
				.resource(new SecretBuilder().withNewMetadata()
					.withName("orders-db")
					.withNamespace(SteadypodChart.NAMESPACE)
					.endMetadata()
					.addToData("orders.db.password", base64("s3cr3t-from-the-api"))
					.build())
				.create();
			// Another Secret of the namespace: the Role does not allow reading it.
			client.secrets()
				.inNamespace(SteadypodChart.NAMESPACE)
				.resource(new SecretBuilder().withNewMetadata()
					.withName("someone-elses")
					.withNamespace(SteadypodChart.NAMESPACE)
					.endMetadata()
					.addToData("other.team.token", base64("not-ours"))
					.build())
				.create();
			Map<String, Object> environment = new LinkedHashMap<>();
			for (EnvVar env : container.getEnv()) {
				environment.put(env.getName(), (env.getValueFrom() != null) ? valueFrom(chart, env)
						: env.getValue().replace("/etc/steadypod/config", volume.directory().toString()));
			}
			environment.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
			environment.put("KUBERNETES_SERVICE_PORT", String.valueOf(api.getPort()));
			environment.put("SPRING_MAIN_CLOUD_PLATFORM", "kubernetes");
			environment.put("SPRING_CLOUD_KUBERNETES_CLIENT_MASTER_URL", client.getMasterUrl().toString());
			environment.put("SERVER_PORT", "0");
			environment.put("MANAGEMENT_SERVER_PORT", "0");
			environment.remove("JAVA_TOOL_OPTIONS");
			try (ConfigurableApplicationContext context = start(environment)) {
				assertThat(context.getEnvironment().getProperty("orders.db.password")).isEqualTo("s3cr3t-from-the-api");
				assertThat(context.getEnvironment().getProperty("other.team.token")).isNull();
			}
			// Read by name only: no request listed the namespace's Secrets, which the
			// resourceNames-limited Role would refuse. The reload's watch of the Secret
			// lists and watches with a metadata.name field selector, which such a Role
			// allows.
			List<String> secretRequests = new ArrayList<>();
			for (int i = api.getRequestCount(); i > 0; i--) {
				RecordedRequest request = api.takeRequest(1, TimeUnit.SECONDS);
				// The app's reads only: the POSTs are this test creating the Secrets.
				if (request != null && request.getPath().contains("/secrets") && "GET".equals(request.getMethod())) {
					secretRequests.add(request.getMethod() + " " + request.getPath());
				}
			}
			assertThat(secretRequests).isNotEmpty()
				.allSatisfy((request) -> assertThat(request)
					.matches("GET /api/v1/namespaces/steady/secrets(/orders-db(\\?.*)?"
							+ "|\\?(.*&)?fieldSelector=metadata\\.name%3Dorders-db(&.*)?)"));
		}
		finally {
			api.destroy();
		}
	}

	private static String base64(String value) {
		return Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8));
	}

	/**
	 * Resolves the references the chart uses (the downward API, its own Secret), as the
	 * kubelet does for the pod.
	 */
	private static String valueFrom(RenderedChart chart, EnvVar env) {
		return (env.getValueFrom().getSecretKeyRef() != null) ? secretKey(chart, env) : downwardApi(env);
	}

	/** The value of a {@code secretKeyRef} to a Secret the chart renders. */
	private static String secretKey(RenderedChart chart, EnvVar env) {
		SecretKeySelector reference = env.getValueFrom().getSecretKeyRef();
		Secret secret = chart.all(Secret.class)
			.stream()
			.filter((candidate) -> candidate.getMetadata().getName().equals(reference.getName()))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					env.getName() + " refers to Secret " + reference.getName() + ", which the chart does not render"));
		assertThat(secret.getData()).as("keys of Secret %s", reference.getName()).containsKey(reference.getKey());
		return new String(Base64.getDecoder().decode(secret.getData().get(reference.getKey())), StandardCharsets.UTF_8);
	}

	private static String downwardApi(EnvVar env) {
		String fieldPath = env.getValueFrom().getFieldRef().getFieldPath();
		assertThat(fieldPath).as("downward API field of %s", env.getName()).isEqualTo("metadata.namespace");
		return SteadypodChart.NAMESPACE;
	}

	/**
	 * Starts the demo app with {@code environment} in place of the process environment.
	 */
	private static ConfigurableApplicationContext start(Map<String, Object> environment) {
		StandardEnvironment springEnvironment = new StandardEnvironment();
		springEnvironment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		SpringApplication application = new SpringApplication(DemoApplication.class);
		application.setEnvironment(springEnvironment);
		return application.run();
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
