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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.steadypod.hpa.record.TraceSample;

/**
 * The seconds of a trace that say what a pod can take: those in which the load had held
 * long enough for the pod to settle and the pod kept pace with it. A pod draining a
 * backlog (after the load fell, or after a pause) completes more than it is offered, at a
 * latency that belongs to no steady load; a pod falling behind completes less, and its
 * latency grows with the time it has been behind rather than with the load. Neither says
 * what the pod does at that load for as long as the load lasts.
 */
final class SteadySeconds {

	/** How far the offered rate and the completions may stray: ±10 %. */
	static final double TOLERANCE = 0.10;

	/** How long the offered rate must have held before a second counts. */
	static final int HOLD_SECONDS = 10;

	/** The fewest steady seconds a bin needs for its median to count. */
	static final int MIN_SECONDS_PER_BIN = 5;

	/** Each bin spans 10 % of load: [1.1^k, 1.1^(k+1)) requests per second per pod. */
	private static final double BIN_RATIO = 1 + TOLERANCE;

	private SteadySeconds() {
	}

	/** The load per pod of a sample: what it was offered. */
	static double load(TraceSample sample) {
		return sample.targetRps() / sample.pods();
	}

	/**
	 * Whether the pod completed more than 10 % above what it was offered in the second:
	 * it was working off a backlog.
	 */
	static boolean draining(TraceSample sample) {
		return sample.completedRps() > (1 + TOLERANCE) * sample.targetRps();
	}

	/**
	 * The steady seconds: load offered; every sample of the preceding
	 * {@value #HOLD_SECONDS} seconds offered within ±10 % of the second's load (and the
	 * trace reaches that far back); completions within ±10 % of the offered rate.
	 */
	static List<TraceSample> of(List<TraceSample> samples) {
		List<TraceSample> byTime = samples.stream().sorted(Comparator.comparingLong(TraceSample::second)).toList();
		List<TraceSample> steady = new ArrayList<>();
		if (byTime.isEmpty()) {
			return steady;
		}
		long first = byTime.get(0).second();
		for (int i = 0; i < byTime.size(); i++) {
			TraceSample sample = byTime.get(i);
			double load = load(sample);
			if (load <= 0 || sample.second() - HOLD_SECONDS < first
					|| Math.abs(sample.completedRps() - sample.targetRps()) > TOLERANCE * sample.targetRps()) {
				continue;
			}
			boolean held = true;
			for (int j = i - 1; j >= 0 && byTime.get(j).second() >= sample.second() - HOLD_SECONDS; j--) {
				held = held && Math.abs(load(byTime.get(j)) - load) <= TOLERANCE * load;
			}
			if (held) {
				steady.add(sample);
			}
		}
		return steady;
	}

	/**
	 * The steady seconds grouped by load per pod into bins 10 % wide, lowest load first;
	 * bins of fewer than {@value #MIN_SECONDS_PER_BIN} seconds are left out (too few to
	 * judge). A bin's load is the mean load of its seconds, its latency the median, so a
	 * single outlier second moves neither the bin nor the capacity.
	 * @param clientView whether to judge by the load generator's latency (else the
	 * server's)
	 */
	static List<ResponseCurves.SteadyBin> bins(List<TraceSample> steady, boolean clientView) {
		Map<Integer, List<TraceSample>> byBin = new TreeMap<>();
		for (TraceSample sample : steady) {
			double latency = clientView ? sample.clientLatencyMs() : sample.latencyMs();
			if (Double.isNaN(latency)) {
				continue;
			}
			int bin = (int) Math.floor(Math.log(load(sample)) / Math.log(BIN_RATIO));
			byBin.computeIfAbsent(bin, (b) -> new ArrayList<>()).add(sample);
		}
		List<ResponseCurves.SteadyBin> bins = new ArrayList<>();
		for (List<TraceSample> seconds : byBin.values()) {
			if (seconds.size() < MIN_SECONDS_PER_BIN) {
				continue;
			}
			double load = seconds.stream().mapToDouble(SteadySeconds::load).average().orElseThrow();
			double[] latencies = seconds.stream()
				.mapToDouble((s) -> clientView ? s.clientLatencyMs() : s.latencyMs())
				.sorted()
				.toArray();
			int n = latencies.length;
			double median = (n % 2 == 1) ? latencies[n / 2] : (latencies[n / 2 - 1] + latencies[n / 2]) / 2;
			bins.add(new ResponseCurves.SteadyBin(load, median, n));
		}
		return bins;
	}

}
