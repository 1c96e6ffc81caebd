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

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import dev.steadypod.hpa.signal.PromQl;
import dev.steadypod.hpa.signal.Signal;

/**
 * What one simulated pod exports on its Prometheus endpoint and what Prometheus keeps of
 * it: Micrometer's request timer as counters ({@code http_server_requests_seconds_sum}
 * and {@code _count}), the in-flight gauge
 * ({@code http_server_requests_active_seconds_count}) and, when the trace knows the pool,
 * Tomcat's busy and max threads. A scrape stores each series' value at the scrape's time;
 * only the samples a rate window can still select are kept (and each gauge's latest), so
 * a replay of days holds a few samples per pod.
 */
final class PodSeries {

	static final String SECONDS_SUM = "http_server_requests_seconds_sum";

	static final String SECONDS_COUNT = "http_server_requests_seconds_count";

	static final String ACTIVE = "http_server_requests_active_seconds_count";

	static final String POOL_BUSY = "tomcat_threads_busy_threads";

	static final String POOL_MAX = "tomcat_threads_config_max_threads";

	private final long keepMillis;

	private final Map<String, Deque<PromQl.Sample>> scraped = new LinkedHashMap<>();

	private double secondsSum;

	private double secondsCount;

	private double inFlight;

	private double poolBusy = Double.NaN;

	private double poolMax = Double.NaN;

	/**
	 * @param rateWindow the longest range a query selects: older samples are dropped
	 */
	PodSeries(Duration rateWindow) {
		this.keepMillis = rateWindow.toMillis();
	}

	/**
	 * One second of serving: the timer's counters grow by the completed requests and the
	 * seconds they took (server-side, as the timer measures them); the gauges take the
	 * second's values.
	 */
	void serve(PodResponse response) {
		double completed = finite(response.completedRps());
		this.secondsCount += completed;
		this.secondsSum += completed * finite(response.latencyMs()) / 1000;
		this.inFlight = finite(response.inFlight());
		this.poolBusy = response.poolBusy();
		this.poolMax = response.poolMax();
	}

	/** A scrape at {@code timeMillis}: every exported series gets a sample. */
	void scrape(long timeMillis) {
		store(SECONDS_SUM, timeMillis, this.secondsSum);
		store(SECONDS_COUNT, timeMillis, this.secondsCount);
		store(ACTIVE, timeMillis, this.inFlight);
		// Tomcat's meters exist only where the trace recorded the pool.
		if (!Double.isNaN(this.poolBusy) && !Double.isNaN(this.poolMax)) {
			store(POOL_BUSY, timeMillis, this.poolBusy);
			store(POOL_MAX, timeMillis, this.poolMax);
		}
	}

	/** Whether Prometheus has scraped the pod at all. */
	boolean scraped() {
		return !this.scraped.isEmpty();
	}

	/** How many samples are kept over all series. */
	int kept() {
		return this.scraped.values().stream().mapToInt(Deque::size).sum();
	}

	/**
	 * The signal's per-pod query evaluated at {@code evalMillis} over what was scraped.
	 * @return empty when the query returns nothing for the pod
	 */
	OptionalDouble evaluate(Signal signal, long evalMillis, Duration rateWindow, PromQl.RangeBounds bounds) {
		Map<String, List<List<PromQl.Sample>>> series = new LinkedHashMap<>();
		for (String name : signal.seriesNames()) {
			Deque<PromQl.Sample> samples = this.scraped.get(name);
			if (samples != null) {
				series.put(name, List.of(List.copyOf(samples)));
			}
		}
		return signal.evaluate(series, evalMillis, rateWindow, bounds);
	}

	private void store(String name, long timeMillis, double value) {
		Deque<PromQl.Sample> samples = this.scraped.computeIfAbsent(name, (n) -> new ArrayDeque<>());
		samples.addLast(new PromQl.Sample(timeMillis, value));
		// No later evaluation selects a sample older than one window before now; the
		// latest stays for the gauges' lookback.
		while (samples.size() > 1 && samples.peekFirst().timeMillis() < timeMillis - this.keepMillis) {
			samples.removeFirst();
		}
	}

	private static double finite(double value) {
		return Double.isFinite(value) ? value : 0;
	}

}
