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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.model.MetricTarget;
import dev.steadypod.hpa.signal.Signal;

/**
 * One metric of an HPA as a user chooses it: a signal and its per-pod target.
 *
 * @param signal the signal
 * @param target for {@link Signal#CPU} the utilisation in percent of the CPU request; for
 * the thread pool the busy share of the threads (0.8 = 80 %); for the others the average
 * value per pod (requests in flight, requests per second)
 */
public record SignalTarget(Signal signal, double target) {

	/** The names users write for each signal, in {@link Signal} order. */
	private static final List<List<String>> NAMES = List.of(List.of("cpu"), List.of("in-flight", "inflight"),
			List.of("concurrency"), List.of("requests-per-second", "rps"), List.of("thread-pool", "pool"));

	public SignalTarget {
		if (!(target > 0) || Double.isInfinite(target)) {
			throw new IllegalArgumentException("the target of " + signal + " must be positive, was " + target);
		}
	}

	/** The HPA metric: a CPU Resource metric or the signal's Pods metric. */
	public MetricSpec metric() {
		if (this.signal == Signal.CPU) {
			return new MetricSpec.Resource("cpu", null, MetricTarget.utilization((int) Math.round(this.target)));
		}
		return new MetricSpec.Pods(this.signal.metricName(), MetricTarget.averageValue(milli()));
	}

	/** The target in milli-units, as a Kubernetes quantity holds it. */
	long milli() {
		return Math.round(this.target * 1000);
	}

	/** The target as a Kubernetes quantity, e.g. {@code 8.5} or {@code 0.75}. */
	String quantity() {
		return BigDecimal.valueOf(milli(), 3).stripTrailingZeros().toPlainString();
	}

	/** How a table names it, e.g. {@code CPU 80 %}, {@code concurrency 8}. */
	public String label() {
		return switch (this.signal) {
			case CPU -> String.format(Locale.ROOT, "CPU %d %%", Math.round(this.target));
			case IN_FLIGHT -> "in-flight " + quantity();
			case CONCURRENCY -> "concurrency " + quantity();
			case REQUESTS_PER_SECOND -> "requests/s " + quantity();
			case THREAD_POOL ->
				"thread pool " + BigDecimal.valueOf(milli(), 1).stripTrailingZeros().toPlainString() + " %";
		};
	}

	/**
	 * The signal an HPA metric stands for, with its target.
	 * @throws IllegalArgumentException for a metric a replay cannot drive
	 */
	public static SignalTarget of(MetricSpec metric) {
		if (metric instanceof MetricSpec.Resource resource && "cpu".equals(resource.name())
				&& resource.target().type() == MetricTarget.Type.UTILIZATION) {
			return new SignalTarget(Signal.CPU, resource.target().milliValue());
		}
		Signal signal = (metric instanceof MetricSpec.Pods pods) ? HpaSpecs.signal(pods.name()) : null;
		if (signal == null) {
			throw new IllegalArgumentException(
					"the metric '" + metric.name() + "' is not one of the signals; " + HpaSpecs.DRIVABLE);
		}
		return new SignalTarget(signal, metric.target().milliValue() / 1000.0);
	}

	/**
	 * The signal a user names: {@code cpu}, {@code in-flight}, {@code concurrency},
	 * {@code requests-per-second} (or {@code rps}), {@code thread-pool}, or a Pods metric
	 * name such as {@code http_requests_concurrency}.
	 * @throws IllegalArgumentException naming the signals for anything else
	 */
	public static Signal signal(String name) {
		String key = name.strip().toLowerCase(Locale.ROOT);
		for (Signal signal : Signal.values()) {
			if (NAMES.get(signal.ordinal()).contains(key) || signal.name().toLowerCase(Locale.ROOT).equals(key)) {
				return signal;
			}
		}
		Signal byMetric = HpaSpecs.signal(key);
		if (byMetric != null) {
			return byMetric;
		}
		throw new IllegalArgumentException("unknown signal '" + name + "': use one of " + String.join(", ", names()));
	}

	/** The names {@link #signal(String)} knows, one per signal. */
	public static List<String> names() {
		return NAMES.stream().map((names) -> names.get(0)).toList();
	}

	/**
	 * One HPA's metrics as a user writes them: {@code signal=target} joined by {@code +},
	 * e.g. {@code cpu=80+concurrency=8} (the thread pool's target as a share,
	 * {@code thread-pool=0.8}).
	 * @throws IllegalArgumentException naming the part that is wrong
	 */
	public static List<SignalTarget> parse(String hpa) {
		List<SignalTarget> targets = new ArrayList<>();
		for (String part : hpa.split("\\+")) {
			int equals = part.indexOf('=');
			if (equals < 0) {
				throw new IllegalArgumentException(
						"'" + part.strip() + "' needs a target, as in cpu=80, concurrency=8 or thread-pool=0.8");
			}
			Signal signal = signal(part.substring(0, equals));
			String value = part.substring(equals + 1).strip();
			double target;
			try {
				target = Double.parseDouble(value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("the target in '" + part.strip() + "' is not a number", ex);
			}
			if (signal == Signal.THREAD_POOL && value.endsWith("%")) {
				target = target / 100;
			}
			targets.add(new SignalTarget(signal, target));
		}
		return targets;
	}

}
