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
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;

/**
 * The Grafana dashboard the chart ships
 * ({@code helm/steadypod/dashboards/steadypod.json}) and its panels' PromQL.
 */
public final class SteadypodDashboard {

	/** Relative to demo-app's base directory, where Maven runs the tests. */
	public static final Path FILE = SteadypodChart.DIRECTORY.resolve("dashboards/steadypod.json");

	/**
	 * Metric names only a cluster has: the kubelet's probe metrics and
	 * kube-state-metrics.
	 */
	private static final List<String> CLUSTER_ONLY_PREFIXES = List.of("prober_", "kube_");

	private SteadypodDashboard() {
	}

	/**
	 * Every panel's queries.
	 * @param json the dashboard JSON
	 * @return one entry per target, in panel order
	 */
	public static List<Query> queries(String json) {
		List<Map<String, Object>> panels = JsonPath.read(json, "$.panels[?(@.type != 'row')]");
		List<Query> queries = new ArrayList<>();
		for (Map<String, Object> panel : panels) {
			@SuppressWarnings("unchecked")
			List<Map<String, Object>> targets = (List<Map<String, Object>>) panel.get("targets");
			for (Map<String, Object> target : targets) {
				queries.add(new Query((String) panel.get("title"), (String) target.get("refId"),
						(String) target.get("expr")));
			}
		}
		return queries;
	}

	/** The dashboard file as shipped. */
	public static String read() {
		return SteadypodChart.read(FILE);
	}

	/**
	 * One panel target.
	 *
	 * @param panel the panel title
	 * @param refId the target's refId
	 * @param expr its PromQL, with Grafana's template variables
	 */
	public record Query(String panel, String refId, String expr) {

		/**
		 * The PromQL with the template variables substituted as Grafana would.
		 * @param namespace value of {@code $namespace}
		 * @param deployment value of {@code $deployment}
		 * @param rateInterval value of {@code $__rate_interval}
		 * @return runnable PromQL
		 */
		public String substituted(String namespace, String deployment, String rateInterval) {
			return this.expr.replace("$__rate_interval", rateInterval)
				.replace("$namespace", namespace)
				.replace("$deployment", deployment);
		}

		/** Whether only a cluster has the series (kubelet, kube-state-metrics). */
		public boolean clusterOnly() {
			return CLUSTER_ONLY_PREFIXES.stream().anyMatch((prefix) -> this.expr.matches("(?s).*\\b" + prefix + ".*"));
		}

	}

}
