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

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.Helm;
import dev.steadypod.testsupport.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The queries of the chart's KEDA Prometheus triggers, rendered by real Helm with
 * {@code autoscaling.engine=keda} and every signal enabled, run against a real Prometheus
 * that scrapes the demo app with the labels Kubernetes service discovery attaches to a
 * pod of the release: each answers with one number; the in-flight one with the number of
 * requests in flight, then 0; a pod of another release does not count. Tomcat's MBean
 * registry is on, as the thread-pool signal needs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "spring.config.import=",
				"server.tomcat.mbeanregistry.enabled=true" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KedaTriggerPrometheusTests {

	private static final int IN_FLIGHT = 9;

	private static final String RELEASE = "shop";

	private static final String NAMESPACE = "steady";

	/** A pod name of the release's Deployment: fullname, ReplicaSet hash, suffix. */
	private static final String POD = "shop-steadypod-7d9f8b6c4-x2k4q";

	@Autowired
	private Environment environment;

	private PrometheusServer prometheus;

	@BeforeAll
	void startPrometheus(@TempDir Path workDir) throws Exception {
		Path binary = ScrapingPrometheus.binary("the KEDA query").orElse(null);
		if (binary == null) {
			return;
		}
		SlowRequests.start(port("local.server.port"), 1, Duration.ZERO).close();
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
	void kedaTriggerQueryReturnsTheRequestsInFlightThenZero() throws Exception {
		String query = kedaQueries(RELEASE).get("inFlight");
		await("idle release reads 0").atMost(Duration.ofSeconds(10))
			.until(() -> this.prometheus.query(query), Map.of(Map.of(), 0.0)::equals);
		try (SlowRequests requests = SlowRequests.start(port("local.server.port"), IN_FLIGHT, Duration.ofSeconds(8))) {
			await("9 in flight").atMost(Duration.ofSeconds(6))
				.until(() -> this.prometheus.query(query), Map.of(Map.of(), (double) IN_FLIGHT)::equals);
			System.out.println("Prometheus answered the KEDA trigger query " + query + " with " + IN_FLIGHT);
			assertThat(requests.statusCodes()).containsOnly(200).hasSize(IN_FLIGHT);
		}
		await("back to 0").atMost(Duration.ofSeconds(10))
			.until(() -> this.prometheus.query(query), Map.of(Map.of(), 0.0)::equals);
	}

	@Test
	void everyKedaTriggerQueryReturnsOneNumberAndBusySignalsRiseUnderLoad() throws Exception {
		Map<String, String> queries = kedaQueries(RELEASE);
		assertThat(queries.keySet()).containsExactly("inFlight", "concurrency", "requestsPerSecond", "threadPool");
		try (SlowRequests requests = SlowRequests.start(port("local.server.port"), IN_FLIGHT, Duration.ofSeconds(3))) {
			Map<Map<String, String>, Double> busy = await("threadPool busy").atMost(Duration.ofSeconds(6))
				.until(() -> this.prometheus.query(queries.get("threadPool")), (answer) -> positive(answer));
			System.out.println("Prometheus answered the threadPool KEDA query with " + busy + " while " + IN_FLIGHT
					+ " requests were in flight");
			assertThat(busy.get(Map.of())).isLessThanOrEqualTo(1.0);
			assertThat(requests.statusCodes()).containsOnly(200).hasSize(IN_FLIGHT);
		}
		for (String signal : List.of("concurrency", "requestsPerSecond")) {
			Map<Map<String, String>, Double> value = await(signal + " after the requests")
				.atMost(Duration.ofSeconds(10))
				.until(() -> this.prometheus.query(queries.get(signal)), (answer) -> positive(answer));
			System.out
				.println("Prometheus answered the " + signal + " KEDA query " + queries.get(signal) + " with " + value);
		}
	}

	@Test
	void anotherReleasesQueriesDoNotCountThisPod() throws Exception {
		Map<String, String> queries = kedaQueries("shop-admin");
		assertThat(queries).hasSize(4);
		for (String query : queries.values()) {
			assertThat(this.prometheus.query(query)).as(query).isEmpty();
		}
	}

	/** One number without labels, as a KEDA trigger needs, and above 0. */
	private static boolean positive(Map<Map<String, String>, Double> answer) {
		return answer.size() == 1 && answer.containsKey(Map.of()) && answer.get(Map.of()) > 0;
	}

	/**
	 * The query of each Prometheus trigger, by trigger name, with every signal enabled.
	 */
	@SuppressWarnings("unchecked")
	private static Map<String, String> kedaQueries(String release) {
		String manifest = new Helm(Path.of("..", "helm", "steadypod").toAbsolutePath().normalize()).template()
			.withName(release)
			.withNamespace(NAMESPACE)
			.set("autoscaling.enabled", true)
			.set("autoscaling.engine", "keda")
			.set("autoscaling.cpu.enabled", true)
			.set("autoscaling.inFlight.enabled", true)
			.set("autoscaling.concurrency.enabled", true)
			.set("autoscaling.requestsPerSecond.enabled", true)
			.set("autoscaling.threadPool.enabled", true)
			.call();
		for (Object document : new Yaml().loadAll(manifest)) {
			if (document instanceof Map<?, ?> object && "ScaledObject".equals(object.get("kind"))) {
				Map<String, Object> spec = (Map<String, Object>) object.get("spec");
				Map<String, String> queries = new LinkedHashMap<>();
				for (Map<String, Object> trigger : (List<Map<String, Object>>) spec.get("triggers")) {
					if ("prometheus".equals(trigger.get("type"))) {
						queries.put((String) trigger.get("name"),
								(String) ((Map<String, Object>) trigger.get("metadata")).get("query"));
					}
				}
				return queries;
			}
		}
		throw new AssertionError("No ScaledObject rendered");
	}

	private int port(String property) {
		return this.environment.getRequiredProperty(property, Integer.class);
	}

}
