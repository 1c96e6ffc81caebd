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

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.Behavior;
import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.model.MetricTarget;
import dev.steadypod.hpa.model.ScalingPolicy;
import dev.steadypod.hpa.model.ScalingRules;
import dev.steadypod.hpa.model.SelectPolicy;
import dev.steadypod.hpa.signal.Signal;
import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * Reads the HPA a replay runs: an {@code autoscaling/v2} HorizontalPodAutoscaler manifest
 * (one document of a multi-document file, e.g. {@code helm template} output or
 * {@code kubectl get hpa -o yaml}), or the Steadypod chart's values (its
 * {@code autoscaling} block; keys left out take the chart's defaults).
 */
public final class HpaSpecs {

	/** The Pods metric names that mean requests in flight. */
	static final List<String> IN_FLIGHT_NAMES = List.of(Simulator.IN_FLIGHT_METRIC,
			"http_server_requests_active_seconds_count");

	/** What a replay can drive, for error messages. */
	static final String DRIVABLE = "a replay drives CPU (type Resource, name cpu) and the Pods metrics "
			+ Arrays.stream(Signal.values())
				.filter((signal) -> signal != Signal.CPU)
				.map((signal) -> signal.metricName()
						+ ((signal == Signal.IN_FLIGHT) ? " (or " + IN_FLIGHT_NAMES.get(1) + ")" : ""))
				.collect(Collectors.joining(", "))
			+ ", each with an AverageValue target";

	/**
	 * The chart's defaults ({@code helm/steadypod/values.yaml}); a test keeps them equal.
	 */
	static final Map<String, Object> CHART_DEFAULTS = Map.of("minReplicas", 2, "maxReplicas", 10, "cpu",
			Map.of("enabled", true, "targetAverageUtilization", 80), "inFlight", Map.of("enabled", false, "target", 10),
			"concurrency", Map.of("enabled", false, "target", 10), "requestsPerSecond",
			Map.of("enabled", false, "target", 100), "threadPool", Map.of("enabled", true, "targetUtilization", 70),
			"scaleUp", Map.of("stabilizationWindowSeconds", 0, "pods", 4, "percent", 100, "periodSeconds", 15),
			"scaleDown", Map.of("stabilizationWindowSeconds", 120, "percent", 100, "periodSeconds", 60));

	/**
	 * The chart's {@code Pods} signals, by values key, with the HPA metric each renders
	 * (the {@code name.as} of its rule in {@code helm/prometheus-adapter-values.yaml}),
	 * in the order the chart renders them, after CPU.
	 */
	static final Map<String, String> CHART_PODS_SIGNALS = chartPodsSignals();

	private HpaSpecs() {
	}

	/**
	 * The signal a Pods metric name stands for: each signal's
	 * {@link Signal#metricName()}, and the in-flight gauge's own series name as the
	 * in-flight signal.
	 * @return the signal, or {@code null} for a name a replay cannot drive
	 */
	static @Nullable Signal signal(String podsMetricName) {
		if (IN_FLIGHT_NAMES.contains(podsMetricName)) {
			return Signal.IN_FLIGHT;
		}
		for (Signal signal : Signal.values()) {
			if (signal != Signal.CPU && signal.metricName().equals(podsMetricName)) {
				return signal;
			}
		}
		return null;
	}

	/**
	 * Reads a file.
	 * @throws IllegalArgumentException naming the file and what is wrong: not YAML, no
	 * HPA or chart values in it, another API version, a metric the replay cannot drive, a
	 * missing or mistyped field
	 */
	public static AutoscalerSpec read(Path file) throws IOException {
		String text = Files.readString(file);
		List<Object> documents = new ArrayList<>();
		try {
			new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(text).forEach(documents::add);
		}
		catch (YAMLException ex) {
			throw new IllegalArgumentException(file + " is not valid YAML: " + ex.getMessage().strip(), ex);
		}
		for (Object document : documents) {
			if (document instanceof Map<?, ?> map && "HorizontalPodAutoscaler".equals(map.get("kind"))) {
				return hpa(file, map);
			}
		}
		for (Object document : documents) {
			if (document instanceof Map<?, ?> map && map.get("autoscaling") instanceof Map<?, ?> autoscaling) {
				return chartValues(file, autoscaling);
			}
		}
		throw new IllegalArgumentException(file + " holds neither a HorizontalPodAutoscaler (kind:"
				+ " HorizontalPodAutoscaler, apiVersion: autoscaling/v2) nor Steadypod chart values with an"
				+ " 'autoscaling' block");
	}

	/** An {@code autoscaling/v2} HorizontalPodAutoscaler. */
	static AutoscalerSpec hpa(Path file, Map<?, ?> hpa) {
		Object version = hpa.get("apiVersion");
		if (!"autoscaling/v2".equals(version)) {
			throw new IllegalArgumentException(file + ": apiVersion '" + version
					+ "' is not supported; replay reads autoscaling/v2 HorizontalPodAutoscalers (kubectl get hpa"
					+ " NAME -o yaml serves that version)");
		}
		Map<?, ?> spec = map(file, hpa, "spec", true);
		int min = integer(file, spec, "spec.minReplicas", "minReplicas", 1);
		int max = integer(file, spec, "spec.maxReplicas", "maxReplicas", null);
		Object metricsValue = spec.get("metrics");
		List<MetricSpec> metrics = new ArrayList<>();
		if (metricsValue == null) {
			// The API server's default: 80% CPU.
			metrics.add(new MetricSpec.Resource("cpu", null, MetricTarget.utilization(80)));
		}
		else if (metricsValue instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				if (!(list.get(i) instanceof Map<?, ?> metric)) {
					throw new IllegalArgumentException(file + ": spec.metrics[" + i + "] is not a mapping");
				}
				metrics.add(metric(file, "spec.metrics[" + i + "]", metric));
			}
		}
		else {
			throw new IllegalArgumentException(file + ": spec.metrics must be a list");
		}
		Behavior behavior = (spec.get("behavior") instanceof Map<?, ?> b)
				? new Behavior(rules(file, "spec.behavior.scaleUp", b.get("scaleUp")),
						rules(file, "spec.behavior.scaleDown", b.get("scaleDown")))
				: null;
		return spec(file, min, max, metrics, behavior);
	}

	private static MetricSpec metric(Path file, String path, Map<?, ?> metric) {
		Object type = metric.get("type");
		if ("Resource".equals(type)) {
			Map<?, ?> resource = map(file, metric, "resource", true);
			Object name = resource.get("name");
			if (!"cpu".equals(name)) {
				throw unknown(file, path, "Resource " + name);
			}
			Map<?, ?> target = map(file, resource, "target", true);
			Object targetType = target.get("type");
			if ("Utilization".equals(targetType)) {
				return new MetricSpec.Resource("cpu", null, MetricTarget.utilization(integer(file, target,
						path + ".resource.target.averageUtilization", "averageUtilization", null)));
			}
			if ("AverageValue".equals(targetType)) {
				return new MetricSpec.Resource("cpu", null, MetricTarget
					.averageValue(quantity(file, path + ".resource.target.averageValue", target.get("averageValue"))));
			}
			throw new IllegalArgumentException(file + ": " + path + ".resource.target.type must be Utilization or"
					+ " AverageValue for cpu, was '" + targetType + "'");
		}
		if ("Pods".equals(type)) {
			Map<?, ?> pods = map(file, metric, "pods", true);
			Object name = map(file, pods, "metric", true).get("name");
			Signal signal = (name instanceof String text) ? signal(text) : null;
			if (signal == null) {
				throw unknown(file, path, "Pods " + name);
			}
			Map<?, ?> target = map(file, pods, "target", true);
			if (!"AverageValue".equals(target.get("type"))) {
				throw new IllegalArgumentException(file + ": " + path + ".pods.target.type must be AverageValue, was '"
						+ target.get("type") + "'");
			}
			return new MetricSpec.Pods(signal.metricName(), MetricTarget
				.averageValue(quantity(file, path + ".pods.target.averageValue", target.get("averageValue"))));
		}
		throw unknown(file, path, String.valueOf(type));
	}

	private static IllegalArgumentException unknown(Path file, String path, String metric) {
		return new IllegalArgumentException(
				file + ": " + path + " is the metric '" + metric + "', which a replay cannot drive: " + DRIVABLE);
	}

	private static @Nullable ScalingRules rules(Path file, String path, @Nullable Object value) {
		if (value == null) {
			return null;
		}
		if (!(value instanceof Map<?, ?> rules)) {
			throw new IllegalArgumentException(file + ": " + path + " must be a mapping");
		}
		Integer window = (rules.get("stabilizationWindowSeconds") != null)
				? integer(file, rules, path + ".stabilizationWindowSeconds", "stabilizationWindowSeconds", null) : null;
		SelectPolicy select = null;
		if (rules.get("selectPolicy") != null) {
			select = switch (String.valueOf(rules.get("selectPolicy"))) {
				case "Max" -> SelectPolicy.MAX;
				case "Min" -> SelectPolicy.MIN;
				case "Disabled" -> SelectPolicy.DISABLED;
				default -> throw new IllegalArgumentException(file + ": " + path + ".selectPolicy must be Max, Min or"
						+ " Disabled, was '" + rules.get("selectPolicy") + "'");
			};
		}
		List<ScalingPolicy> policies = null;
		if (rules.get("policies") instanceof List<?> list) {
			policies = new ArrayList<>();
			for (int i = 0; i < list.size(); i++) {
				String at = path + ".policies[" + i + "]";
				if (!(list.get(i) instanceof Map<?, ?> policy)) {
					throw new IllegalArgumentException(file + ": " + at + " is not a mapping");
				}
				ScalingPolicy.Type type = switch (String.valueOf(policy.get("type"))) {
					case "Pods" -> ScalingPolicy.Type.PODS;
					case "Percent" -> ScalingPolicy.Type.PERCENT;
					default -> throw new IllegalArgumentException(
							file + ": " + at + ".type must be Pods or Percent, was '" + policy.get("type") + "'");
				};
				policies.add(new ScalingPolicy(type, integer(file, policy, at + ".value", "value", null),
						integer(file, policy, at + ".periodSeconds", "periodSeconds", null)));
			}
		}
		Double tolerance = null;
		if (rules.get("tolerance") != null) {
			tolerance = quantity(file, path + ".tolerance", rules.get("tolerance")) / 1000.0;
		}
		return new ScalingRules(window, select, policies, tolerance);
	}

	/** The chart's {@code autoscaling} values, over the chart's defaults. */
	static AutoscalerSpec chartValues(Path file, Map<?, ?> values) {
		int min = integer(file, values, "autoscaling.minReplicas", "minReplicas",
				(Integer) CHART_DEFAULTS.get("minReplicas"));
		int max = integer(file, values, "autoscaling.maxReplicas", "maxReplicas",
				(Integer) CHART_DEFAULTS.get("maxReplicas"));
		if (values.containsKey("targetInFlightRequests")) {
			throw new IllegalArgumentException(file + ": autoscaling.targetInFlightRequests was replaced by"
					+ " autoscaling.inFlight.target (with autoscaling.inFlight.enabled: true), as in the chart");
		}
		// One metric per enabled signal, in the order the chart renders them.
		List<MetricSpec> metrics = new ArrayList<>();
		Map<?, ?> cpu = block(file, values, "cpu");
		if (enabled(file, cpu, "cpu")) {
			metrics.add(new MetricSpec.Resource("cpu", null, MetricTarget.utilization(
					integer(file, cpu, "autoscaling.cpu.targetAverageUtilization", "targetAverageUtilization", null))));
		}
		CHART_PODS_SIGNALS.forEach((signal, metric) -> {
			Map<?, ?> block = block(file, values, signal);
			if (enabled(file, block, signal)) {
				long target = "threadPool".equals(signal) ? 10L
						* integer(file, block, "autoscaling.threadPool.targetUtilization", "targetUtilization", null)
						: quantity(file, "autoscaling." + signal + ".target", block.get("target"));
				metrics.add(new MetricSpec.Pods(metric, MetricTarget.averageValue(target)));
			}
		});
		if (metrics.isEmpty()) {
			throw new IllegalArgumentException(file + ": no autoscaling signal is enabled: set enabled: true under at"
					+ " least one of autoscaling.cpu, autoscaling."
					+ String.join(", autoscaling.", CHART_PODS_SIGNALS.keySet()));
		}
		Map<?, ?> up = block(file, values, "scaleUp");
		Map<?, ?> down = block(file, values, "scaleDown");
		int upPeriod = integer(file, up, "autoscaling.scaleUp.periodSeconds", "periodSeconds", null);
		int downPeriod = integer(file, down, "autoscaling.scaleDown.periodSeconds", "periodSeconds", null);
		Behavior behavior = new Behavior(
				new ScalingRules(integer(
						file, up, "autoscaling.scaleUp.stabilizationWindowSeconds", "stabilizationWindowSeconds", null),
						SelectPolicy.MAX,
						List.of(new ScalingPolicy(ScalingPolicy.Type.PODS,
								integer(file, up, "autoscaling.scaleUp.pods", "pods", null), upPeriod),
								new ScalingPolicy(ScalingPolicy.Type.PERCENT,
										integer(file, up, "autoscaling.scaleUp.percent", "percent", null), upPeriod))),
				new ScalingRules(
						integer(file, down, "autoscaling.scaleDown.stabilizationWindowSeconds",
								"stabilizationWindowSeconds", null),
						SelectPolicy.MIN, List.of(new ScalingPolicy(ScalingPolicy.Type.PERCENT,
								integer(file, down, "autoscaling.scaleDown.percent", "percent", null), downPeriod))));
		return spec(file, min, max, metrics, behavior);
	}

	private static Map<String, String> chartPodsSignals() {
		Map<String, String> signals = new LinkedHashMap<>();
		signals.put("inFlight", Simulator.IN_FLIGHT_METRIC);
		signals.put("concurrency", "http_requests_concurrency");
		signals.put("requestsPerSecond", "http_requests_per_second");
		signals.put("threadPool", "tomcat_threads_busy_ratio");
		return Collections.unmodifiableMap(signals);
	}

	/** A signal block's {@code enabled}. */
	private static boolean enabled(Path file, Map<?, ?> block, String signal) {
		Object enabled = block.get("enabled");
		if (enabled instanceof Boolean on) {
			return on;
		}
		throw new IllegalArgumentException(
				file + ": autoscaling." + signal + ".enabled must be true or false, was '" + enabled + "'");
	}

	/** A nested block of the chart values, each key over its default. */
	@SuppressWarnings("unchecked")
	private static Map<?, ?> block(Path file, Map<?, ?> values, String name) {
		Map<String, Object> merged = new HashMap<>((Map<String, Object>) CHART_DEFAULTS.get(name));
		Object given = values.get(name);
		if (given != null) {
			if (!(given instanceof Map<?, ?> map)) {
				throw new IllegalArgumentException(file + ": autoscaling." + name + " must be a mapping");
			}
			map.forEach((key, value) -> merged.put(String.valueOf(key), value));
		}
		return merged;
	}

	private static AutoscalerSpec spec(Path file, int min, int max, List<MetricSpec> metrics,
			@Nullable Behavior behavior) {
		try {
			return new AutoscalerSpec(min, max, metrics, behavior);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
		}
	}

	private static Map<?, ?> map(Path file, Map<?, ?> parent, String key, boolean required) {
		Object value = parent.get(key);
		if (value instanceof Map<?, ?> map) {
			return map;
		}
		throw new IllegalArgumentException(
				file + ": " + ((value == null) ? "missing '" + key + "'" : "'" + key + "' must be a mapping"));
	}

	private static int integer(Path file, Map<?, ?> parent, String path, String key, @Nullable Integer absent) {
		Object value = parent.get(key);
		if (value == null) {
			if (absent == null) {
				throw new IllegalArgumentException(file + ": missing " + path);
			}
			return absent;
		}
		if (value instanceof Integer number) {
			return number;
		}
		throw new IllegalArgumentException(file + ": " + path + " must be a whole number, was '" + value + "'");
	}

	/**
	 * A Kubernetes quantity ({@code 10}, {@code "10"}, {@code 500m}, {@code 1.5},
	 * {@code 2k}) in milli-units.
	 */
	static long quantity(Path file, String path, @Nullable Object value) {
		if (value == null) {
			throw new IllegalArgumentException(file + ": missing " + path);
		}
		String text = String.valueOf(value).strip();
		long factor = 1000;
		if (text.endsWith("m")) {
			factor = 1;
			text = text.substring(0, text.length() - 1);
		}
		else if (text.endsWith("k")) {
			factor = 1_000_000;
			text = text.substring(0, text.length() - 1);
		}
		try {
			return new BigDecimal(text).multiply(BigDecimal.valueOf(factor))
				.setScale(0, RoundingMode.CEILING)
				.longValueExact();
		}
		catch (NumberFormatException | ArithmeticException ex) {
			throw new IllegalArgumentException(
					file + ": " + path + " must be a quantity such as 10, 500m or 1.5, was '" + value + "'", ex);
		}
	}

}
