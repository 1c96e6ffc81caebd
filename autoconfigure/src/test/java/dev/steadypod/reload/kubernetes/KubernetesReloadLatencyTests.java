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

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.steadypod.testsupport.MockKubernetesApi;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static dev.steadypod.reload.kubernetes.KubernetesConfigReloadTests.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Measures, in one run and one harness, the time from the HTTP update of a ConfigMap on
 * the mock API server to the new value served by {@code GET /greeting}: Steadypod's route
 * (validation included) beside spring-cloud-kubernetes' own default {@code REFRESH}
 * strategy. Logs median and worst of 20; asserts no timing, only that every update
 * arrived.
 */
class KubernetesReloadLatencyTests {

	private static final Log logger = LogFactory.getLog(KubernetesReloadLatencyTests.class);

	private static final int WARM_UP = 5;

	private static final int UPDATES = 20;

	@Test
	void steadypodRouteAndSpringCloudKubernetesRefreshAreMeasuredInTheSameHarness() {
		try (MockKubernetesApi api = MockKubernetesApi.start()) {
			api.putConfigMap("steadypod", "app", yaml("message: start\n  limit: 5"));
			api.putConfigMap("sck", "app", yaml("message: start\n  limit: 5"));
			// Both applications run side by side and are measured in alternation, so that
			// JIT warm-up and the
			// machine's load affect both alike. Each watches its own namespace:
			// spring-cloud-kubernetes keeps its
			// batch-read cache in a static field, which two applications in one JVM must
			// not share.
			try (KubernetesReloadApp steadypodApp = KubernetesReloadApp.start(api,
					"spring.cloud.kubernetes.client.namespace=steadypod");
					KubernetesReloadApp sckApp = KubernetesReloadApp.start(api,
							"spring.cloud.kubernetes.client.namespace=sck",
							"steadypod.reload.kubernetes.enabled=false")) {
				List<Double> steadypod = new ArrayList<>();
				List<Double> refresh = new ArrayList<>();
				for (int i = 0; i < WARM_UP + UPDATES; i++) {
					double a = measure(api, steadypodApp, "steadypod", i);
					double b = measure(api, sckApp, "sck", i);
					if (i >= WARM_UP) {
						steadypod.add(a);
						refresh.add(b);
					}
				}
				String report = String.format(
						"ConfigMap update on the mock API -> new value served, %d updates each:%n"
								+ "  Steadypod route (validated, source=kubernetes): median %.1f ms, worst %.1f ms%n"
								+ "  spring-cloud-kubernetes REFRESH strategy:        median %.1f ms, worst %.1f ms",
						UPDATES, median(steadypod), worst(steadypod), median(refresh), worst(refresh));
				logger.info(report);
				assertThat(steadypod).hasSize(UPDATES);
				assertThat(refresh).hasSize(UPDATES);
				assertThat(sckApp.reloads("kubernetes", "applied")).isZero();
				// The outcome is counted after the new value is already served.
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(steadypodApp.reloads("kubernetes", "applied"))
						.isEqualTo(WARM_UP + UPDATES));
			}
		}
	}

	/**
	 * Milliseconds from the PATCH of the application's ConfigMap to the new value served.
	 */
	private static double measure(MockKubernetesApi api, KubernetesReloadApp app, String name, int round) {
		String message = name + "-" + round;
		long sent = api.updateConfigMap(name, "app", yaml("message: " + message + "\n  limit: 5"));
		long deadline = sent + 10_000_000_000L;
		while (!message.equals(app.message())) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("update " + message + " not served within 10s");
			}
			Thread.onSpinWait();
		}
		return (System.nanoTime() - sent) / 1_000_000.0;
	}

	private static double median(List<Double> values) {
		List<Double> sorted = new ArrayList<>(values);
		Collections.sort(sorted);
		int n = sorted.size();
		return (n % 2 == 1) ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
	}

	private static double worst(List<Double> values) {
		return Collections.max(values);
	}

}
