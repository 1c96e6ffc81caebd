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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import dev.steadypod.testsupport.PrometheusAdapterRule;
import dev.steadypod.testsupport.PrometheusSample;
import dev.steadypod.testsupport.SeriesSelector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The autoscaling contract between what the app exports and what prometheus-adapter
 * serves to the HPA, checked against the real {@code /actuator/prometheus} of the demo
 * app and the rules shipped in {@code helm/prometheus-adapter-values.yaml}. Tomcat's
 * MBean registry is on, as the thread-pool rule needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"spring.config.import=", "server.tomcat.mbeanregistry.enabled=true" })
class InFlightRequestsContractTests {

	private static final int IN_FLIGHT = 8;

	/**
	 * The scraped text has no {@code namespace} or {@code pod} label: Prometheus attaches
	 * them to every series of a target from Kubernetes service discovery (relabelling
	 * {@code __meta_kubernetes_namespace} and {@code __meta_kubernetes_pod_name}). The
	 * rule's {@code seriesQuery} requires both, so they are attached here as that scrape
	 * would.
	 */
	private static final Map<String, String> TARGET_LABELS = Map.of("namespace", "shop", "pod", "demo-7d9f-x2k4q");

	private final HttpClient http = HttpClient.newHttpClient();

	private final PrometheusAdapterRule rule = PrometheusAdapterRule.load();

	@Autowired
	private Environment environment;

	@Test
	void seriesTheAdapterRuleSelectsSumToTheRequestsInFlight() throws Exception {
		get(appPort(), "/greeting");
		// Each scrape is itself a request in flight, on the management port: it must not
		// count.
		assertThat(inFlight(scrape())).isEqualTo(0);
		try (SlowRequests requests = SlowRequests.start(appPort(), IN_FLIGHT, Duration.ofSeconds(4))) {
			await().atMost(Duration.ofSeconds(3)).until(() -> inFlight(scrape()), (n) -> n == IN_FLIGHT);
			for (int i = 0; i < 5; i++) {
				assertThat(inFlight(scrape())).isEqualTo(IN_FLIGHT);
			}
			assertThat(requests.statusCodes()).containsOnly(200).hasSize(IN_FLIGHT);
		}
		await().atMost(Duration.ofSeconds(3)).until(() -> inFlight(scrape()), (n) -> n == 0);
	}

	@Test
	void nameRuleTurnsTheScrapedSeriesIntoTheMetricTheHpaAsksFor() throws Exception {
		get(appPort(), "/greeting");
		List<PrometheusSample> samples = scrape();
		Set<String> seriesNames = samples.stream().map(PrometheusSample::name).collect(Collectors.toSet());
		Set<String> adapterMetrics = seriesNames.stream()
			.map(this.rule::metricNameFor)
			.flatMap(Optional::stream)
			.collect(Collectors.toSet());
		assertThat(adapterMetrics).containsExactly(PrometheusAdapterRule.HPA_METRIC_NAME);
		// And the one series renamed is the one the seriesQuery selects: the rule is
		// consistent with itself.
		assertThat(seriesNames.stream().filter((name) -> this.rule.metricNameFor(name).isPresent()))
			.containsExactly(this.rule.seriesSelector().metricName());
	}

	@Test
	void everyRuleTurnsExactlyItsScrapedSeriesIntoItsMetric() throws Exception {
		get(appPort(), "/greeting");
		Set<String> seriesNames = scrape().stream().map(PrometheusSample::name).collect(Collectors.toSet());
		for (PrometheusAdapterRule rule : PrometheusAdapterRule.all()) {
			assertThat(seriesNames).as("scraped series of %s", rule.nameAs()).contains(rule.seriesName());
			assertThat(seriesNames.stream().filter((name) -> rule.metricNameFor(name).isPresent()))
				.as("series %s renames", rule.nameAs())
				.containsExactly(rule.seriesName());
			assertThat(rule.metricNameFor(rule.seriesName())).contains(rule.nameAs());
		}
		// The thread-pool rule divides by a second series, named in its metricsQuery.
		assertThat(PrometheusAdapterRule.load(PrometheusAdapterRule.THREAD_POOL).metricsQuery())
			.contains("tomcat_threads_config_max_threads{");
		assertThat(seriesNames).contains("tomcat_threads_config_max_threads");
	}

	@Test
	void seriesQueryNeedsTheLabelsTheScrapeAttaches() throws Exception {
		get(appPort(), "/greeting");
		SeriesSelector selector = this.rule.seriesSelector();
		List<PrometheusSample> samples = scrape();
		assertThat(samples).anyMatch((sample) -> sample.name().equals(selector.metricName()));
		assertThat(samples).noneMatch(selector::selects);
		assertThat(samples.stream().map((sample) -> sample.withLabels(TARGET_LABELS))).anyMatch(selector::selects);
	}

	private double inFlight(List<PrometheusSample> samples) {
		SeriesSelector selector = this.rule.seriesSelector();
		return samples.stream()
			.map((sample) -> sample.withLabels(TARGET_LABELS))
			.filter(selector::selects)
			.mapToDouble(PrometheusSample::value)
			.sum();
	}

	private List<PrometheusSample> scrape() throws Exception {
		HttpResponse<String> response = get(managementPort(), "/actuator/prometheus");
		assertThat(response.statusCode()).isEqualTo(200);
		return PrometheusSample.parse(response.body());
	}

	private int appPort() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private int managementPort() {
		return this.environment.getRequiredProperty("local.management.port", Integer.class);
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
