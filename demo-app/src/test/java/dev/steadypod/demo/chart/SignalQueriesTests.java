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

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.steadypod.hpa.signal.Signal;
import dev.steadypod.testsupport.PrometheusAdapterRule;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The HPA sandbox's {@link Signal}s are the queries a cluster runs: each rule in
 * helm/prometheus-adapter-values.yaml, filled in as prometheus-adapter fills it, is the
 * signal's {@link Signal#perPodQuery per-pod query}, and each KEDA trigger the chart
 * renders is that query over the Deployment's pods, summed. A replay that computes a
 * signal the rules no longer send would scale on something no cluster sees.
 */
class SignalQueriesTests {

	/** Pods as the adapter names them when the HPA asks (ReplicaSet hash, suffix). */
	private static final List<String> PODS = List.of("shop-steadypod-7d9f8b6c5d-x2k4q",
			"shop-steadypod-7d9f8b6c5d-p9wzt");

	/** The Deployment's pods as a KEDA query selects them: the fullname, hash, suffix. */
	private static final String DEPLOYMENT_PODS = SteadypodChart.FULLNAME + "-[a-z0-9]+-[a-z0-9]+";

	@Test
	void eachAdapterRuleRendersItsSignalsPerPodQuery() {
		String matchers = matchers(PODS);
		for (Signal signal : podsSignals()) {
			PrometheusAdapterRule rule = PrometheusAdapterRule.load(signal.metricName());
			assertThat(rule.renderMetricsQuery(SteadypodChart.NAMESPACE, PODS)).as(signal.name())
				.isEqualTo(signal.perPodQuery(matchers));
		}
	}

	@Test
	void everyPodsSignalHasOneAdapterRuleAndEveryRuleServesASignal() {
		assertThat(PrometheusAdapterRule.all()).extracting(PrometheusAdapterRule::nameAs)
			.containsExactlyInAnyOrderElementsOf(podsSignals().stream().map(Signal::metricName).toList());
	}

	@Test
	void eachKedaTriggerSumsItsSignalsPerPodQueryOverTheDeploymentsPods() {
		Map<String, Signal> signalByChartKey = new LinkedHashMap<>();
		for (String key : SteadypodChartAutoscalingSignalsTests.SIGNALS) {
			MetricSpec metric = SteadypodChart.template(SteadypodChartAutoscalingSignalsTests.only("hpa", key))
				.get(HorizontalPodAutoscaler.class)
				.getSpec()
				.getMetrics()
				.get(0);
			if (metric.getType().equals("Pods")) {
				signalByChartKey.put(key, signal(metric.getPods().getMetric().getName()));
			}
		}
		assertThat(signalByChartKey.values()).as("the chart's Pods signals")
			.containsExactlyInAnyOrderElementsOf(podsSignals());
		List<Map<String, Object>> triggers = SteadypodChartAutoscalingSignalsTests.triggers(SteadypodChart.template(
				SteadypodChartAutoscalingSignalsTests.only("keda", signalByChartKey.keySet().toArray(String[]::new))));
		assertThat(triggers).extracting((trigger) -> trigger.get("name"))
			.containsExactlyElementsOf(signalByChartKey.keySet());
		String matchers = matchers(List.of(DEPLOYMENT_PODS));
		for (Map<String, Object> trigger : triggers) {
			Signal signal = signalByChartKey.get((String) trigger.get("name"));
			assertThat(((Map<?, ?>) trigger.get("metadata")).get("query")).as("%s", trigger.get("name"))
				.isEqualTo("sum(" + signal.perPodQuery(matchers) + ")");
		}
	}

	/**
	 * Every signal a Prometheus query serves: all but CPU, which metrics-server serves.
	 */
	private static List<Signal> podsSignals() {
		return Arrays.stream(Signal.values()).filter((signal) -> signal != Signal.CPU).toList();
	}

	private static Signal signal(String metricName) {
		return podsSignals().stream()
			.filter((signal) -> signal.metricName().equals(metricName))
			.findFirst()
			.orElseThrow(() -> new AssertionError(
					"the chart's HPA asks for '" + metricName + "', which no Signal serves; Signals serve "
							+ podsSignals().stream().map(Signal::metricName).toList()));
	}

	/**
	 * The label matchers the adapter writes for a namespace's pods, as Signal takes them.
	 */
	private static String matchers(List<String> pods) {
		return "namespace=\"" + SteadypodChart.NAMESPACE + "\",pod=~\"" + String.join("|", pods) + "\"";
	}

}
