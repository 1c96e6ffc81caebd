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

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * A custom-metrics rule in {@code helm/prometheus-adapter-values.yaml}, the single source
 * of truth for the autoscaling contract, selected by the metric name it serves
 * ({@code name.as}, the name the Steadypod chart's HPA asks for), read the way the
 * prometheus-adapter chart hands it to the adapter ({@code rules.custom}), and applied
 * the way the adapter applies it: {@code name.matches} and {@code name.as} turn series
 * names into the metric name the HPA asks for, and {@code metricsQuery} is filled from
 * {@code <<.Series>>}, {@code <<.LabelMatchers>>} and {@code <<.GroupBy>>}.
 */
public final class PrometheusAdapterRule {

	/** Where the values file lives, relative to the repository root. */
	public static final String VALUES_FILE = "helm/prometheus-adapter-values.yaml";

	/** The custom metric of {@code autoscaling.inFlight}: requests in flight now. */
	public static final String IN_FLIGHT = "http_requests_in_flight";

	/**
	 * The custom metric of {@code autoscaling.concurrency}: mean requests in flight over
	 * the last minute.
	 */
	public static final String CONCURRENCY = "http_requests_concurrency";

	/** The custom metric of {@code autoscaling.requestsPerSecond}. */
	public static final String REQUESTS_PER_SECOND = "http_requests_per_second";

	/** The custom metric of {@code autoscaling.threadPool}: busy over maximum threads. */
	public static final String THREAD_POOL = "tomcat_threads_busy_ratio";

	/**
	 * The custom metric the Steadypod chart's HorizontalPodAutoscaler asks for with
	 * {@code autoscaling.inFlight}; {@link #load()} loads its rule.
	 */
	public static final String HPA_METRIC_NAME = IN_FLIGHT;

	/**
	 * Every custom metric the chart's HPA can ask for, by the chart's values key of its
	 * signal, in the order of the chart's values.
	 */
	public static final Map<String, String> METRICS_BY_SIGNAL = orderedMap("inFlight", IN_FLIGHT, "concurrency",
			CONCURRENCY, "requestsPerSecond", REQUESTS_PER_SECOND, "threadPool", THREAD_POOL);

	private final Path source;

	private final String seriesQuery;

	private final Map<String, String> resourceOverrides;

	private final String nameMatches;

	private final String nameAs;

	private final String metricsQuery;

	private PrometheusAdapterRule(Path source, String seriesQuery, Map<String, String> resourceOverrides,
			String nameMatches, String nameAs, String metricsQuery) {
		this.source = source;
		this.seriesQuery = seriesQuery;
		this.resourceOverrides = resourceOverrides;
		this.nameMatches = nameMatches;
		this.nameAs = nameAs;
		this.metricsQuery = metricsQuery;
	}

	/**
	 * Loads the in-flight rule ({@link #IN_FLIGHT}) from the repository's values file.
	 * @return the rule that serves {@link #HPA_METRIC_NAME}
	 */
	public static PrometheusAdapterRule load() {
		return load(IN_FLIGHT);
	}

	/**
	 * Loads a rule from the repository's values file, found from the working directory
	 * upwards (Maven runs each module's tests in the module's directory).
	 * @param nameAs the metric the rule serves, its {@code name.as}
	 * @return the rule
	 */
	public static PrometheusAdapterRule load(String nameAs) {
		return load(valuesFile(), nameAs);
	}

	/**
	 * Loads the in-flight rule ({@link #IN_FLIGHT}) from a values file.
	 * @param valuesFile a values file for the prometheus-adapter chart
	 * @return the rule
	 */
	public static PrometheusAdapterRule load(Path valuesFile) {
		return load(valuesFile, IN_FLIGHT);
	}

	/**
	 * Loads the rule serving a metric from a values file.
	 * @param valuesFile a values file for the prometheus-adapter chart
	 * @param nameAs the metric the rule serves, its {@code name.as}
	 * @return the rule
	 * @throws IllegalStateException when no rule, or more than one, produces that name,
	 * or a field is missing
	 */
	public static PrometheusAdapterRule load(Path valuesFile, String nameAs) {
		List<PrometheusAdapterRule> serving = all(valuesFile).stream()
			.filter((rule) -> rule.nameAs().equals(nameAs))
			.toList();
		if (serving.size() != 1) {
			throw new IllegalStateException(
					valuesFile + ": expected exactly one rule with name.as '" + nameAs + "', found " + serving.size());
		}
		return serving.get(0);
	}

	/**
	 * Every rule of the repository's values file, in the file's order.
	 * @return the rules
	 */
	public static List<PrometheusAdapterRule> all() {
		return all(valuesFile());
	}

	private static Path valuesFile() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.isRegularFile(dir.resolve(VALUES_FILE))) {
			dir = dir.getParent();
		}
		if (dir == null) {
			throw new IllegalStateException(VALUES_FILE + " not found above " + Path.of("").toAbsolutePath());
		}
		return dir.resolve(VALUES_FILE);
	}

	/**
	 * Every rule of a values file, in the file's order.
	 * @param valuesFile a values file for the prometheus-adapter chart
	 * @return the rules
	 * @throws IllegalStateException when a field is missing
	 */
	@SuppressWarnings("unchecked")
	public static List<PrometheusAdapterRule> all(Path valuesFile) {
		Map<String, Object> values;
		try (InputStream in = Files.newInputStream(valuesFile)) {
			values = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + valuesFile, ex);
		}
		Map<String, Object> rules = (Map<String, Object>) required(values, "rules", valuesFile);
		List<Map<String, Object>> custom = (List<Map<String, Object>>) required(rules, "custom", valuesFile);
		List<PrometheusAdapterRule> all = new ArrayList<>();
		for (Map<String, Object> rule : custom) {
			Map<String, Object> name = (Map<String, Object>) required(rule, "name", valuesFile);
			Map<String, Object> overrides = (Map<String, Object>) required(
					(Map<String, Object>) required(rule, "resources", valuesFile), "overrides", valuesFile);
			Map<String, String> resources = new LinkedHashMap<>();
			overrides.forEach((label, target) -> resources.put(label,
					(String) required((Map<String, Object>) target, "resource", valuesFile)));
			all.add(new PrometheusAdapterRule(valuesFile, (String) required(rule, "seriesQuery", valuesFile), resources,
					(String) required(name, "matches", valuesFile), (String) required(name, "as", valuesFile),
					(String) required(rule, "metricsQuery", valuesFile)));
		}
		return all;
	}

	private static Map<String, String> orderedMap(String... keysAndValues) {
		Map<String, String> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return Collections.unmodifiableMap(map);
	}

	private static Object required(Map<String, Object> map, String key, Path file) {
		Object value = (map != null) ? map.get(key) : null;
		if (value == null) {
			throw new IllegalStateException(file + ": '" + key + "' is missing");
		}
		return value;
	}

	public Path source() {
		return this.source;
	}

	public String seriesQuery() {
		return this.seriesQuery;
	}

	/**
	 * @return the series selector of {@code seriesQuery}
	 */
	public SeriesSelector seriesSelector() {
		return SeriesSelector.parse(this.seriesQuery);
	}

	/**
	 * @return Prometheus label to Kubernetes resource, from {@code resources.overrides}
	 */
	public Map<String, String> resourceOverrides() {
		return this.resourceOverrides;
	}

	public String nameMatches() {
		return this.nameMatches;
	}

	public String nameAs() {
		return this.nameAs;
	}

	public String metricsQuery() {
		return this.metricsQuery;
	}

	/**
	 * The metric name the adapter publishes for a series name: the rule's
	 * {@code name.matches} regular expression replaced by {@code name.as} ({@code $1}
	 * refers to a group), or nothing when the expression does not match.
	 * @param seriesName a series name as Prometheus stores it
	 * @return the custom metric name
	 */
	public Optional<String> metricNameFor(String seriesName) {
		Pattern pattern = Pattern.compile(this.nameMatches);
		if (!pattern.matcher(seriesName).find()) {
			return Optional.empty();
		}
		return Optional.of(pattern.matcher(seriesName).replaceAll(this.nameAs));
	}

	/**
	 * The series the rule discovers: the metric name of its {@code seriesQuery}.
	 * @return the series name
	 */
	public String seriesName() {
		return seriesSelector().metricName();
	}

	/**
	 * Fills {@code metricsQuery} for the series the rule discovers.
	 * @param namespace the namespace of the HPA
	 * @param pods the pods the HPA asks about
	 * @return the PromQL query the adapter sends to Prometheus
	 * @see #renderMetricsQuery(String, String, List)
	 */
	public String renderMetricsQuery(String namespace, List<String> pods) {
		return renderMetricsQuery(seriesName(), namespace, pods);
	}

	/**
	 * Fills {@code metricsQuery} as the adapter does for a request for some pods of a
	 * namespace: {@code <<.Series>>} is the series name, {@code <<.LabelMatchers>>}
	 * selects the namespace and the pods ({@code namespace="ns",pod=~"a|b"}),
	 * {@code <<.GroupBy>>} is the pod label.
	 * @param seriesName the series the rule discovered
	 * @param namespace the namespace of the HPA
	 * @param pods the pods the HPA asks about
	 * @return the PromQL query the adapter sends to Prometheus
	 */
	public String renderMetricsQuery(String seriesName, String namespace, List<String> pods) {
		String namespaceLabel = labelFor("namespace");
		String podLabel = labelFor("pod");
		String labelMatchers = namespaceLabel + "=\"" + namespace + "\"," + podLabel + "=~\"" + String.join("|", pods)
				+ "\"";
		String query = this.metricsQuery.replace("<<.Series>>", seriesName)
			.replace("<<.LabelMatchers>>", labelMatchers)
			.replace("<<.GroupBy>>", podLabel);
		if (query.contains("<<")) {
			throw new IllegalStateException(
					"metricsQuery uses a template field the adapter would not fill here: " + this.metricsQuery);
		}
		return query;
	}

	private String labelFor(String resource) {
		return this.resourceOverrides.entrySet()
			.stream()
			.filter((e) -> e.getValue().equals(resource))
			.map(Map.Entry::getKey)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException(
					this.source + ": resources.overrides maps no label to '" + resource + "'"));
	}

}
