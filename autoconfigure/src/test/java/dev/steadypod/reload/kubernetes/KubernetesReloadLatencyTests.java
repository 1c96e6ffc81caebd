package dev.steadypod.reload.kubernetes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.steadypod.testsupport.MockKubernetesApi;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;

import static dev.steadypod.reload.kubernetes.KubernetesConfigReloadTests.yaml;
import static dev.steadypod.reload.kubernetes.KubernetesReloadApp.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measures, in one run and one harness, the time from the HTTP update of a ConfigMap on the mock
 * API server to the new value served by {@code GET /greeting}: Steadypod's route (validation
 * included) beside spring-cloud-kubernetes' own default {@code REFRESH} strategy. Logs median and
 * worst of 20; asserts no timing, only that every update arrived.
 */
class KubernetesReloadLatencyTests {

	private static final Log logger = LogFactory.getLog(KubernetesReloadLatencyTests.class);

	private static final int WARM_UP = 3;

	private static final int UPDATES = 20;

	@Test
	void steadypodRouteAndSpringCloudKubernetesRefreshAreMeasuredInTheSameHarness() throws Exception {
		try (MockKubernetesApi api = MockKubernetesApi.start()) {
			api.putConfigMap(NAMESPACE, "app", yaml("message: start\n  limit: 5"));
			List<Double> steadypod = measure(api, "steadypod");
			List<Double> refresh = measure(api, "sck", "steadypod.reload.kubernetes.enabled=false");
			String report = String.format(
					"ConfigMap update on the mock API -> new value served, %d updates each:%n"
							+ "  Steadypod route (validated, source=kubernetes): median %.1f ms, worst %.1f ms%n"
							+ "  spring-cloud-kubernetes REFRESH strategy:        median %.1f ms, worst %.1f ms",
					UPDATES, median(steadypod), worst(steadypod), median(refresh), worst(refresh));
			logger.info(report);
			System.out.println(report);
			assertThat(steadypod).hasSize(UPDATES);
			assertThat(refresh).hasSize(UPDATES);
		}
	}

	private List<Double> measure(MockKubernetesApi api, String label, String... properties) throws Exception {
		List<Double> millis = new ArrayList<>();
		try (KubernetesReloadApp app = KubernetesReloadApp.start(api, properties)) {
			for (int i = 0; i < WARM_UP + UPDATES; i++) {
				String message = label + "-" + i;
				long sent = api.updateConfigMap(NAMESPACE, "app", yaml("message: " + message + "\n  limit: 5"));
				long deadline = sent + 10_000_000_000L;
				while (!message.equals(app.message())) {
					if (System.nanoTime() > deadline) {
						throw new AssertionError("update " + message + " not served within 10s");
					}
					Thread.onSpinWait();
				}
				long served = System.nanoTime();
				if (i >= WARM_UP) {
					millis.add((served - sent) / 1_000_000.0);
				}
			}
		}
		return millis;
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
