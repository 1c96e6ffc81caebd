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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.steadypod.demo.chart.SteadypodDashboard;
import dev.steadypod.demo.chart.SteadypodDashboard.Query;
import dev.steadypod.testsupport.KubeletConfigMapVolume;
import dev.steadypod.testsupport.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every dashboard query on the app's own metrics, with Grafana's variables substituted,
 * runs against a real Prometheus scraping the demo app (with the labels Kubernetes
 * service discovery attaches) and returns series. The queries only a cluster can answer
 * (kubelet, kube-state-metrics) are unit-tested with promtool in
 * {@code SteadypodDashboardTests}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "steadypod.reload.poll-interval=1s" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DashboardQueriesPrometheusTests {

	private static final String NAMESPACE = "steady";

	private static final String DEPLOYMENT = "shop-steadypod";

	private static final String POD = DEPLOYMENT + "-7d9f8c-abcde";

	private static final Path VOLUME_DIR = createTempDirectory();

	private static final KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(VOLUME_DIR,
			Map.of("application.yaml", "demo:\n  greeting:\n    message: Before\n"));

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private Environment environment;

	private PrometheusServer prometheus;

	@DynamicPropertySource
	static void importTheVolume(DynamicPropertyRegistry registry) {
		registry.add("spring.config.import", () -> "optional:file:" + VOLUME_DIR + "/");
	}

	@BeforeAll
	void reloadOnceServeOnceAndStartPrometheus(@TempDir Path workDir) throws Exception {
		Path binary = ScrapingPrometheus.binary("the dashboard queries").orElse(null);
		assumeTrue(binary != null, () -> "Skipped: " + ScrapingPrometheus.MISSING);
		// A reload (so the reload timer exists) and a request (so the in-flight timer
		// exists), as on any pod that has served and reloaded.
		volume.update(Map.of("application.yaml", "demo:\n  greeting:\n    message: After\n"));
		await("the change is served").atMost(Duration.ofSeconds(30))
			.until(() -> get(appPort(), "/greeting").contains("After"));
		this.prometheus = ScrapingPrometheus.scrape(binary, workDir, this.environment,
				Map.of("namespace", NAMESPACE, "pod", POD), Duration.ofSeconds(20));
	}

	@AfterAll
	void stopPrometheus() {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
	}

	@Test
	void everyAppMetricsQueryOfTheDashboardReturnsSeries() {
		List<Query> appQueries = SteadypodDashboard.queries(SteadypodDashboard.read())
			.stream()
			.filter((query) -> !query.clusterOnly())
			.toList();
		assertThat(appQueries).hasSizeGreaterThanOrEqualTo(8);
		Map<String, Map<Map<String, String>, Double>> answers = new LinkedHashMap<>();
		for (Query query : appQueries) {
			String promql = query.substituted(NAMESPACE, DEPLOYMENT, "30s");
			Map<Map<String, String>, Double> result = await(query.panel() + " " + query.refId())
				.atMost(Duration.ofSeconds(30))
				.pollInterval(Duration.ofSeconds(1))
				.until(() -> this.prometheus.query(promql), (series) -> !series.isEmpty());
			answers.put(query.panel() + " " + query.refId(), result);
		}
		answers.forEach((panel, result) -> System.out.println("Dashboard " + panel + ": " + result));
		assertThat(answers).hasSameSizeAs(appQueries).allSatisfy((panel, result) -> assertThat(result).isNotEmpty());
	}

	@Test
	void theSameQueriesForAnotherDeploymentOrNamespaceReturnNothing() throws IOException {
		for (Query query : SteadypodDashboard.queries(SteadypodDashboard.read())) {
			if (query.clusterOnly()) {
				continue;
			}
			assertThat(this.prometheus.query(query.substituted(NAMESPACE, "cart-steadypod", "30s")))
				.as("%s %s for another Deployment", query.panel(), query.refId())
				.isEmpty();
			assertThat(this.prometheus.query(query.substituted("other", DEPLOYMENT, "30s")))
				.as("%s %s in another namespace", query.panel(), query.refId())
				.isEmpty();
		}
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

	private static Path createTempDirectory() {
		try {
			return Files.createTempDirectory("steadypod-dashboard-");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
