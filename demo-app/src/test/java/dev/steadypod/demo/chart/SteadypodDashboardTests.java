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
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.jayway.jsonpath.JsonPath;
import io.fabric8.kubernetes.api.model.ConfigMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Grafana dashboard ConfigMap, and the dashboard queries that only a cluster can
 * answer (kubelet and kube-state-metrics series), unit-tested with {@code promtool}
 * against input series. The queries on the app's own metrics run against a real
 * Prometheus scraping the demo app in {@code DashboardQueriesPrometheusTests}.
 */
class SteadypodDashboardTests {

	private static final Path CLUSTER_QUERY_TESTS = Path
		.of("src/test/resources/chart/dashboard-cluster-queries-tests.yaml");

	@Test
	void noDashboardUnlessEnabled() {
		assertThat(SteadypodChart.template().all(ConfigMap.class)).hasSize(1);
	}

	@Test
	void dashboardIsAConfigMapForTheGrafanaSidecarBoundToThisRelease() {
		ConfigMap dashboard = dashboardConfigMap(
				Map.of("metrics.dashboard.enabled", true, "metrics.dashboard.annotations.grafana_folder", "Steadypod"));
		assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
		assertThat(dashboard.getMetadata().getAnnotations()).containsEntry("grafana_folder", "Steadypod");
		assertThat(dashboard.getData()).hasSize(1);
		String json = dashboard.getData().values().iterator().next();
		String uid = JsonPath.read(json, "$.uid");
		assertThat(uid).startsWith("steadypod-").hasSizeLessThanOrEqualTo(40);
		assertThat((String) JsonPath.read(json, "$.title")).isEqualTo("Steadypod: steady/" + SteadypodChart.FULLNAME);
		assertThat((List<String>) JsonPath.read(json, "$.templating.list[?(@.name == 'namespace')].query"))
			.containsExactly(SteadypodChart.NAMESPACE);
		assertThat((List<String>) JsonPath.read(json, "$.templating.list[?(@.name == 'deployment')].query"))
			.containsExactly(SteadypodChart.FULLNAME);
		assertThat(SteadypodDashboard.queries(json)).isEqualTo(SteadypodDashboard.queries(SteadypodDashboard.read()));
		String otherRelease = dashboardConfigMap(Map.of("metrics.dashboard.enabled", true, "fullnameOverride", "cart"))
			.getData()
			.values()
			.iterator()
			.next();
		assertThat((String) JsonPath.read(otherRelease, "$.uid")).as("one dashboard per release").isNotEqualTo(uid);
	}

	@Test
	void dashboardConfigMapCanLiveInGrafanasNamespace() {
		ConfigMap dashboard = dashboardConfigMap(
				Map.of("metrics.dashboard.enabled", true, "metrics.dashboard.namespace", "monitoring"));
		assertThat(dashboard.getMetadata().getNamespace()).isEqualTo("monitoring");
	}

	@Test
	void panelsCoverReloadHashesStartupProbesInFlightAndReplicas() {
		String queries = String.join("\n",
				SteadypodDashboard.queries(SteadypodDashboard.read())
					.stream()
					.map(SteadypodDashboard.Query::expr)
					.toList());
		assertThat(queries).contains("steadypod_config_reloads_total", "steadypod_config_reload_duration_seconds",
				"steadypod_config_info", "steadypod_startup_seconds", "prober_probe_duration_seconds_bucket",
				"http_server_requests_active_seconds_count", "kube_horizontalpodautoscaler_spec_target_metric",
				"kube_horizontalpodautoscaler_status_current_replicas");
		assertThat(SteadypodDashboard.queries(SteadypodDashboard.read()))
			.filteredOn(SteadypodDashboard.Query::clusterOnly)
			.allSatisfy((query) -> assertThat(query.panel()).contains("cluster only"));
	}

	@Test
	@SuppressWarnings("unchecked")
	void everyClusterOnlyQueryIsUnitTestedWithPromtool(@TempDir Path workDir) throws IOException {
		Map<String, Object> tests = new Yaml().load(SteadypodChart.read(CLUSTER_QUERY_TESTS));
		Set<String> tested = new TreeSet<>();
		for (Map<String, Object> test : (List<Map<String, Object>>) tests.get("tests")) {
			for (Map<String, Object> exprTest : (List<Map<String, Object>>) test.get("promql_expr_test")) {
				assertThat((List<?>) exprTest.get("exp_samples")).as("expected samples of %s", exprTest.get("expr"))
					.isNotEmpty();
				tested.add((String) exprTest.get("expr"));
			}
		}
		assertThat(tested).containsAll(SteadypodDashboard.queries(SteadypodDashboard.read())
			.stream()
			.filter(SteadypodDashboard.Query::clusterOnly)
			.map((query) -> query.substituted(SteadypodChart.NAMESPACE, SteadypodChart.FULLNAME, "1m"))
			.toList());
		Promtool promtool = Promtool.require();
		Path copy = Files.copy(CLUSTER_QUERY_TESTS, workDir.resolve("tests.yaml"));
		Promtool.Result result = promtool.testRules(copy);
		assertThat(result.succeeded()).as("promtool test rules:\n%s", result.output()).isTrue();
	}

	private static ConfigMap dashboardConfigMap(Map<String, Object> values) {
		return SteadypodChart.template(values)
			.all(ConfigMap.class)
			.stream()
			.filter((configMap) -> configMap.getMetadata().getName().endsWith("-dashboard"))
			.findFirst()
			.orElseThrow();
	}

}
