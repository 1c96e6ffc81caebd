package dev.steadypod.demo.chart;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.steadypod.demo.DemoApplication;
import dev.steadypod.testsupport.KubeletConfigMapVolume;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the demo app with exactly the environment variables of the rendered Deployment and the files of
 * the rendered ConfigMap, laid out as the kubelet lays out a ConfigMap volume. Only two things differ
 * from the pod: the mount path (a temporary directory stands in for it) and the ports (random, so
 * parallel builds cannot collide).
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
			assertThat(env.getValueFrom()).as("%s must be a literal in volume mode", env.getName()).isNull();
			environment.put(env.getName(),
					env.getValue().replace(configMount.getMountPath(), volume.directory().toString()));
		}
		// The kubelet adds these to every container; Spring Boot detects Kubernetes from them.
		environment.put("KUBERNETES_SERVICE_HOST", "127.0.0.1");
		environment.put("KUBERNETES_SERVICE_PORT", "1");
		assertThat(environment.put("SERVER_PORT", "0")).isEqualTo("8080");
		assertThat(environment.put("MANAGEMENT_SERVER_PORT", "0")).isEqualTo("8081");
		// A JVM option, not an application property: the JVM reads it at launch.
		environment.remove("JAVA_TOOL_OPTIONS");

		StandardEnvironment springEnvironment = new StandardEnvironment();
		springEnvironment.getPropertySources()
			.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment));
		SpringApplication application = new SpringApplication(DemoApplication.class);
		application.setEnvironment(springEnvironment);
		try (ConfigurableApplicationContext context = application.run()) {
			int appPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			int managementPort = context.getEnvironment().getRequiredProperty("local.management.port", Integer.class);

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

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
