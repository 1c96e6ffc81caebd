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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.steadypod.testsupport.PrometheusAdapterRule;
import dev.steadypod.testsupport.PrometheusServer;
import dev.steadypod.testsupport.PrometheusServer.PrometheusQueryException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * End to end with a real Prometheus: it scrapes the demo app's management port every
 * second with the labels Kubernetes service discovery would attach, and answers the query
 * prometheus-adapter builds from the shipped in-flight rule with the number of requests
 * in flight, and the query of every other shipped rule with a number for the pod.
 * Tomcat's MBean registry is on, as the thread-pool rule needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "spring.config.import=",
				"server.tomcat.mbeanregistry.enabled=true" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InFlightRequestsPrometheusTests {

	private static final int IN_FLIGHT = 12;

	private static final String NAMESPACE = "shop";

	private static final String POD = "demo-7d9f-x2k4q";

	private final PrometheusAdapterRule rule = PrometheusAdapterRule.load();

	@Autowired
	private Environment environment;

	private PrometheusServer prometheus;

	@BeforeAll
	void startPrometheus(@TempDir Path workDir) throws Exception {
		Path binary = ScrapingPrometheus.binary("the adapter query").orElse(null);
		if (binary == null) {
			// Each test then reports itself skipped with the reason (see
			// requirePrometheus).
			return;
		}
		// The in-flight timer is registered on the first request; before it there is no
		// series to find.
		SlowRequests.start(appPort(), 1, Duration.ZERO).close();
		this.prometheus = ScrapingPrometheus.scrape(binary, workDir, this.environment,
				Map.of("namespace", NAMESPACE, "pod", POD), Duration.ofSeconds(15));
	}

	@BeforeEach
	void requirePrometheus() {
		assumeTrue(this.prometheus != null, () -> "Skipped: " + ScrapingPrometheus.MISSING);
	}

	@AfterAll
	void stopPrometheus() {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
	}

	@Test
	void adapterQueryReturnsTheRequestsInFlightThenZero() throws Exception {
		String query = this.rule.renderMetricsQuery(this.rule.seriesSelector().metricName(), NAMESPACE, List.of(POD));
		Map<Map<String, String>, Double> perPod = Map.of(Map.of("pod", POD), 0.0);
		await("idle pod reads 0").atMost(Duration.ofSeconds(10))
			.until(() -> this.prometheus.query(query), perPod::equals);
		try (SlowRequests requests = SlowRequests.start(appPort(), IN_FLIGHT, Duration.ofSeconds(8))) {
			Map<Map<String, String>, Double> busy = await("12 in flight").atMost(Duration.ofSeconds(6))
				.until(() -> this.prometheus.query(query), Map.of(Map.of("pod", POD), (double) IN_FLIGHT)::equals);
			System.out.println("Prometheus answered " + query + " with " + busy + " while " + IN_FLIGHT
					+ " requests were in flight");
			assertThat(requests.statusCodes()).containsOnly(200).hasSize(IN_FLIGHT);
		}
		Map<Map<String, String>, Double> idle = await("back to 0").atMost(Duration.ofSeconds(10))
			.until(() -> this.prometheus.query(query), perPod::equals);
		System.out.println("Prometheus answered " + query + " with " + idle + " after the requests ended");
	}

	@Test
	void everyAdapterRulesQueryReturnsANumberForThePodAndTheBusySignalsRiseUnderLoad() throws Exception {
		Map<String, String> queries = new LinkedHashMap<>();
		PrometheusAdapterRule.all()
			.forEach((rule) -> queries.put(rule.nameAs(), rule.renderMetricsQuery(NAMESPACE, List.of(POD))));
		assertThat(queries.keySet()).containsExactlyElementsOf(PrometheusAdapterRule.METRICS_BY_SIGNAL.values());
		for (Map.Entry<String, String> query : queries.entrySet()) {
			Map<Map<String, String>, Double> answer = await(query.getKey()).atMost(Duration.ofSeconds(10))
				.until(() -> this.prometheus.query(query.getValue()), (value) -> onePodAtLeast(value, 0));
			System.out.println("Prometheus answered " + query.getValue() + " with " + answer);
		}
		try (SlowRequests requests = SlowRequests.start(appPort(), 4, Duration.ofSeconds(3))) {
			await("busy threads").atMost(Duration.ofSeconds(6))
				.until(() -> this.prometheus.query(queries.get(PrometheusAdapterRule.THREAD_POOL)),
						(value) -> onePodAtLeast(value, Double.MIN_VALUE));
			assertThat(requests.statusCodes()).containsOnly(200).hasSize(4);
		}
		for (String metric : List.of(PrometheusAdapterRule.CONCURRENCY, PrometheusAdapterRule.REQUESTS_PER_SECOND)) {
			Map<Map<String, String>, Double> answer = await(metric + " after the requests")
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.prometheus.query(queries.get(metric)),
						(value) -> onePodAtLeast(value, Double.MIN_VALUE));
			System.out
				.println("Prometheus answered " + queries.get(metric) + " with " + answer + " after 4 requests of 3 s");
		}
	}

	/** One value, for the pod, a number at least {@code minimum}. */
	private static boolean onePodAtLeast(Map<Map<String, String>, Double> answer, double minimum) {
		Double value = answer.get(Map.of("pod", POD));
		return answer.size() == 1 && value != null && value >= minimum;
	}

	@Test
	void queryForAnotherPodOrNamespaceFindsNothing() throws Exception {
		assertThat(this.prometheus.query(
				this.rule.renderMetricsQuery(this.rule.seriesSelector().metricName(), NAMESPACE, List.of("other-pod"))))
			.isEmpty();
		assertThat(this.prometheus.query(
				this.rule.renderMetricsQuery(this.rule.seriesSelector().metricName(), "other-namespace", List.of(POD))))
			.isEmpty();
	}

	@Test
	void badMetricsQueryTemplateFailsWithPrometheusError(@TempDir Path dir) throws Exception {
		String values = Files.readString(this.rule.source()).replace("by (<<.GroupBy>>)", "by <<.GroupBy>>");
		PrometheusAdapterRule broken = PrometheusAdapterRule
			.load(Files.writeString(dir.resolve("values.yaml"), values));
		String query = broken.renderMetricsQuery(broken.seriesSelector().metricName(), NAMESPACE, List.of(POD));
		assertThatExceptionOfType(PrometheusQueryException.class).isThrownBy(() -> this.prometheus.query(query))
			.withMessageContaining("bad_data")
			.withMessageContaining("parse error");
	}

	private int appPort() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

}
