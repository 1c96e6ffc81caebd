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

package dev.steadypod.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class PrometheusAdapterRuleTests {

	@Test
	void shippedValuesFileHasOneRuleServingTheHpaMetricPerPod() {
		PrometheusAdapterRule rule = PrometheusAdapterRule.load();
		assertThat(rule.source()).endsWith(Path.of("helm", "prometheus-adapter-values.yaml"));
		assertThat(rule.nameAs()).isEqualTo(PrometheusAdapterRule.HPA_METRIC_NAME);
		assertThat(rule.resourceOverrides())
			.containsExactlyInAnyOrderEntriesOf(Map.of("namespace", "namespace", "pod", "pod"));
		SeriesSelector selector = rule.seriesSelector();
		assertThat(selector.metricName()).isEqualTo("http_server_requests_active_seconds_count");
		assertThat(selector.matchers()).containsExactly(new SeriesSelector.LabelMatcher("namespace", "!=", ""),
				new SeriesSelector.LabelMatcher("pod", "!=", ""));
	}

	@Test
	void shippedValuesFileHasOneRulePerPodsSignalEachSelectingItsSeriesPerPod() {
		List<PrometheusAdapterRule> rules = PrometheusAdapterRule.all();
		assertThat(rules).extracting(PrometheusAdapterRule::nameAs)
			.containsExactlyElementsOf(PrometheusAdapterRule.METRICS_BY_SIGNAL.values());
		assertThat(rules).allSatisfy((rule) -> {
			assertThat(rule.resourceOverrides())
				.containsExactlyInAnyOrderEntriesOf(Map.of("namespace", "namespace", "pod", "pod"));
			assertThat(rule.seriesSelector().matchers()).containsExactly(
					new SeriesSelector.LabelMatcher("namespace", "!=", ""),
					new SeriesSelector.LabelMatcher("pod", "!=", ""));
			assertThat(rule.metricNameFor(rule.seriesName())).contains(rule.nameAs());
		});
	}

	@Test
	void aRuleIsSelectedByTheMetricItServes() {
		assertThat(PrometheusAdapterRule.load(PrometheusAdapterRule.CONCURRENCY).seriesName())
			.isEqualTo("http_server_requests_seconds_sum");
		assertThat(PrometheusAdapterRule.load(PrometheusAdapterRule.REQUESTS_PER_SECOND).seriesName())
			.isEqualTo("http_server_requests_seconds_count");
		assertThat(PrometheusAdapterRule.load(PrometheusAdapterRule.THREAD_POOL).seriesName())
			.isEqualTo("tomcat_threads_busy_threads");
		assertThatIllegalStateException().isThrownBy(() -> PrometheusAdapterRule.load("http_requests_total"))
			.withMessageContaining("exactly one rule with name.as 'http_requests_total', found 0");
	}

	@Test
	void everyRulesMetricsQueryIsFilledLikeTheAdapterFillsIt() {
		String matchers = "namespace=\"shop\",pod=~\"a-1|a-2\"";
		Map<String, String> expected = Map.of(PrometheusAdapterRule.IN_FLIGHT,
				"sum(http_server_requests_active_seconds_count{" + matchers + "}) by (pod)",
				PrometheusAdapterRule.CONCURRENCY,
				"sum(rate(http_server_requests_seconds_sum{" + matchers + "}[1m])) by (pod)",
				PrometheusAdapterRule.REQUESTS_PER_SECOND,
				"sum(rate(http_server_requests_seconds_count{" + matchers + "}[1m])) by (pod)",
				PrometheusAdapterRule.THREAD_POOL, "sum(tomcat_threads_busy_threads{" + matchers
						+ "}) by (pod) / sum(tomcat_threads_config_max_threads{" + matchers + "}) by (pod)");
		expected.forEach((metric,
				query) -> assertThat(
						PrometheusAdapterRule.load(metric).renderMetricsQuery("shop", List.of("a-1", "a-2")))
					.as(metric)
					.isEqualTo(query));
	}

	@Test
	void nameRuleRenamesOnlyTheInFlightSeries() {
		PrometheusAdapterRule rule = PrometheusAdapterRule.load();
		assertThat(rule.metricNameFor("http_server_requests_active_seconds_count")).contains("http_requests_in_flight");
		// The name older guides use, and neighbours of the real one, must not become the
		// HPA's metric.
		assertThat(rule.metricNameFor("http_server_requests_active_count")).isEmpty();
		assertThat(rule.metricNameFor("http_server_requests_active_seconds_count_total")).isEmpty();
		assertThat(rule.metricNameFor("http_server_requests_seconds_count")).isEmpty();
	}

	@Test
	void metricsQueryIsFilledLikeTheAdapterFillsIt() {
		PrometheusAdapterRule rule = PrometheusAdapterRule.load();
		assertThat(rule.renderMetricsQuery("http_server_requests_active_seconds_count", "shop", List.of("a-1", "a-2")))
			.isEqualTo("sum(http_server_requests_active_seconds_count{namespace=\"shop\",pod=~\"a-1|a-2\"}) by (pod)");
	}

	@Test
	void valuesFileWithoutTheRuleIsRejectedWithTheReason(@TempDir Path dir) throws Exception {
		Path values = Files.writeString(dir.resolve("values.yaml"), """
				rules:
				  custom:
				    - seriesQuery: 'x{namespace!="",pod!=""}'
				      resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
				      name: {matches: "^x$", as: "http_requests_active"}
				      metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.GroupBy>>)'
				""");
		assertThatIllegalStateException().isThrownBy(() -> PrometheusAdapterRule.load(values))
			.withMessageContaining("exactly one rule with name.as 'http_requests_in_flight', found 0");
	}

	@Test
	void metricsQueryWithAFieldTheAdapterDoesNotFillIsRejected(@TempDir Path dir) throws Exception {
		Path values = Files.writeString(dir.resolve("values.yaml"), """
				rules:
				  custom:
				    - seriesQuery: 'x{namespace!="",pod!=""}'
				      resources: {overrides: {namespace: {resource: namespace}, pod: {resource: pod}}}
				      name: {matches: "^x$", as: "http_requests_in_flight"}
				      metricsQuery: 'sum(<<.Series>>{<<.LabelMatchers>>}) by (<<.Group>>)'
				""");
		assertThatIllegalStateException()
			.isThrownBy(() -> PrometheusAdapterRule.load(values).renderMetricsQuery("x", "ns", List.of("p")))
			.withMessageContaining("<<.Group>>");
	}

	@Test
	void selectorAppliesMatchersAsPrometheusDoes() {
		SeriesSelector selector = SeriesSelector.parse("m{namespace!=\"\",pod=~\"web-.*\",uri!~\"/actuator.*\"}");
		PrometheusSample sample = new PrometheusSample("m", Map.of("uri", "/work"), 1);
		assertThat(selector.selects(sample)).isFalse();
		assertThat(selector.selects(sample.withLabels(Map.of("namespace", "ns", "pod", "web-1")))).isTrue();
		assertThat(selector.selects(sample.withLabels(Map.of("namespace", "ns", "pod", "xweb-1")))).isFalse();
		assertThat(selector.selects(
				new PrometheusSample("m", Map.of("namespace", "ns", "pod", "web-1", "uri", "/actuator/prometheus"), 1)))
			.isFalse();
		assertThatIllegalArgumentException().isThrownBy(() -> SeriesSelector.parse("m{pod=web}"))
			.withMessageContaining("at 'pod=web'");
	}

	@Test
	void expositionParserReadsLabelsWithEscapesAndSpecialValues() {
		List<PrometheusSample> samples = PrometheusSample.parse("""
				# HELP x help text
				# TYPE x gauge
				x{a="1",b="with \\"quotes\\", a comma and a \\\\ backslash",} 3.0
				y 1.5e3 1700000000000
				z{le="+Inf"} +Inf

				""");
		assertThat(samples).containsExactly(
				new PrometheusSample("x", Map.of("a", "1", "b", "with \"quotes\", a comma and a \\ backslash"), 3.0),
				new PrometheusSample("y", Map.of(), 1500.0),
				new PrometheusSample("z", Map.of("le", "+Inf"), Double.POSITIVE_INFINITY));
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusSample.parse("x{a=1} 2"))
			.withMessageContaining("Not a Prometheus sample line: 'x{a=1} 2'");
	}

}
