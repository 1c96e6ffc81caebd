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

package dev.steadypod.hpa.signal;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

import dev.steadypod.hpa.signal.PromQl.RangeBounds;
import dev.steadypod.hpa.signal.PromQl.Sample;

/**
 * The signals an HPA can scale on, named as users write them in a prometheus-adapter rule
 * ({@code name.as}, the HPA's Pods metric), each with the per-pod query the adapter sends
 * and the same computation over one pod's scraped samples, so that a replay scales on
 * what a cluster's HPA would have seen, not on a smoother value.
 */
public enum Signal {

	/** CPU utilisation through metrics-server: not a Prometheus query. */
	CPU("cpu", List.of()),

	/** Requests in flight at the scrape (Micrometer's long task timer). */
	IN_FLIGHT("http_requests_in_flight", List.of("http_server_requests_active_seconds_count")),

	/**
	 * The mean number of requests in flight over the rate window by Little's law: the
	 * seconds spent in requests per second of wall time.
	 */
	CONCURRENCY("http_requests_concurrency", List.of("http_server_requests_seconds_sum")),

	/** Completed requests per second. */
	REQUESTS_PER_SECOND("http_requests_per_second", List.of("http_server_requests_seconds_count")),

	/**
	 * The share of the web server's threads that are busy (Micrometer's Tomcat metrics).
	 */
	THREAD_POOL("tomcat_threads_busy_ratio",
			List.of("tomcat_threads_busy_threads", "tomcat_threads_config_max_threads"));

	/** The window of the rate queries, {@code [1m]}. */
	public static final Duration RATE_WINDOW = Duration.ofMinutes(1);

	/** How far back an instant selector looks for a gauge's latest sample. */
	public static final Duration LOOKBACK = Duration.ofMinutes(5);

	private final String metricName;

	private final List<String> seriesNames;

	Signal(String metricName, List<String> seriesNames) {
		this.metricName = metricName;
		this.seriesNames = seriesNames;
	}

	/**
	 * The HPA's Pods metric name.
	 * @return the name the prometheus-adapter rule exposes
	 */
	public String metricName() {
		return this.metricName;
	}

	/**
	 * The Prometheus series this signal reads.
	 * @return the series names (none for {@link #CPU})
	 */
	public List<String> seriesNames() {
		return this.seriesNames;
	}

	/**
	 * The per-pod query as prometheus-adapter sends it.
	 * @param labelMatchers the matchers inside the braces, e.g.
	 * {@code namespace="shop",pod=~"a|b"}
	 * @return the PromQL
	 * @throws UnsupportedOperationException for {@link #CPU}, which metrics-server serves
	 */
	public String perPodQuery(String labelMatchers) {
		return switch (this) {
			case CPU -> throw new UnsupportedOperationException(
					"CPU comes from metrics-server (the HPA's Resource metric), not from a Prometheus query");
			case IN_FLIGHT, THREAD_POOL -> gaugeQueries(labelMatchers);
			case CONCURRENCY, REQUESTS_PER_SECOND ->
				"sum(rate(" + this.seriesNames.get(0) + "{" + labelMatchers + "}[1m])) by (pod)";
		};
	}

	private String gaugeQueries(String labelMatchers) {
		return String.join(" / ",
				this.seriesNames.stream().map((name) -> "sum(" + name + "{" + labelMatchers + "}) by (pod)").toList());
	}

	/**
	 * This signal's value for one pod at {@code evalMillis}, computed from the pod's
	 * scraped samples as {@link #perPodQuery(String)} computes it: counters are rated per
	 * series and then summed; gauges take each series' latest sample within
	 * {@link #LOOKBACK}; the pool ratio divides the two sums.
	 * @param seriesByName for each Prometheus series name, one sample list (in time
	 * order) per label set; names this signal does not read are ignored
	 * @param evalMillis the evaluation time
	 * @param rateWindow the range of the rate selectors ({@link #RATE_WINDOW} in the
	 * adapter rules)
	 * @param bounds which Prometheus generation selects the samples
	 * @return the value, or empty when the query returns nothing for the pod (no series,
	 * or no series with two samples in the rate window, or no sample in the lookback)
	 * @throws UnsupportedOperationException for {@link #CPU}
	 * @throws IllegalArgumentException when a sample list is out of time order or the
	 * window is not positive
	 */
	public OptionalDouble evaluate(Map<String, List<List<Sample>>> seriesByName, long evalMillis, Duration rateWindow,
			RangeBounds bounds) {
		if (rateWindow.isNegative() || rateWindow.isZero()) {
			throw new IllegalArgumentException("The rate window must be positive, not " + rateWindow);
		}
		return switch (this) {
			case CPU -> throw new UnsupportedOperationException(
					"CPU comes from metrics-server (the HPA's Resource metric), not from scraped samples");
			case IN_FLIGHT -> sumOfLatest(series(seriesByName, 0), evalMillis, bounds);
			case CONCURRENCY, REQUESTS_PER_SECOND ->
				sumOfRates(series(seriesByName, 0), evalMillis, rateWindow, bounds);
			case THREAD_POOL -> ratio(sumOfLatest(series(seriesByName, 0), evalMillis, bounds),
					sumOfLatest(series(seriesByName, 1), evalMillis, bounds));
		};
	}

	private List<List<Sample>> series(Map<String, List<List<Sample>>> seriesByName, int index) {
		String name = this.seriesNames.get(index);
		List<List<Sample>> series = seriesByName.getOrDefault(name, List.of());
		for (List<Sample> samples : series) {
			for (int i = 1; i < samples.size(); i++) {
				if (samples.get(i).timeMillis() < samples.get(i - 1).timeMillis()) {
					throw new IllegalArgumentException("The samples of a " + name + " series are out of time order: "
							+ samples.get(i - 1) + " before " + samples.get(i));
				}
			}
		}
		return series;
	}

	private static OptionalDouble sumOfRates(List<List<Sample>> series, long evalMillis, Duration rateWindow,
			RangeBounds bounds) {
		return sum(series.stream().map((samples) -> PromQl.rate(samples, evalMillis, rateWindow, bounds)).toList());
	}

	private static OptionalDouble sumOfLatest(List<List<Sample>> series, long evalMillis, RangeBounds bounds) {
		return sum(series.stream().map((samples) -> PromQl.latest(samples, evalMillis, LOOKBACK, bounds)).toList());
	}

	/**
	 * {@code sum(...) by (pod)}: the series with a value, added; nothing when none has.
	 */
	private static OptionalDouble sum(List<OptionalDouble> values) {
		boolean any = false;
		double sum = 0;
		for (OptionalDouble value : values) {
			if (value.isPresent()) {
				any = true;
				sum += value.getAsDouble();
			}
		}
		return any ? OptionalDouble.of(sum) : OptionalDouble.empty();
	}

	/**
	 * A division of two per-pod vectors: a pod missing from either side drops out, and a
	 * zero denominator gives what Prometheus gives (infinity or NaN).
	 */
	private static OptionalDouble ratio(OptionalDouble numerator, OptionalDouble denominator) {
		return (numerator.isPresent() && denominator.isPresent())
				? OptionalDouble.of(numerator.getAsDouble() / denominator.getAsDouble()) : OptionalDouble.empty();
	}

}
