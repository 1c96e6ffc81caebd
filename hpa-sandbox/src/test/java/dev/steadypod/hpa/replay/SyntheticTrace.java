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
import java.util.List;

import dev.steadypod.hpa.record.TraceSample;

/**
 * A noise-free trace of a pod, worked out by hand: 24 load levels (6.25 to 293.75
 * requests per second, 12.5 apart, one per bin), 10 identical seconds each (or as many as
 * asked). Latency is 100 ms up to 200 requests per second and grows by 10 ms per request
 * per second beyond; in flight = load × latency (Little's law); CPU = load / 250, at most
 * one processor.
 */
final class SyntheticTrace {

	private SyntheticTrace() {
	}

	static double latency(double load) {
		return (load <= 200) ? 100 : 100 + 10 * (load - 200);
	}

	/** The load of each of the 24 levels. */
	static double level(int k) {
		return (k - 0.5) * 12.5;
	}

	static List<TraceSample> samples() {
		return samples(10);
	}

	static List<TraceSample> samples(int secondsPerLevel) {
		List<TraceSample> samples = new ArrayList<>();
		long second = 0;
		for (int k = 1; k <= 24; k++) {
			double load = level(k);
			for (int i = 0; i < secondsPerLevel; i++) {
				samples.add(new TraceSample(second++, load, load, Math.min(1, load / 250), load * latency(load) / 1000,
						latency(load), 0));
			}
		}
		return samples;
	}

	/**
	 * A pod bound by its web server's pool, with the load generator's view: 20 threads
	 * each waiting 200 ms downstream complete at most 100 requests per second; the server
	 * measures 200 ms throughout, while beyond 100 requests per second the clients wait
	 * 20 ms more per request per second offered, queued in front of the pool. Busy
	 * threads = completions × 0.2 s; CPU = completions / 1000. Same 24 levels, 10 seconds
	 * each.
	 */
	static List<TraceSample> poolBound() {
		List<TraceSample> samples = new ArrayList<>();
		long second = 0;
		for (int k = 1; k <= 24; k++) {
			double load = level(k);
			double completed = Math.min(100, load);
			double client = 200 + 20 * Math.max(0, load - 100);
			for (int i = 0; i < 20; i++) {
				samples.add(new TraceSample(second++, load, completed, completed / 1000, completed * 0.2, 200, 0, 1,
						client, load * client / 1000, completed * 0.2, 20, Double.NaN));
			}
		}
		return samples;
	}

}
