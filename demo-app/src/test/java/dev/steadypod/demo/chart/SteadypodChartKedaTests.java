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
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.LintResult;
import dev.steadypod.testsupport.PrometheusAdapterRule;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code autoscaling.engine}: the same autoscaling as an HPA on prometheus-adapter's
 * metric or as a KEDA ScaledObject with a Prometheus trigger, rendered by real Helm and
 * validated against KEDA's schema.
 */
class SteadypodChartKedaTests {

	private static final Map<String, Object> KEDA = Map.of("autoscaling.enabled", true, "autoscaling.engine", "keda");

	@Test
	void kedaEngineRendersAScaledObjectAndNoHpa() {
		RenderedChart chart = SteadypodChart.template(KEDA);
		assertThat(chart.all(HorizontalPodAutoscaler.class)).as("KEDA creates the HPA itself").isEmpty();
		assertThat(chart.generic("ScaledObject")).singleElement().satisfies((scaledObject) -> {
			assertThat(scaledObject.getApiVersion()).isEqualTo("keda.sh/v1alpha1");
			assertThat(scaledObject.getMetadata().getName()).isEqualTo(SteadypodChart.FULLNAME);
		});
		assertThat(chart.deployment().getSpec().getReplicas()).as("KEDA's HPA owns the count").isNull();
	}

	@Test
	void hpaEngineIsTheDefaultAndRendersNoScaledObject() {
		RenderedChart chart = SteadypodChart.template(Map.of("autoscaling.enabled", true));
		assertThat(chart.all(HorizontalPodAutoscaler.class)).hasSize(1);
		assertThat(chart.generic("ScaledObject")).isEmpty();
		assertThat(SteadypodChart.template(Map.of("autoscaling.engine", "keda")).generic("ScaledObject"))
			.as("engine without autoscaling.enabled")
			.isEmpty();
	}

	@Test
	void scaledObjectTargetsTheDeploymentWithTheBoundsFallbackAndPrometheusTrigger() {
		Map<String, Object> inFlight = new HashMap<>(KEDA);
		SteadypodChartAutoscalingSignalsTests.SIGNALS
			.forEach((signal) -> inFlight.put("autoscaling." + signal + ".enabled", signal.equals("inFlight")));
		Map<String, Object> spec = spec(SteadypodChart.template(inFlight));
		assertThat(spec).containsEntry("minReplicaCount", 2)
			.containsEntry("maxReplicaCount", 10)
			.containsEntry("pollingInterval", 15)
			.containsEntry("fallback", Map.of("failureThreshold", 3, "replicas", 6))
			.containsEntry("scaleTargetRef",
					Map.of("apiVersion", "apps/v1", "kind", "Deployment", "name", SteadypodChart.FULLNAME));
		assertThat(triggers(spec)).singleElement().satisfies((trigger) -> {
			assertThat(trigger).containsEntry("type", "prometheus").containsEntry("metricType", "AverageValue");
			assertThat(metadata(trigger)).containsEntry("serverAddress", "http://prometheus-server.monitoring.svc:80")
				.containsEntry("threshold", "10")
				.containsEntry("ignoreNullValues", "true")
				.containsEntry("query", "sum(sum(http_server_requests_active_seconds_count{namespace=\"steady\","
						+ "pod=~\"shop-steadypod-[a-z0-9]+-[a-z0-9]+\"}) by (pod))");
		});
	}

	@Test
	void eachKedaQueryQueriesTheSeriesItsPrometheusAdapterRuleSelects() {
		List<Map<String, Object>> triggers = triggers(spec(SteadypodChart.template(SteadypodChartAutoscalingSignalsTests
			.only("keda", PrometheusAdapterRule.METRICS_BY_SIGNAL.keySet().toArray(String[]::new)))));
		assertThat(triggers).hasSize(PrometheusAdapterRule.METRICS_BY_SIGNAL.size());
		for (Map<String, Object> trigger : triggers) {
			String query = (String) metadata(trigger).get("query");
			PrometheusAdapterRule rule = PrometheusAdapterRule
				.load(PrometheusAdapterRule.METRICS_BY_SIGNAL.get((String) trigger.get("name")));
			assertThat(query).as("%s", trigger.get("name")).contains(rule.seriesName() + "{");
		}
	}

	@Test
	void kedaHpaGetsExactlyTheBehaviorOfTheHpaEngine() {
		// Both away from their defaults, so that a behavior KEDA ignored would show.
		int window = (Integer) SteadypodChartRenderingTests.value(SteadypodChart.defaultValues(),
				"autoscaling.scaleDown.stabilizationWindowSeconds") + 60;
		Map<String, Object> overrides = Map.of("autoscaling.enabled", true, "autoscaling.scaleUp.pods", 7,
				"autoscaling.scaleDown.stabilizationWindowSeconds", window);
		HorizontalPodAutoscaler hpa = SteadypodChart.template(overrides).get(HorizontalPodAutoscaler.class);
		Map<String, Object> kedaOverrides = new HashMap<>(overrides);
		kedaOverrides.put("autoscaling.engine", "keda");
		Object kedaBehavior = value(spec(SteadypodChart.template(kedaOverrides)),
				"advanced.horizontalPodAutoscalerConfig.behavior");
		Object hpaBehavior = new Yaml().load(new KubernetesSerialization().asYaml(hpa.getSpec().getBehavior()));
		assertThat(kedaBehavior).isEqualTo(hpaBehavior);
	}

	@Test
	void cpuBecomesAKedaCpuTriggerOnlyWhenEnabled() {
		Map<String, Object> spec = spec(
				SteadypodChart.template(SteadypodChartAutoscalingSignalsTests.only("keda", "cpu", "inFlight")));
		assertThat(triggers(spec)).extracting((trigger) -> trigger.get("type")).containsExactly("cpu", "prometheus");
		assertThat(triggers(spec).get(0)).containsEntry("metricType", "Utilization");
		assertThat(
				triggers(spec(SteadypodChart.template(SteadypodChartAutoscalingSignalsTests.only("keda", "inFlight")))))
			.extracting((trigger) -> trigger.get("type"))
			.containsExactly("prometheus");
	}

	@Test
	void aFallbackOutsideTheBoundsIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("autoscaling.enabled", true, "autoscaling.engine", "keda",
					"autoscaling.keda.fallback.replicas", 20)))
			.withMessageContaining(
					"autoscaling.keda.fallback.replicas (20) must be between autoscaling.minReplicas (2) and autoscaling.maxReplicas (10)");
	}

	@Test
	void anUnknownEngineIsRejectedNamingTheAllowedOnes() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("autoscaling.enabled", true, "autoscaling.engine", "vpa")))
			.withMessageContaining("/autoscaling/engine")
			.withMessageContaining("hpa")
			.withMessageContaining("keda");
	}

	@Test
	void lintStrictIsCleanWithEitherEngine(@TempDir Path workDir) {
		List<Map<String, Object>> modes = List.of(Map.of("autoscaling.enabled", true), KEDA,
				Map.of("autoscaling.enabled", true, "autoscaling.engine", "keda", "autoscaling.cpu.enabled", true));
		int i = 0;
		for (Map<String, Object> mode : modes) {
			LintResult result = SteadypodChart.lintStrict(mode, workDir.resolve("mode-" + i++));
			assertThat(result.isFailed()).as("lint --strict with %s: %s", mode, result.getMessages()).isFalse();
		}
	}

	@Test
	void renderedScaledObjectsAreValidAgainstKedasSchema() throws Exception {
		String reason = KedaSchemaValidator.unavailableReason().orElse(null);
		if (reason != null && "true".equals(System.getenv("CI"))) {
			fail("CI must validate the ScaledObject against KEDA's schema, but " + reason);
		}
		assumeTrue(reason == null, () -> "Skipped: " + reason);
		KubernetesSerialization serialization = new KubernetesSerialization();
		List<Map<String, Object>> modes = List.of(KEDA,
				Map.of("autoscaling.enabled", true, "autoscaling.engine", "keda", "autoscaling.cpu.enabled", true));
		for (Map<String, Object> mode : modes) {
			GenericKubernetesResource scaledObject = SteadypodChart.template(mode).generic("ScaledObject").get(0);
			assertThat(KedaSchemaValidator.validateScaledObject(serialization.asJson(scaledObject))).as("%s", mode)
				.isEqualTo("valid");
		}
	}

	@Test
	void theSchemaValidatorRejectsAScaledObjectKedaWouldReject() throws Exception {
		String reason = KedaSchemaValidator.unavailableReason().orElse(null);
		assumeTrue(reason == null, () -> "Skipped: " + reason);
		GenericKubernetesResource scaledObject = SteadypodChart.template(KEDA).generic("ScaledObject").get(0);
		String json = new KubernetesSerialization().asJson(scaledObject)
			.replace("\"minReplicaCount\":2", "\"minReplicaCount\":\"two\"");
		assertThat(KedaSchemaValidator.validateScaledObject(json)).startsWith("invalid")
			.contains("minReplicaCount must be integer");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> spec(RenderedChart chart) {
		return (Map<String, Object>) chart.generic("ScaledObject").get(0).getAdditionalProperties().get("spec");
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> triggers(Map<String, Object> spec) {
		return (List<Map<String, Object>>) spec.get("triggers");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> metadata(Map<String, Object> trigger) {
		return (Map<String, Object>) trigger.get("metadata");
	}

	@SuppressWarnings("unchecked")
	private static Object value(Map<String, Object> map, String dottedPath) {
		Object node = map;
		for (String key : dottedPath.split("\\.")) {
			node = ((Map<String, Object>) node).get(key);
		}
		return node;
	}

}
