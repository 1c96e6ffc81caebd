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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The chart's PrometheusRule, checked and unit-tested with the real {@code promtool}: the
 * rule file is taken from the rendered object, and
 * {@code src/test/resources/chart/steadypod-alerts-tests.yaml} feeds every alert series
 * that must and must not make it fire.
 */
class SteadypodAlertRulesTests {

	/**
	 * Every alert's values: autoscaling on, with in-flight requests as a signal next to
	 * the chart's default ones, so that both max-replicas alerts are rendered, and the
	 * thread-pool target the promtool cases are written for (80 %).
	 */
	static final Map<String, Object> ALERT_VALUES = Map.of("metrics.prometheusRule.enabled", true,
			"metrics.prometheusRule.labels.release", "kube-prom", "metrics.prometheusRule.alertLabels.team", "payments",
			"autoscaling.enabled", true, "autoscaling.inFlight.enabled", true, "autoscaling.threadPool.enabled", true,
			"autoscaling.threadPool.targetUtilization", 80);

	private static final String IN_FLIGHT_ALERT = "SteadypodInFlightAboveTargetAtMaxReplicas";

	private static final String THREAD_POOL_ALERT = "SteadypodThreadPoolAboveTargetAtMaxReplicas";

	private static final Path UNIT_TESTS = Path.of("src/test/resources/chart/steadypod-alerts-tests.yaml");

	/** The same alert values with KEDA as the autoscaling engine. */
	static final Map<String, Object> KEDA_ALERT_VALUES = Map.of("metrics.prometheusRule.enabled", true,
			"metrics.prometheusRule.alertLabels.team", "payments", "autoscaling.enabled", true, "autoscaling.engine",
			"keda", "autoscaling.inFlight.enabled", true, "autoscaling.threadPool.enabled", true,
			"autoscaling.threadPool.targetUtilization", 80);

	private static final Path KEDA_UNIT_TESTS = Path.of("src/test/resources/chart/steadypod-alerts-keda-tests.yaml");

	@Test
	void noPrometheusRuleUnlessEnabled() {
		assertThat(SteadypodChart.template().generic("PrometheusRule")).isEmpty();
	}

	@Test
	void prometheusRuleCarriesTheReleaseLabelKubePrometheusStackSelects() {
		GenericKubernetesResource rule = prometheusRule(ALERT_VALUES);
		assertThat(rule.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(rule.getMetadata().getName()).isEqualTo(SteadypodChart.FULLNAME);
		assertThat(rule.getMetadata().getLabels()).containsEntry("release", "kube-prom")
			.containsEntry("app.kubernetes.io/instance", SteadypodChart.RELEASE);
	}

	@Test
	void everyAlertIsRenderedAndTheAutoscalingOnesOnlyWithAutoscaling() {
		assertThat(alertNames(prometheusRule(ALERT_VALUES))).containsExactlyInAnyOrder("SteadypodConfigReloadRejected",
				"SteadypodConfigHashesDiverge", "SteadypodRestartRequiredPending", "SteadypodStartupOverBudget",
				"SteadypodWarmupOverBudget", "SteadypodLivenessProbeSlow", "SteadypodLivenessProbeFailing",
				IN_FLIGHT_ALERT, THREAD_POOL_ALERT);
		assertThat(alertNames(prometheusRule(Map.of("metrics.prometheusRule.enabled", true))))
			.doesNotContain(IN_FLIGHT_ALERT, THREAD_POOL_ALERT)
			.hasSize(7);
	}

	@Test
	void eachMaxReplicasAlertIsRenderedExactlyWhenItsSignalIsOne() {
		for (String inFlight : List.of("true", "false")) {
			for (String threadPool : List.of("true", "false")) {
				Set<String> alerts = alertNames(prometheusRule(Map.of("metrics.prometheusRule.enabled", true,
						"autoscaling.enabled", true, "autoscaling.cpu.enabled", true, "autoscaling.inFlight.enabled",
						inFlight, "autoscaling.threadPool.enabled", threadPool)));
				assertThat(alerts.contains(IN_FLIGHT_ALERT)).as("in-flight alert with inFlight.enabled=%s", inFlight)
					.isEqualTo(Boolean.parseBoolean(inFlight));
				assertThat(alerts.contains(THREAD_POOL_ALERT))
					.as("thread-pool alert with threadPool.enabled=%s", threadPool)
					.isEqualTo(Boolean.parseBoolean(threadPool));
				assertThat(alerts).as("CPU is left to the cluster's alerts")
					.hasSize(7 + (Boolean.parseBoolean(inFlight) ? 1 : 0) + (Boolean.parseBoolean(threadPool) ? 1 : 0));
			}
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void withTheChartsDefaultSignalsTheMaxReplicasAlertsAreThoseOfTheSignalsValuesYamlEnables() {
		Map<String, Object> autoscaling = (Map<String, Object>) SteadypodChart.defaultValues().get("autoscaling");
		boolean inFlight = (Boolean) ((Map<String, Object>) autoscaling.get("inFlight")).get("enabled");
		boolean threadPool = (Boolean) ((Map<String, Object>) autoscaling.get("threadPool")).get("enabled");
		Set<String> alerts = alertNames(
				prometheusRule(Map.of("metrics.prometheusRule.enabled", true, "autoscaling.enabled", true)));
		assertThat(alerts.contains(IN_FLIGHT_ALERT)).isEqualTo(inFlight);
		assertThat(alerts.contains(THREAD_POOL_ALERT)).isEqualTo(threadPool);
	}

	@Test
	void promtoolCheckRulesAcceptsTheRenderedRules(@TempDir Path workDir) throws IOException {
		Promtool promtool = Promtool.require();
		for (Map<String, Object> values : List.of(ALERT_VALUES,
				Map.<String, Object>of("metrics.prometheusRule.enabled", true, "autoscaling.enabled", true,
						"autoscaling.inFlight.enabled", true, "autoscaling.inFlight.target", "2500m"),
				Map.<String, Object>of("metrics.prometheusRule.enabled", true, "autoscaling.enabled", true,
						"autoscaling.threadPool.enabled", true, "autoscaling.threadPool.targetUtilization", 65))) {
			Path rules = writeRules(prometheusRule(values), workDir.resolve("rules.yaml"));
			Promtool.Result result = promtool.checkRules(rules);
			assertThat(result.succeeded()).as("promtool check rules for %s:\n%s", values, result.output()).isTrue();
			assertThat(result.output()).contains("SUCCESS");
		}
	}

	@Test
	void promtoolUnitTestsPassForEveryAlert(@TempDir Path workDir) throws IOException {
		Promtool promtool = Promtool.require();
		writeRules(prometheusRule(ALERT_VALUES), workDir.resolve("rules.yaml"));
		Path tests = Files.copy(UNIT_TESTS, workDir.resolve("tests.yaml"));
		Promtool.Result result = promtool.testRules(tests);
		assertThat(result.succeeded()).as("promtool test rules:\n%s", result.output()).isTrue();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void withKedaTheMaxReplicasAlertWatchesTheHpaKedaCreates(@TempDir Path workDir) throws IOException {
		Promtool promtool = Promtool.require();
		Path rules = writeRules(prometheusRule(KEDA_ALERT_VALUES), workDir.resolve("rules.yaml"));
		Promtool.Result check = promtool.checkRules(rules);
		assertThat(check.succeeded()).as("promtool check rules:\n%s", check.output()).isTrue();
		Path tests = Files.copy(KEDA_UNIT_TESTS, workDir.resolve("tests.yaml"));
		Promtool.Result result = promtool.testRules(tests);
		assertThat(result.succeeded()).as("promtool test rules (KEDA):\n%s", result.output()).isTrue();
		assertThat(result.output()).contains("SUCCESS");
	}

	@Test
	void theKedaUnitTestsFailWhenTheAlertWatchesTheHpaEnginesName(@TempDir Path workDir) throws IOException {
		Promtool promtool = Promtool.require();
		writeRules(prometheusRule(ALERT_VALUES), workDir.resolve("rules.yaml"));
		Path tests = Files.copy(KEDA_UNIT_TESTS, workDir.resolve("tests.yaml"));
		Promtool.Result result = promtool.testRules(tests);
		assertThat(result.succeeded()).as("KEDA cases against the hpa engine's rules").isFalse();
		assertThat(result.output()).contains("alertname: " + IN_FLIGHT_ALERT)
			.contains("alertname: " + THREAD_POOL_ALERT);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theKedaUnitTestsHaveAFiringAndANotFiringCaseForEachMaxReplicasAlert() {
		Map<String, Object> tests = new Yaml().load(SteadypodChart.read(KEDA_UNIT_TESTS));
		Set<String> firing = new TreeSet<>();
		Set<String> silent = new TreeSet<>();
		for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
			for (Map<String, Object> alertTest : (List<Map<String, Object>>) test.get("alert_rule_test")) {
				assertThat(alertTest.get("alertname")).isIn(IN_FLIGHT_ALERT, THREAD_POOL_ALERT);
				List<?> expected = (List<?>) alertTest.get("exp_alerts");
				((expected == null || expected.isEmpty()) ? silent : firing).add((String) alertTest.get("alertname"));
			}
		}
		assertThat(firing).containsExactly(IN_FLIGHT_ALERT, THREAD_POOL_ALERT);
		assertThat(silent).containsExactly(IN_FLIGHT_ALERT, THREAD_POOL_ALERT);
	}

	@Test
	@SuppressWarnings("unchecked")
	void unitTestsHaveAFiringAndANotFiringCaseForEveryAlert() {
		Map<String, Object> tests = new Yaml().load(SteadypodChart.read(UNIT_TESTS));
		Set<String> firing = new TreeSet<>();
		Set<String> silent = new TreeSet<>();
		for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
			for (Map<String, Object> alertTest : (List<Map<String, Object>>) test.get("alert_rule_test")) {
				List<?> expected = (List<?>) alertTest.get("exp_alerts");
				((expected == null || expected.isEmpty()) ? silent : firing).add((String) alertTest.get("alertname"));
			}
		}
		Set<String> alerts = alertNames(prometheusRule(ALERT_VALUES));
		assertThat(firing).as("alerts with a case where they fire").containsAll(alerts);
		assertThat(silent).as("alerts with a case where they must not fire").containsAll(alerts);
	}

	@Test
	@SuppressWarnings("unchecked")
	void theUnitTestsFailWhenAnyAlertCanNoLongerFire(@TempDir Path workDir) throws IOException {
		Promtool promtool = Promtool.require();
		GenericKubernetesResource rule = prometheusRule(ALERT_VALUES);
		for (String alert : alertNames(rule)) {
			Map<String, Object> spec = new Yaml().load(new Yaml().dump(rule.getAdditionalProperties().get("spec")));
			for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
				for (Map<String, Object> candidate : (List<Map<String, Object>>) group.get("rules")) {
					if (alert.equals(candidate.get("alert"))) {
						candidate.put("expr", "vector(0) > 1");
					}
				}
			}
			Path dir = Files.createDirectories(workDir.resolve(alert));
			Files.writeString(dir.resolve("rules.yaml"), new Yaml().dump(spec));
			Path tests = Files.copy(UNIT_TESTS, dir.resolve("tests.yaml"));
			Promtool.Result result = promtool.testRules(tests);
			assertThat(result.succeeded()).as("promtool test rules with %s never firing", alert).isFalse();
			assertThat(result.output()).contains("alertname: " + alert);
		}
	}

	static GenericKubernetesResource prometheusRule(Map<String, Object> values) {
		List<GenericKubernetesResource> rules = SteadypodChart.template(values).generic("PrometheusRule");
		assertThat(rules).hasSize(1);
		return rules.get(0);
	}

	/** The PrometheusRule's spec ({@code groups}) as a Prometheus rule file. */
	static Path writeRules(GenericKubernetesResource rule, Path file) throws IOException {
		Map<String, Object> spec = new LinkedHashMap<>();
		spec.put("groups", ((Map<?, ?>) rule.getAdditionalProperties().get("spec")).get("groups"));
		return Files.writeString(file, new Yaml().dump(spec));
	}

	@SuppressWarnings("unchecked")
	static Set<String> alertNames(GenericKubernetesResource rule) {
		Set<String> names = new TreeSet<>();
		Map<String, Object> spec = (Map<String, Object>) rule.getAdditionalProperties().get("spec");
		for (Map<String, Object> group : (List<Map<String, Object>>) spec.get("groups")) {
			for (Map<String, Object> candidate : (List<Map<String, Object>>) group.get("rules")) {
				if (candidate.containsKey("alert")) {
					names.add((String) candidate.get("alert"));
				}
			}
		}
		return names;
	}

}
