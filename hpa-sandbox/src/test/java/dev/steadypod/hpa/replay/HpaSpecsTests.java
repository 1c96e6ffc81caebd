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
	void theChartsValuesGiveItsInFlightHpaAndBehavior() throws Exception {
		AutoscalerSpec spec = HpaSpecs.read(CHART_VALUES);
		assertThat(spec.minReplicas()).isEqualTo(2);
		assertThat(spec.maxReplicas()).isEqualTo(10);
		assertThat(spec.metrics())
			.containsExactly(new MetricSpec.Pods(Simulator.IN_FLIGHT_METRIC, MetricTarget.averageValue(10_000)));
		assertThat(spec.behavior().scaleUp().policies()).containsExactly(
				new ScalingPolicy(ScalingPolicy.Type.PODS, 4, 15),
				new ScalingPolicy(ScalingPolicy.Type.PERCENT, 100, 15));
		assertThat(spec.behavior().scaleDown().selectPolicy()).isEqualTo(SelectPolicy.MIN);
		assertThat(spec.behavior().scaleDown().stabilizationWindowSeconds()).isEqualTo(300);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theDefaultsForPartialValuesAreTheChartsOwn() throws Exception {
		Map<String, Object> values = new Yaml().load(Files.readString(CHART_VALUES));
		Map<String, Object> autoscaling = (Map<String, Object>) values.get("autoscaling");
		HpaSpecs.CHART_DEFAULTS.forEach((key, value) -> {
			if (value instanceof Map<?, ?> block) {
				assertThat((Map<String, Object>) autoscaling.get(key)).as(key).containsAllEntriesOf((Map) block);
			}
			else {
				assertThat(autoscaling).containsEntry(key, value);
			}
		});
	}

	@Test
	void partialValuesTakeTheRestFromTheChart() throws Exception {
		Path values = Files.writeString(this.dir.resolve("values.yaml"),
				"autoscaling:\n  enabled: true\n  targetInFlightRequests: 25\n  cpu:\n    enabled: true\n");
		AutoscalerSpec spec = HpaSpecs.read(values);
		assertThat(spec.metrics()).containsExactly(
				new MetricSpec.Pods(Simulator.IN_FLIGHT_METRIC, MetricTarget.averageValue(25_000)),
				new MetricSpec.Resource("cpu", null, MetricTarget.utilization(80)));
		assertThat(spec.maxReplicas()).isEqualTo(10);
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
				"autoscaling:\n  targetInFlightRequests: lots\n");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(badTarget))
			.withMessageContaining("autoscaling.targetInFlightRequests must be a quantity");
	}

	@Test
	void aFileWithNeitherIsExplained() throws Exception {
		Path file = Files.writeString(this.dir.resolve("other.yaml"), "replicaCount: 3\n");
		assertThatIllegalArgumentException().isThrownBy(() -> HpaSpecs.read(file))
			.withMessageContaining("holds neither a HorizontalPodAutoscaler");
	}

}
