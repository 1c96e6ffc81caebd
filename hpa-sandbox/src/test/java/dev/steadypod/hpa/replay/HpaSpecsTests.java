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

package dev.steadypod.hpa.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.model.MetricTarget;
import dev.steadypod.hpa.model.ScalingPolicy;
import dev.steadypod.hpa.model.SelectPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Reading the HPA a replay runs, from a manifest or the chart's values. */
class HpaSpecsTests {

	private static final Path CHART_VALUES = Path.of("..", "helm", "steadypod", "values.yaml");

	@TempDir
	Path dir;

	@Test
	void theChartsValuesGiveAMetricPerSignalEnabledInValuesYamlAndTheBehavior() throws Exception {
		AutoscalerSpec spec = HpaSpecs.read(CHART_VALUES);
		assertThat(spec.minReplicas()).isEqualTo(2);
		assertThat(spec.maxReplicas()).isEqualTo(10);
		Map<String, Object> autoscaling = chartAutoscaling();
		List<MetricSpec> expected = new ArrayList<>();
		SIGNALS.forEach((signal, metric) -> {
			Map<String, Object> block = block(autoscaling, signal);
			if (Boolean.TRUE.equals(block.get("enabled"))) {
				expected.add(switch (signal) {
					case "cpu" -> new MetricSpec.Resource("cpu", null,
							MetricTarget.utilization((Integer) block.get("targetAverageUtilization")));
					case "threadPool" -> new MetricSpec.Pods(metric,
							MetricTarget.averageValue(10L * (Integer) block.get("targetUtilization")));
					default ->
						new MetricSpec.Pods(metric, MetricTarget.averageValue(1000L * (Integer) block.get("target")));
				});
			}
		});
		assertThat(expected).as("signals enabled in values.yaml").isNotEmpty();
		assertThat(spec.metrics()).containsExactlyElementsOf(expected);
		Map<String, Object> up = block(autoscaling, "scaleUp");
		Map<String, Object> down = block(autoscaling, "scaleDown");
		assertThat(spec.behavior().scaleUp().stabilizationWindowSeconds())
			.isEqualTo(up.get("stabilizationWindowSeconds"));
		assertThat(spec.behavior().scaleUp().policies()).containsExactly(
				new ScalingPolicy(ScalingPolicy.Type.PODS, (Integer) up.get("pods"), (Integer) up.get("periodSeconds")),
				new ScalingPolicy(ScalingPolicy.Type.PERCENT, (Integer) up.get("percent"),
						(Integer) up.get("periodSeconds")));
		assertThat(spec.behavior().scaleDown().selectPolicy()).isEqualTo(SelectPolicy.MIN);
		assertThat(spec.behavior().scaleDown().stabilizationWindowSeconds())
			.isEqualTo(down.get("stabilizationWindowSeconds"));
		assertThat(spec.behavior().scaleDown().policies()).containsExactly(new ScalingPolicy(ScalingPolicy.Type.PERCENT,
				(Integer) down.get("percent"), (Integer) down.get("periodSeconds")));
	}

	@Test
	void theDefaultsForPartialValuesAreTheChartsOwn() throws Exception {
		Map<String, Object> autoscaling = chartAutoscaling();
		HpaSpecs.CHART_DEFAULTS.forEach((key, value) -> assertThat(autoscaling).containsEntry(key, value));
		autoscaling.forEach((key, value) -> {
			if (!List.of("enabled", "engine", "keda").contains(key)) {
				assertThat(HpaSpecs.CHART_DEFAULTS).as("autoscaling.%s of values.yaml", key).containsEntry(key, value);
			}
		});
		assertThat(HpaSpecs.CHART_PODS_SIGNALS.keySet())
			.allSatisfy((signal) -> assertThat(autoscaling).containsKey(signal));
	}

	@Test
	void eachSignalAloneBecomesItsOneMetric() throws Exception {
		Map<String, MetricSpec> alone = Map.of("cpu",
				new MetricSpec.Resource("cpu", null, MetricTarget.utilization(70)), "inFlight",
				new MetricSpec.Pods("http_requests_in_flight", MetricTarget.averageValue(2_500)), "concurrency",
				new MetricSpec.Pods("http_requests_concurrency", MetricTarget.averageValue(12_000)),
				"requestsPerSecond",
				new MetricSpec.Pods("http_requests_per_second", MetricTarget.averageValue(150_000)), "threadPool",
				new MetricSpec.Pods("tomcat_threads_busy_ratio", MetricTarget.averageValue(650)));
		for (String signal : SIGNALS.keySet()) {
			String text = """
					autoscaling:
					  cpu: {enabled: %s, targetAverageUtilization: 70}
					  inFlight: {enabled: %s, target: 2500m}
					  concurrency: {enabled: %s, target: 12}
					  requestsPerSecond: {enabled: %s, target: "150"}
					  threadPool: {enabled: %s, targetUtilization: 65}
					""".formatted(signal.equals("cpu"), signal.equals("inFlight"), signal.equals("concurrency"),
					signal.equals("requestsPerSecond"), signal.equals("threadPool"));
			Path values = Files.writeString(this.dir.resolve(signal + ".yaml"), text);
			assertThat(HpaSpecs.read(values).metrics()).as(signal).containsExactly(alone.get(signal));
		}
	}

	@Test
	void everySignalAtOnceGivesEveryMetricInTheChartsOrder() throws Exception {
		Path values = Files.writeString(this.dir.resolve("values.yaml"), """
				autoscaling:
				  cpu: {enabled: true}
				  inFlight: {enabled: true, target: 25}
				  concurrency: {enabled: true, target: 8}
				  requestsPerSecond: {enabled: true}
				  threadPool: {enabled: true, targetUtilization: 80}
				""");
		assertThat(HpaSpecs.read(values).metrics()).containsExactly(
				new MetricSpec.Resource("cpu", null, MetricTarget.utilization(80)),
				new MetricSpec.Pods("http_requests_in_flight", MetricTarget.averageValue(25_000)),
				new MetricSpec.Pods("http_requests_concurrency", MetricTarget.averageValue(8_000)),
				new MetricSpec.Pods("http_requests_per_second", MetricTarget.averageValue(100_000)),
				new MetricSpec.Pods("tomcat_threads_busy_ratio", MetricTarget.averageValue(800)));
	}

	@Test
	void partialValuesTakeTheRestFromTheChart() throws Exception {
		Path values = Files.writeString(this.dir.resolve("values.yaml"), """
				autoscaling:
				  enabled: true
				  inFlight: {enabled: true, target: 25}
				  cpu:
				    enabled: true
				""");
		AutoscalerSpec spec = HpaSpecs.read(values);
		assertThat(spec.metrics()).contains(new MetricSpec.Resource("cpu", null, MetricTarget.utilization(80)),
				new MetricSpec.Pods(Simulator.IN_FLIGHT_METRIC, MetricTarget.averageValue(25_000)));
		assertThat(spec.maxReplicas()).isEqualTo(10);
	}

	@Test
	void theReplacedInFlightTargetAndNoSignalAtAllAreRefusedNamingWhatToSet() throws Exception {
		Path old = Files.writeString(this.dir.resolve("old.yaml"), "autoscaling:\n  targetInFlightRequests: 25\n");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(old))
			.withMessageContaining("autoscaling.targetInFlightRequests was replaced by autoscaling.inFlight.target");
		Path none = Files.writeString(this.dir.resolve("none.yaml"), """
				autoscaling:
				  cpu: {enabled: false}
				  inFlight: {enabled: false}
				  concurrency: {enabled: false}
				  requestsPerSecond: {enabled: false}
				  threadPool: {enabled: false}
				""");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(none))
			.withMessageContaining("no autoscaling signal is enabled")
			.withMessageContaining("autoscaling.threadPool");
		Path notBoolean = Files.writeString(this.dir.resolve("yes.yaml"),
				"autoscaling:\n  concurrency: {enabled: yes please}\n");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(notBoolean))
			.withMessageContaining("autoscaling.concurrency.enabled must be true or false, was 'yes please'");
	}

	@Test
	void anHpaManifestIsFoundAmongOtherDocuments() throws Exception {
		Path file = Files.writeString(this.dir.resolve("hpa.yaml"), """
				apiVersion: v1
				kind: Service
				metadata: {name: shop}
				---
				apiVersion: autoscaling/v2
				kind: HorizontalPodAutoscaler
				metadata: {name: shop}
				spec:
				  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: shop}
				  minReplicas: 3
				  maxReplicas: 12
				  metrics:
				    - type: Resource
				      resource: {name: cpu, target: {type: Utilization, averageUtilization: 70}}
				    - type: Pods
				      pods:
				        metric: {name: http_requests_in_flight}
				        target: {type: AverageValue, averageValue: 7500m}
				  behavior:
				    scaleDown:
				      stabilizationWindowSeconds: 120
				""");
		AutoscalerSpec spec = HpaSpecs.read(file);
		assertThat(spec.minReplicas()).isEqualTo(3);
		assertThat(spec.metrics()).containsExactly(new MetricSpec.Resource("cpu", null, MetricTarget.utilization(70)),
				new MetricSpec.Pods(Simulator.IN_FLIGHT_METRIC, MetricTarget.averageValue(7_500)));
		// Filled with the API's defaults: 4 pods or 100 % per 15 s up.
		assertThat(spec.behavior().scaleUp().policies()).hasSize(2);
		assertThat(spec.behavior().scaleDown().stabilizationWindowSeconds()).isEqualTo(120);
	}

	@Test
	void anHpaWithoutBehaviorKeepsKubernetesDefaultBehavior() throws Exception {
		Path file = Files.writeString(this.dir.resolve("hpa.yaml"),
				"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec:\n  maxReplicas: 5\n");
		AutoscalerSpec spec = HpaSpecs.read(file);
		assertThat(spec.behavior()).isNull();
		assertThat(spec.minReplicas()).isEqualTo(1);
		assertThat(spec.metrics()).containsExactly(new MetricSpec.Resource("cpu", null, MetricTarget.utilization(80)));
	}

	@Test
	void everySignalsPodsMetricIsReadAndTheGaugesOwnNameMeansInFlight() throws Exception {
		Path file = Files.writeString(this.dir.resolve("hpa.yaml"),
				"""
						apiVersion: autoscaling/v2
						kind: HorizontalPodAutoscaler
						spec:
						  maxReplicas: 12
						  metrics:
						    - type: Pods
						      pods: {metric: {name: http_server_requests_active_seconds_count}, target: {type: AverageValue, averageValue: "10"}}
						    - type: Pods
						      pods: {metric: {name: http_requests_concurrency}, target: {type: AverageValue, averageValue: 8500m}}
						    - type: Pods
						      pods: {metric: {name: http_requests_per_second}, target: {type: AverageValue, averageValue: 120}}
						    - type: Pods
						      pods: {metric: {name: tomcat_threads_busy_ratio}, target: {type: AverageValue, averageValue: "0.8"}}
						""");
		assertThat(HpaSpecs.read(file).metrics()).containsExactly(
				new MetricSpec.Pods("http_requests_in_flight", MetricTarget.averageValue(10_000)),
				new MetricSpec.Pods("http_requests_concurrency", MetricTarget.averageValue(8_500)),
				new MetricSpec.Pods("http_requests_per_second", MetricTarget.averageValue(120_000)),
				new MetricSpec.Pods("tomcat_threads_busy_ratio", MetricTarget.averageValue(800)));
	}

	@Test
	void anUnknownMetricIsNamedWithWhatReplayCanDrive() throws Exception {
		Path file = Files.writeString(this.dir.resolve("hpa.yaml"), """
				apiVersion: autoscaling/v2
				kind: HorizontalPodAutoscaler
				spec:
				  maxReplicas: 5
				  metrics:
				    - type: Pods
				      pods: {metric: {name: queue_depth}, target: {type: AverageValue, averageValue: "30"}}
				""");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(file))
			.withMessageContaining("spec.metrics[0] is the metric 'Pods queue_depth'")
			.withMessageContaining("CPU (type Resource, name cpu)")
			.withMessageContaining("http_requests_in_flight (or http_server_requests_active_seconds_count)")
			.withMessageContaining("http_requests_concurrency")
			.withMessageContaining("http_requests_per_second")
			.withMessageContaining("tomcat_threads_busy_ratio");
	}

	@Test
	void malformedYamlIsReportedWithItsPosition() throws Exception {
		Path file = Files.writeString(this.dir.resolve("hpa.yaml"), "spec:\n  maxReplicas: [5\n  minReplicas: 1\n");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(file))
			.withMessageContaining("is not valid YAML")
			.withMessageContaining("line");
	}

	@Test
	void anOlderApiVersionAMissingMaxAndABadQuantityAreNamed() throws Exception {
		Path v1 = Files.writeString(this.dir.resolve("v1.yaml"),
				"apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nspec: {maxReplicas: 3}\n");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(v1))
			.withMessageContaining("apiVersion 'autoscaling/v1' is not supported");
		Path noMax = Files.writeString(this.dir.resolve("nomax.yaml"),
				"apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nspec: {minReplicas: 3}\n");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(noMax))
			.withMessageContaining("missing spec.maxReplicas");
		Path badTarget = Files.writeString(this.dir.resolve("values.yaml"),
				"autoscaling:\n  concurrency: {enabled: true, target: lots}\n");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(badTarget))
			.withMessageContaining("autoscaling.concurrency.target must be a quantity");
	}

	/** The chart's signals in the order it renders them, with their HPA metric names. */
	private static final Map<String, String> SIGNALS = signals();

	private static Map<String, String> signals() {
		Map<String, String> signals = new LinkedHashMap<>();
		signals.put("cpu", "cpu");
		signals.put("inFlight", "http_requests_in_flight");
		signals.put("concurrency", "http_requests_concurrency");
		signals.put("requestsPerSecond", "http_requests_per_second");
		signals.put("threadPool", "tomcat_threads_busy_ratio");
		return signals;
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> chartAutoscaling() throws Exception {
		Map<String, Object> values = new Yaml().load(Files.readString(CHART_VALUES));
		return (Map<String, Object>) values.get("autoscaling");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> block(Map<String, Object> autoscaling, String signal) {
		return (Map<String, Object>) autoscaling.get(signal);
	}

	@Test
	void aFileWithNeitherIsExplained() throws Exception {
		Path file = Files.writeString(this.dir.resolve("other.yaml"), "replicaCount: 3\n");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(file))
			.withMessageContaining("holds neither a HorizontalPodAutoscaler");
	}

}
