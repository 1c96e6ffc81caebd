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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.LintResult;
import dev.steadypod.testsupport.PrometheusAdapterRule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The signals the chart can autoscale on ({@code autoscaling.cpu}, {@code inFlight},
 * {@code concurrency}, {@code requestsPerSecond}, {@code threadPool}), each alone and all
 * at once, as HPA metrics and as KEDA triggers, rendered by real Helm: every {@code Pods}
 * metric is one the prometheus-adapter rules serve, and every KEDA query is that rule's
 * per-pod query over the release's pods, summed.
 */
class SteadypodChartAutoscalingSignalsTests {

	/** The signals, in the order of values.yaml and of the rendered metrics. */
	static final List<String> SIGNALS = List.of("cpu", "inFlight", "concurrency", "requestsPerSecond", "threadPool");

	/** Targets other than the defaults, so a test sees each one reach the output. */
	private static final Map<String, Object> TARGETS = Map.of("autoscaling.cpu.targetAverageUtilization", 70,
			"autoscaling.inFlight.target", "2500m", "autoscaling.concurrency.target", 12,
			"autoscaling.requestsPerSecond.target", 150, "autoscaling.threadPool.targetUtilization", 65);

	/** What the HPA asks for with {@link #TARGETS}: type, metric name, target. */
	private static final Map<String, String> HPA_METRICS = Map.of("cpu", "Resource cpu Utilization 70", "inFlight",
			"Pods http_requests_in_flight AverageValue 2500m", "concurrency",
			"Pods http_requests_concurrency AverageValue 12", "requestsPerSecond",
			"Pods http_requests_per_second AverageValue 150", "threadPool",
			"Pods tomcat_threads_busy_ratio AverageValue 650m");

	/** KEDA's threshold for each Pods signal with {@link #TARGETS}: a plain number. */
	private static final Map<String, String> KEDA_THRESHOLDS = Map.of("inFlight", "2.5", "concurrency", "12",
			"requestsPerSecond", "150", "threadPool", "0.65");

	/** The label matchers of a KEDA query: the namespace and the Deployment's pods. */
	private static final String KEDA_PODS = SteadypodChart.FULLNAME + "-[a-z0-9]+-[a-z0-9]+";

	/**
	 * Autoscaling on, with {@code engine} and exactly the given signals enabled.
	 */
	static Map<String, Object> only(String engine, String... signals) {
		Map<String, Object> sets = new LinkedHashMap<>(TARGETS);
		sets.put("autoscaling.enabled", true);
		sets.put("autoscaling.engine", engine);
		for (String signal : SIGNALS) {
			sets.put("autoscaling." + signal + ".enabled", List.of(signals).contains(signal));
		}
		return sets;
	}

	@Test
	void withAutoscalingOnTheHpaScalesOnTheSignalsValuesYamlEnables() {
		Map<String, Object> values = SteadypodChart.defaultValues();
		List<String> enabled = SIGNALS.stream()
			.filter((signal) -> Boolean.TRUE
				.equals(SteadypodChartRenderingTests.value(values, "autoscaling." + signal + ".enabled")))
			.toList();
		assertThat(enabled).as("signals enabled in values.yaml").isNotEmpty();
		HorizontalPodAutoscaler hpa = SteadypodChart.template(Map.of("autoscaling.enabled", true))
			.get(HorizontalPodAutoscaler.class);
		assertThat(hpa.getSpec().getMetrics()).extracting(SteadypodChartAutoscalingSignalsTests::metricName)
			.containsExactlyElementsOf(
					enabled.stream().map(SteadypodChartAutoscalingSignalsTests::metricName).toList());
	}

	@Test
	void eachSignalAloneIsTheHpasOneMetricWithItsTarget() {
		for (String signal : SIGNALS) {
			HorizontalPodAutoscaler hpa = SteadypodChart.template(only("hpa", signal))
				.get(HorizontalPodAutoscaler.class);
			assertThat(hpa.getSpec().getMetrics()).as(signal)
				.extracting(SteadypodChartAutoscalingSignalsTests::describe)
				.containsExactly(HPA_METRICS.get(signal));
		}
	}

	@Test
	void everySignalAtOnceGivesOneHpaMetricEachInTheOrderOfTheValues() {
		HorizontalPodAutoscaler hpa = SteadypodChart.template(only("hpa", SIGNALS.toArray(String[]::new)))
			.get(HorizontalPodAutoscaler.class);
		assertThat(hpa.getSpec().getMetrics()).extracting(SteadypodChartAutoscalingSignalsTests::describe)
			.containsExactlyElementsOf(SIGNALS.stream().map(HPA_METRICS::get).toList());
	}

	@Test
	void theHpaAsksForExactlyTheMetricsThePrometheusAdapterRulesServe() {
		HorizontalPodAutoscaler hpa = SteadypodChart.template(only("hpa", SIGNALS.toArray(String[]::new)))
			.get(HorizontalPodAutoscaler.class);
		List<String> podsMetrics = hpa.getSpec()
			.getMetrics()
			.stream()
			.filter((metric) -> metric.getType().equals("Pods"))
			.map((metric) -> metric.getPods().getMetric().getName())
			.toList();
		assertThat(podsMetrics).containsExactlyElementsOf(
				PrometheusAdapterRule.all().stream().map(PrometheusAdapterRule::nameAs).toList());
		PrometheusAdapterRule.METRICS_BY_SIGNAL.forEach((signal, metric) -> assertThat(
				SteadypodChart.template(only("hpa", signal)).get(HorizontalPodAutoscaler.class).getSpec().getMetrics())
			.as(signal)
			.singleElement()
			.satisfies((spec) -> assertThat(spec.getPods().getMetric().getName()).isEqualTo(metric)));
	}

	@Test
	void eachSignalAloneIsTheScaledObjectsOneTriggerOnTheAdapterRulesQuery() {
		for (String signal : SIGNALS) {
			List<Map<String, Object>> triggers = triggers(SteadypodChart.template(only("keda", signal)));
			assertThat(triggers).as(signal).singleElement().satisfies((trigger) -> assertTrigger(signal, trigger));
		}
	}

	@Test
	void everySignalAtOnceGivesOneKedaTriggerEachInTheOrderOfTheValues() {
		List<Map<String, Object>> triggers = triggers(
				SteadypodChart.template(only("keda", SIGNALS.toArray(String[]::new))));
		assertThat(triggers).extracting((trigger) -> trigger.get("name")).containsExactlyElementsOf(SIGNALS);
		for (int i = 0; i < SIGNALS.size(); i++) {
			assertTrigger(SIGNALS.get(i), triggers.get(i));
		}
	}

	@Test
	void lintStrictIsCleanForEachSignalAloneAndAllAtOnceWithEitherEngine(@TempDir Path workDir) {
		int i = 0;
		for (Map<String, Object> mode : modes()) {
			LintResult result = SteadypodChart.lintStrict(mode, workDir.resolve("mode-" + i++));
			assertThat(result.isFailed()).as("lint --strict with %s: %s", mode, result.getMessages()).isFalse();
			assertThat(result.getMessages()).as("lint --strict with %s", mode)
				.noneMatch((message) -> message.contains("[WARNING]") || message.contains("[ERROR]"));
		}
	}

	@Test
	void everyRenderedScaledObjectIsValidAgainstKedasSchema() throws Exception {
		String reason = KedaSchemaValidator.unavailableReason().orElse(null);
		if (reason != null && "true".equals(System.getenv("CI"))) {
			fail("CI must validate the ScaledObject against KEDA's schema, but " + reason);
		}
		assumeTrue(reason == null, () -> "Skipped: " + reason);
		KubernetesSerialization serialization = new KubernetesSerialization();
		for (Map<String, Object> mode : modes()) {
			if (mode.get("autoscaling.engine").equals("keda")) {
				GenericKubernetesResource scaledObject = SteadypodChart.template(mode).generic("ScaledObject").get(0);
				assertThat(KedaSchemaValidator.validateScaledObject(serialization.asJson(scaledObject))).as("%s", mode)
					.isEqualTo("valid");
			}
		}
	}

	@Test
	void autoscalingWithNoSignalIsRefusedNamingTheSignals() {
		for (String engine : List.of("hpa", "keda")) {
			assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.template(only(engine)))
				.withMessageContaining("autoscaling.enabled is true but no signal is")
				.withMessageContaining("autoscaling.inFlight")
				.withMessageContaining("autoscaling.threadPool");
		}
		assertThat(SteadypodChart.template(Map.of("autoscaling.inFlight.enabled", false, "autoscaling.cpu.enabled",
				false, "autoscaling.concurrency.enabled", false, "autoscaling.requestsPerSecond.enabled", false,
				"autoscaling.threadPool.enabled", false))
			.all(HorizontalPodAutoscaler.class)).as("no signal is fine while autoscaling is off").isEmpty();
	}

	@Test
	void theReplacedInFlightTargetIsRefusedNamingItsReplacementEvenWithAutoscalingOff() {
		for (Map<String, Object> sets : List.<Map<String, Object>>of(Map.of("autoscaling.targetInFlightRequests", 10),
				Map.of("autoscaling.enabled", true, "autoscaling.engine", "keda", "autoscaling.targetInFlightRequests",
						"2500m"))) {
			assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.template(sets))
				.withMessageContaining("autoscaling.targetInFlightRequests")
				.withMessageContaining("was replaced by autoscaling.inFlight.target");
		}
	}

	@Test
	void aTargetThatIsNotPositiveIsRefused() {
		for (String signal : List.of("inFlight", "concurrency", "requestsPerSecond")) {
			for (String zero : List.of("0", "0m", "0.0")) {
				Map<String, Object> sets = new LinkedHashMap<>(only("hpa", signal));
				sets.put("autoscaling." + signal + ".target", zero);
				assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.template(sets))
					.withMessageContaining("autoscaling." + signal + ".target (" + zero + ") must be greater than 0");
			}
		}
		Map<String, Object> negative = new LinkedHashMap<>(only("hpa", "concurrency"));
		negative.put("autoscaling.concurrency.target", "-5");
		assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.template(negative))
			.withMessageContaining("/autoscaling/concurrency/target");
		Map<String, Object> noThreads = new LinkedHashMap<>(only("hpa", "threadPool"));
		noThreads.put("autoscaling.threadPool.targetUtilization", 0);
		assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.template(noThreads))
			.withMessageContaining("/autoscaling/threadPool/targetUtilization");
	}

	@Test
	void cpuWithoutACpuRequestIsRefusedWithEitherEngine(@TempDir Path workDir) {
		for (String engine : List.of("hpa", "keda")) {
			String values = """
					resources: {requests: {cpu: null}}
					autoscaling: {enabled: true, engine: %s, cpu: {enabled: true}}
					""".formatted(engine);
			assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.templateWithValues(values, workDir))
				.withMessageContaining("resources.requests.cpu must be set");
		}
	}

	@Test
	void notesNameTheCustomMetricOfEachEnabledPodsSignal() {
		String notes = SteadypodChart.installDryRun(only("hpa", "cpu", "concurrency", "threadPool"));
		assertThat(notes)
			.contains("Autoscaling on cpu, concurrency, threadPool",
					"/apis/custom.metrics.k8s.io/v1beta1/namespaces/steady/pods/*/http_requests_concurrency",
					"/apis/custom.metrics.k8s.io/v1beta1/namespaces/steady/pods/*/tomcat_threads_busy_ratio",
					"metrics-server")
			.doesNotContain("pods/*/http_requests_in_flight");
	}

	/** Each signal alone and all at once, with either engine. */
	private static List<Map<String, Object>> modes() {
		List<Map<String, Object>> modes = new ArrayList<>();
		for (String engine : List.of("hpa", "keda")) {
			SIGNALS.forEach((signal) -> modes.add(only(engine, signal)));
			modes.add(only(engine, SIGNALS.toArray(String[]::new)));
		}
		return modes;
	}

	private static void assertTrigger(String signal, Map<String, Object> trigger) {
		assertThat(trigger).as(signal).containsEntry("name", signal);
		if (signal.equals("cpu")) {
			assertThat(trigger).containsEntry("type", "cpu").containsEntry("metricType", "Utilization");
			assertThat(metadata(trigger)).containsExactlyEntriesOf(Map.of("value", "70"));
			return;
		}
		PrometheusAdapterRule rule = PrometheusAdapterRule.load(PrometheusAdapterRule.METRICS_BY_SIGNAL.get(signal));
		assertThat(trigger).containsEntry("type", "prometheus").containsEntry("metricType", "AverageValue");
		assertThat(metadata(trigger)).as(signal)
			.containsEntry("serverAddress", "http://prometheus-server.monitoring.svc:80")
			.containsEntry("threshold", KEDA_THRESHOLDS.get(signal))
			.containsEntry("ignoreNullValues", "true")
			.containsEntry("query",
					"sum(" + rule.renderMetricsQuery(SteadypodChart.NAMESPACE, List.of(KEDA_PODS)) + ")");
	}

	/** {@code Resource cpu} or {@code Pods <name>}, the way the HPA names a metric. */
	private static String metricName(MetricSpec metric) {
		return metric.getType().equals("Resource") ? "Resource " + metric.getResource().getName()
				: metric.getType() + " " + metric.getPods().getMetric().getName();
	}

	private static String metricName(String signal) {
		return signal.equals("cpu") ? "Resource cpu" : "Pods " + PrometheusAdapterRule.METRICS_BY_SIGNAL.get(signal);
	}

	private static String describe(MetricSpec metric) {
		if (metric.getType().equals("Resource")) {
			return metricName(metric) + " " + metric.getResource().getTarget().getType() + " "
					+ metric.getResource().getTarget().getAverageUtilization();
		}
		return metricName(metric) + " " + metric.getPods().getTarget().getType() + " "
				+ metric.getPods().getTarget().getAverageValue();
	}

	@SuppressWarnings("unchecked")
	static List<Map<String, Object>> triggers(RenderedChart chart) {
		Map<String, Object> spec = (Map<String, Object>) chart.generic("ScaledObject")
			.get(0)
			.getAdditionalProperties()
			.get("spec");
		return (List<Map<String, Object>>) spec.get("triggers");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadata(Map<String, Object> trigger) {
		return (Map<String, Object>) trigger.get("metadata");
	}

}
