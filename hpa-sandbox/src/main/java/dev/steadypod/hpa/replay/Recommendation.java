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

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.signal.Signal;

/**
 * The per-pod target of each signal at a trace's knee, for {@code recommend}: the mean
 * value one pod shows at the capacity load (the highest load per pod within the latency
 * objective), so that an HPA holding each pod at its target holds it at the knee. The
 * signals differ in how they read the same load: CPU as a utilisation of the pod's CPU
 * request, in-flight as the gauge's mean, concurrency by Little's law (completions per
 * second × their server-side latency, what {@code rate(http_server_requests_seconds_sum)}
 * measures), requests per second as the capacity itself, the thread pool as busy over max
 * threads (only for traces with the pool columns).
 *
 * @param capacityRps the load per pod at the knee
 * @param sloMs the latency objective that sets the knee
 * @param targets each signal's target at the knee (no thread pool without pool columns)
 */
public record Recommendation(double capacityRps, double sloMs, Map<Signal, SignalTarget> targets) {

	public Recommendation {
		targets = new EnumMap<>(targets);
	}

	/**
	 * The targets from a trace's curves.
	 * @param cpuRequestMillis the pod's CPU request, which CPU utilisation is a share of
	 * @param processors the processors the trace's {@code cpu} column is a share of (the
	 * trace's {@code # machine} line, as {@code replay} reads it)
	 * @throws IllegalArgumentException when even the lowest recorded load misses the
	 * objective, or the request or processors are not positive
	 */
	public static Recommendation of(ResponseCurves curves, double sloMs, long cpuRequestMillis, double processors) {
		if (cpuRequestMillis <= 0 || processors <= 0) {
			throw new IllegalArgumentException("the CPU request and processors must be positive, were "
					+ cpuRequestMillis + " m and " + processors);
		}
		double capacity = curves.capacity(sloMs);
		PodResponse knee = curves.mean(capacity);
		Map<Signal, SignalTarget> targets = new EnumMap<>(Signal.class);
		double cpuPercent = knee.cpu() * processors * 1000 / cpuRequestMillis * 100;
		targets.put(Signal.CPU, new SignalTarget(Signal.CPU, Math.max(1, Math.round(cpuPercent))));
		targets.put(Signal.IN_FLIGHT, new SignalTarget(Signal.IN_FLIGHT, rounded(knee.inFlight())));
		targets.put(Signal.CONCURRENCY,
				new SignalTarget(Signal.CONCURRENCY, rounded(knee.completedRps() * knee.latencyMs() / 1000)));
		targets.put(Signal.REQUESTS_PER_SECOND, new SignalTarget(Signal.REQUESTS_PER_SECOND, rounded(capacity)));
		if (curves.hasPool() && knee.poolMax() > 0) {
			// The chart takes the pool's target in whole percent.
			double percent = Math.max(1, Math.round(100 * knee.poolBusy() / knee.poolMax()));
			targets.put(Signal.THREAD_POOL, new SignalTarget(Signal.THREAD_POOL, percent / 100));
		}
		return new Recommendation(capacity, sloMs, targets);
	}

	/** Three significant digits, at least one milli-unit: what a quantity holds. */
	private static double rounded(double value) {
		BigDecimal digits = new BigDecimal(value, new MathContext(3, RoundingMode.HALF_UP)).setScale(3,
				RoundingMode.HALF_UP);
		return Math.max(0.001, digits.doubleValue());
	}

	/** A signal's target, empty for the thread pool of a trace without pool columns. */
	public Optional<SignalTarget> target(Signal signal) {
		return Optional.ofNullable(this.targets.get(signal));
	}

	/**
	 * The targets of the chosen signals.
	 * @throws IllegalArgumentException for the thread pool of a trace without pool
	 * columns
	 */
	public List<SignalTarget> targets(Collection<Signal> signals) {
		List<SignalTarget> chosen = new ArrayList<>();
		for (Signal signal : signals) {
			chosen.add(target(signal).orElseThrow(() -> new IllegalArgumentException("no target for " + signal
					+ ": the trace has no pool_busy and pool_max columns; record it with the pool columns")));
		}
		return chosen;
	}

	/** One line per signal: its metric and its target at the knee. */
	public List<String> lines() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT, "knee: %s requests per second per pod within the %.0f ms objective",
				BigDecimal.valueOf(rounded(this.capacityRps)).stripTrailingZeros().toPlainString(), this.sloMs));
		for (SignalTarget target : this.targets.values()) {
			MetricSpec metric = target.metric();
			String value = switch (target.signal()) {
				case CPU -> Math.round(target.target()) + " % of the request";
				case THREAD_POOL ->
					target.quantity() + " (" + Math.round(100 * target.target()) + " % of the threads busy)";
				default -> target.quantity() + " per pod";
			};
			lines.add(String.format(Locale.ROOT, "%-20s %-28s %s", SignalTarget.names().get(target.signal().ordinal()),
					(target.signal() == Signal.CPU) ? "cpu (Resource)" : metric.name(), value));
		}
		return lines;
	}

	/**
	 * The chart values to paste: the {@code autoscaling} block with every signal's target
	 * at the knee, the chosen ones enabled (a signal without a target, the thread pool on
	 * a trace without pool columns, is left out).
	 * @throws IllegalArgumentException when a chosen signal has no target
	 */
	public String chartValues(Collection<Signal> enabled) {
		targets(enabled);
		StringBuilder yaml = new StringBuilder("autoscaling:\n");
		for (SignalTarget target : this.targets.values()) {
			Signal signal = target.signal();
			yaml.append("  ").append(ChartKeys.block(signal)).append(":\n");
			yaml.append("    enabled: ").append(enabled.contains(signal)).append('\n');
			yaml.append("    ").append(ChartKeys.target(signal)).append(": ").append(switch (signal) {
				case CPU -> String.valueOf(Math.round(target.target()));
				case THREAD_POOL -> String.valueOf(Math.round(target.target() * 100));
				default -> target.quantity();
			}).append('\n');
		}
		return yaml.toString();
	}

	/**
	 * An {@code autoscaling/v2} HorizontalPodAutoscaler on the chosen signals at their
	 * targets, with Kubernetes' default behavior.
	 * @param name the HPA's and the Deployment's name
	 * @throws IllegalArgumentException when a chosen signal has no target, or the bounds
	 * are wrong
	 */
	public String hpa(String name, int minReplicas, int maxReplicas, Collection<Signal> signals) {
		if (minReplicas < 1 || maxReplicas < minReplicas) {
			throw new IllegalArgumentException(
					"the replica bounds must satisfy 1 <= min <= max, were " + minReplicas + " and " + maxReplicas);
		}
		if (signals.isEmpty()) {
			throw new IllegalArgumentException("choose at least one signal for the HPA");
		}
		StringBuilder yaml = new StringBuilder();
		yaml.append("apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: ")
			.append(name)
			.append("\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: ")
			.append(name)
			.append("\n  minReplicas: ")
			.append(minReplicas)
			.append("\n  maxReplicas: ")
			.append(maxReplicas)
			.append("\n  metrics:\n");
		for (SignalTarget target : targets(signals)) {
			if (target.signal() == Signal.CPU) {
				yaml.append("    - type: Resource\n      resource:\n        name: cpu\n        target:\n")
					.append("          type: Utilization\n          averageUtilization: ")
					.append(Math.round(target.target()))
					.append('\n');
			}
			else {
				yaml.append("    - type: Pods\n      pods:\n        metric:\n          name: ")
					.append(target.signal().metricName())
					.append("\n        target:\n          type: AverageValue\n          averageValue: \"")
					.append(target.quantity())
					.append("\"\n");
			}
		}
		return yaml.toString();
	}

	/** The chart's names for each signal's block and target key. */
	private static final class ChartKeys {

		static String block(Signal signal) {
			return switch (signal) {
				case CPU -> "cpu";
				case IN_FLIGHT -> "inFlight";
				case CONCURRENCY -> "concurrency";
				case REQUESTS_PER_SECOND -> "requestsPerSecond";
				case THREAD_POOL -> "threadPool";
			};
		}

		static String target(Signal signal) {
			return switch (signal) {
				case CPU -> "targetAverageUtilization";
				case THREAD_POOL -> "targetUtilization";
				default -> "target";
			};
		}

	}

}
