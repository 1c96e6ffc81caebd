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
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The query of the chart's KEDA Prometheus trigger, rendered by real Helm with
 * {@code autoscaling.engine=keda}, run against a real Prometheus that scrapes the demo
 * app with the labels Kubernetes service discovery attaches to a pod of the release: it
 * answers with the number of requests in flight, then 0; a pod of another release does
 * not count.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "spring.config.import=" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KedaTriggerPrometheusTests {

	private static final int IN_FLIGHT = 9;

	private static final String RELEASE = "shop";

	private static final String NAMESPACE = "steady";

	/** A pod name of the release's Deployment: fullname, ReplicaSet hash, suffix. */
	private static final String POD = "shop-steadypod-7d9f8b6c4-x2k4q";

	private static final String MISSING = "the prometheus binary is not on the PATH: install the Debian package '"
			+ PrometheusServer.DEBIAN_PACKAGE + "'; .ci/run installs it";

	@Autowired
	private Environment environment;

	private PrometheusServer prometheus;

	@BeforeAll
	void startPrometheus(@TempDir Path workDir) throws Exception {
		Path binary = PrometheusServer.binary().orElse(null);
		if (binary == null) {
			if ("true".equals(System.getenv("CI"))) {
				fail("CI must run the KEDA query against a real Prometheus, but " + MISSING);
			}
			return;
		}
		SlowRequests.start(port("local.server.port"), 1, Duration.ZERO).close();
		this.prometheus = PrometheusServer.start(binary, workDir, "127.0.0.1:" + port("local.management.port"),
				"/actuator/prometheus", Map.of("namespace", NAMESPACE, "pod", POD));
		await("scrape target up").atMost(Duration.ofSeconds(15))
			.until(this.prometheus::targetHealth, (health) -> health.equals(List.of("up")));
	}

	@BeforeEach
	void requirePrometheus() {
		assumeTrue(this.prometheus != null, () -> "Skipped: " + MISSING);
	}

	@AfterAll
	void stopPrometheus() {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
	}

	@Test
	void kedaTriggerQueryReturnsTheRequestsInFlightThenZero() throws Exception {
		String query = kedaQuery(RELEASE);
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
	void anotherReleasesQueryDoesNotCountThisPod() throws Exception {
		assertThat(this.prometheus.query(kedaQuery("shop-admin"))).isEmpty();
	}

	@SuppressWarnings("unchecked")
	private static String kedaQuery(String release) {
		String manifest = new Helm(Path.of("..", "helm", "steadypod").toAbsolutePath().normalize()).template()
			.withName(release)
			.withNamespace(NAMESPACE)
			.set("autoscaling.enabled", true)
			.set("autoscaling.engine", "keda")
			.call();
		for (Object document : new Yaml().loadAll(manifest)) {
			if (document instanceof Map<?, ?> object && "ScaledObject".equals(object.get("kind"))) {
				Map<String, Object> spec = (Map<String, Object>) object.get("spec");
				Map<String, Object> trigger = ((List<Map<String, Object>>) spec.get("triggers")).get(0);
				return (String) ((Map<String, Object>) trigger.get("metadata")).get("query");
			}
		}
		throw new AssertionError("No ScaledObject rendered");
	}

	private int port(String property) {
		return this.environment.getRequiredProperty(property, Integer.class);
	}

}
