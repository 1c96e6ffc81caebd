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

package dev.steadypod.hpa.record;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * A trace read from a Prometheus server with range queries: the columns of a recording
 * that the app's metrics give, over all the pods that match a selector, one row per step.
 * The web server's thread pool ({@code pool_busy}, {@code pool_max}) is filled where
 * Prometheus has Tomcat's thread metrics and left empty where it has not, so that an app
 * without them still gives a trace and a replay names what is missing. The load
 * generator's view (client latency, outstanding requests) cannot come from Prometheus and
 * stays empty: a replay of such a trace rests its capacity on server-side latency.
 *
 * @param server the Prometheus server, e.g. {@code http://prometheus.monitoring:9090}
 * @param selector label matchers that pick the app's series, e.g.
 * {@code namespace="shop",pod=~"shop-.*"}
 * @param start the first instant
 * @param end the last instant
 * @param step the resolution; at least the scrape interval
 * @param rateWindow the window of {@code rate()}; at least two scrape intervals
 */
public record PrometheusTrace(URI server, String selector, Instant start, Instant end, Duration step,
		Duration rateWindow) {

	/** Prometheus refuses range queries of more points than this per series. */
	static final long MAX_POINTS = 11_000;

	public PrometheusTrace {
		if (!end.isAfter(start)) {
			throw new IllegalArgumentException(
					"the range is empty: its end (" + end + ") is not after its start (" + start + ")");
		}
		if (step.toSeconds() < 1) {
			throw new IllegalArgumentException("--step must be at least 1s, was " + step.toSeconds() + "s");
		}
		long points = Duration.between(start, end).toSeconds() / step.toSeconds() + 1;
		if (points > MAX_POINTS) {
			throw new IllegalArgumentException("the range from " + start + " to " + end + " at a " + step.toSeconds()
					+ "s step is " + points + " points; Prometheus answers at most " + MAX_POINTS
					+ ": shorten the range or raise --step");
		}
		if (rateWindow.compareTo(step) < 0) {
			throw new IllegalArgumentException("--rate-window (" + rateWindow.toSeconds()
					+ "s) must be at least --step (" + step.toSeconds() + "s)");
		}
	}

	/**
	 * The queries, column by column.
	 * @return column name to PromQL
	 */
	public Map<String, String> queries() {
		String m = PrometheusApi.matchers(this.selector);
		String sel = "{" + m + "}";
		String w = "[" + this.rateWindow.toSeconds() + "s]";
		String pods = "count(process_cpu_usage" + sel + ")";
		return Map.of("in_flight", "sum(" + TraceRecorder.IN_FLIGHT + sel + ")", "completed_rps",
				"sum(rate(" + TraceRecorder.REQUESTS_COUNT + sel + w + "))", "latency_ms",
				"1000 * sum(rate(" + TraceRecorder.REQUESTS_SUM + sel + w + ")) / sum(rate("
						+ TraceRecorder.REQUESTS_COUNT + sel + w + "))",
				"cpu", "avg(" + TraceRecorder.CPU + sel + ")", "gc_pause_ms",
				"1000 * sum(rate(" + TraceRecorder.GC_PAUSE_SUM + sel + w + ")) / " + pods, "pods", pods, "pool_busy",
				"sum(" + TraceRecorder.POOL_BUSY + sel + ")", "pool_max", "sum(" + TraceRecorder.POOL_MAX + sel + ")");
	}

	/**
	 * Runs the queries.
	 * @param progress receives a line per query
	 * @return one sample per step at which Prometheus had the in-flight series, with the
	 * pool columns NaN at steps without their series and the client view always NaN
	 * @throws IllegalArgumentException when the range holds no in-flight samples, naming
	 * the query and range
	 */
	public List<TraceSample> fetch(Consumer<String> progress) throws IOException, InterruptedException {
		PrometheusApi api = new PrometheusApi(this.server);
		Map<String, String> queries = queries();
		Map<String, TreeMap<Long, Double>> columns = new TreeMap<>();
		for (String column : List.of("in_flight", "completed_rps", "latency_ms", "cpu", "gc_pause_ms", "pods",
				"pool_busy", "pool_max")) {
			progress.accept("querying " + column + ": " + queries.get(column));
			columns.put(column, api.range(queries.get(column), this.start, this.end, this.step));
		}
		if (columns.get("pool_busy").isEmpty() || columns.get("pool_max").isEmpty()) {
			// Not an error: the replay refuses only an HPA that scales on the pool.
			progress.accept("no " + TraceRecorder.POOL_BUSY + " or " + TraceRecorder.POOL_MAX
					+ " series in the range: the pool_busy and pool_max columns stay empty (Spring Boot exports"
					+ " Tomcat's thread metrics with server.tomcat.mbeanregistry.enabled=true)");
		}
		TreeMap<Long, Double> inFlight = columns.get("in_flight");
		if (inFlight.isEmpty()) {
			throw new IllegalArgumentException("Prometheus at " + this.server + " has no samples of '"
					+ queries.get("in_flight") + "' between " + this.start + " and " + this.end
					+ ": the range is empty; check the time range and --selector");
		}
		List<TraceSample> samples = new ArrayList<>();
		long first = inFlight.firstKey();
		for (Map.Entry<Long, Double> entry : inFlight.entrySet()) {
			long t = entry.getKey();
			double completed = value(columns, "completed_rps", t);
			double latency = value(columns, "latency_ms", t);
			int pods = (int) Math.max(1, Math.round(value(columns, "pods", t)));
			samples.add(new TraceSample(t - first, completed, completed, value(columns, "cpu", t), entry.getValue(),
					latency, value(columns, "gc_pause_ms", t), pods, Double.NaN, Double.NaN,
					optional(columns, "pool_busy", t), optional(columns, "pool_max", t), Double.NaN));
		}
		return samples;
	}

	/** A column a trace may lack: NaN where Prometheus had no value, as in a CSV. */
	private static double optional(Map<String, TreeMap<Long, Double>> columns, String column, long t) {
		Double value = columns.get(column).get(t);
		return (value == null || value.isInfinite()) ? Double.NaN : value;
	}

	private static double value(Map<String, TreeMap<Long, Double>> columns, String column, long t) {
		Double value = columns.get(column).get(t);
		// No requests in a window make the latency 0/0: report 0, as a recording does.
		return (value == null || value.isNaN() || value.isInfinite()) ? 0 : value;
	}

}
