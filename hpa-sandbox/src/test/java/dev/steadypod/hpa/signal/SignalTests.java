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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.steadypod.hpa.signal.PromQl.RangeBounds;
import dev.steadypod.hpa.signal.PromQl.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.within;

/**
 * Each {@link Signal} computed from one pod's samples as its query computes it, against
 * values worked out by hand: a one-minute window evaluated at 60 s, scrapes every 15 s.
 */
class SignalTests {

	private static final long EVAL = 60_000;

	private static final Duration WINDOW = Signal.RATE_WINDOW;

	@Test
	void theQueriesAreThoseTheAdapterSends() {
		String matchers = "namespace=\"shop\",pod=~\"a|b\"";
		assertThat(Signal.CONCURRENCY.perPodQuery(matchers))
			.isEqualTo("sum(rate(http_server_requests_seconds_sum{namespace=\"shop\",pod=~\"a|b\"}[1m])) by (pod)");
		assertThat(Signal.REQUESTS_PER_SECOND.perPodQuery(matchers))
			.isEqualTo("sum(rate(http_server_requests_seconds_count{namespace=\"shop\",pod=~\"a|b\"}[1m])) by (pod)");
		assertThat(Signal.IN_FLIGHT.perPodQuery(matchers))
			.isEqualTo("sum(http_server_requests_active_seconds_count{namespace=\"shop\",pod=~\"a|b\"}) by (pod)");
		assertThat(Signal.THREAD_POOL.perPodQuery(matchers))
			.isEqualTo("sum(tomcat_threads_busy_threads{namespace=\"shop\",pod=~\"a|b\"}) by (pod)"
					+ " / sum(tomcat_threads_config_max_threads{namespace=\"shop\",pod=~\"a|b\"}) by (pod)");
		assertThat(Signal.values()).extracting(Signal::metricName)
			.containsExactly("cpu", "http_requests_in_flight", "http_requests_concurrency", "http_requests_per_second",
					"tomcat_threads_busy_ratio");
	}

	@Test
	void cpuIsNotAPrometheusQuery() {
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> Signal.CPU.perPodQuery("pod=\"a\""))
			.withMessageContaining("metrics-server");
		assertThatExceptionOfType(UnsupportedOperationException.class)
			.isThrownBy(() -> Signal.CPU.evaluate(Map.of(), EVAL, WINDOW, RangeBounds.CLOSED))
			.withMessageContaining("metrics-server");
		assertThat(Signal.CPU.seriesNames()).isEmpty();
	}

	@Test
	void ratesAreTakenPerSeriesAndThenSummed() {
		// /a counts 15 per scrape for the whole minute: 60 / 60 s.
		List<Sample> a = samples(0, 0, 15, 30, 45, 60);
		// /b appears at 30 s with 100 already counted (a series new to Prometheus): 60
		// over 30 s, extrapolated by half an interval to 37.5 s, then per 60 s. Summing
		// before the rate would count its 100 as a jump.
		List<Sample> b = samples(30_000, 100, 130, 160);
		Map<String, List<List<Sample>>> pod = Map.of("http_server_requests_seconds_count", List.of(a, b));
		assertThat(Signal.REQUESTS_PER_SECOND.evaluate(pod, EVAL, WINDOW, RangeBounds.CLOSED).getAsDouble())
			.isCloseTo(1.0 + 60 * 37.5 / 30 / 60, within(1e-12));
	}

	@Test
	void aCounterResetInOneSeriesIsCorrectedBeforeTheSum() {
		// The pod restarted its /a counter between 15 s and 30 s: 25 - 10 + 20.
		List<Sample> a = samples(0, 10, 20, 5, 15, 25);
		List<Sample> b = samples(0, 1, 2, 3, 4, 5);
		Map<String, List<List<Sample>>> pod = Map.of("http_server_requests_seconds_sum", List.of(a, b));
		assertThat(Signal.CONCURRENCY.evaluate(pod, EVAL, WINDOW, RangeBounds.CLOSED).getAsDouble())
			.isCloseTo((35 + 4) / 60.0, within(1e-12));
	}

	@Test
	void aSeriesWithFewerThanTwoSamplesInTheWindowDropsOutOfTheSum() {
		List<Sample> a = samples(0, 0, 15, 30, 45, 60);
		List<Sample> lone = samples(45_000, 1000);
		Map<String, List<List<Sample>>> pod = Map.of("http_server_requests_seconds_count", List.of(a, lone));
		assertThat(Signal.REQUESTS_PER_SECOND.evaluate(pod, EVAL, WINDOW, RangeBounds.CLOSED).getAsDouble())
			.isCloseTo(1.0, within(1e-12));
		Map<String, List<List<Sample>>> onlyLone = Map.of("http_server_requests_seconds_count", List.of(lone));
		assertThat(Signal.REQUESTS_PER_SECOND.evaluate(onlyLone, EVAL, WINDOW, RangeBounds.CLOSED)).isEmpty();
		assertThat(Signal.REQUESTS_PER_SECOND.evaluate(Map.of(), EVAL, WINDOW, RangeBounds.CLOSED)).isEmpty();
	}

	@Test
	void gaugesSumEachSeriesLatestSampleWithinTheLookback() {
		long eval = 600_000;
		List<Sample> recent = List.of(new Sample(580_000, 2), new Sample(590_000, 3), new Sample(610_000, 50));
		List<Sample> atTheLookbacksStart = List.of(new Sample(300_000, 4));
		List<Sample> tooOld = List.of(new Sample(299_999, 7));
		Map<String, List<List<Sample>>> pod = Map.of("http_server_requests_active_seconds_count",
				List.of(recent, atTheLookbacksStart, tooOld));
		assertThat(Signal.IN_FLIGHT.evaluate(pod, eval, WINDOW, RangeBounds.CLOSED)).hasValue(3 + 4);
		assertThat(Signal.IN_FLIGHT.evaluate(pod, eval, WINDOW, RangeBounds.LEFT_OPEN)).hasValue(3);
		Map<String, List<List<Sample>>> stale = Map.of("http_server_requests_active_seconds_count", List.of(tooOld));
		assertThat(Signal.IN_FLIGHT.evaluate(stale, eval, WINDOW, RangeBounds.CLOSED)).isEmpty();
	}

	@Test
	void thePoolRatioDividesTheSumsNotTheRatios() {
		// Two connectors: 1 of 10 and 9 of 30 busy. The query gives 10 / 40, not the
		// mean of 0.1 and 0.3.
		Map<String, List<List<Sample>>> pod = Map.of("tomcat_threads_busy_threads",
				List.of(samples(0, 4, 1), samples(0, 9)), "tomcat_threads_config_max_threads",
				List.of(samples(0, 10), samples(0, 30)));
		assertThat(Signal.THREAD_POOL.evaluate(pod, EVAL, WINDOW, RangeBounds.CLOSED)).hasValue(0.25);
	}

	@Test
	void aPodWithoutPoolSeriesHasNoPoolRatio() {
		List<List<Sample>> requests = List.of(samples(0, 0, 15, 30, 45, 60));
		assertThat(Signal.THREAD_POOL.evaluate(Map.of("http_server_requests_seconds_count", requests), EVAL, WINDOW,
				RangeBounds.CLOSED))
			.isEmpty();
		// Busy threads without the maximum: the division matches no pod.
		assertThat(Signal.THREAD_POOL.evaluate(Map.of("tomcat_threads_busy_threads", List.of(samples(0, 3))), EVAL,
				WINDOW, RangeBounds.CLOSED))
			.isEmpty();
	}

	@Test
	void samplesOutOfTimeOrderAreRefusedNamingTheSeries() {
		List<Sample> backwards = List.of(new Sample(30_000, 5), new Sample(15_000, 3));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Signal.CONCURRENCY.evaluate(
					Map.of("http_server_requests_seconds_sum", List.of(backwards)), EVAL, WINDOW, RangeBounds.CLOSED))
			.withMessageContaining("http_server_requests_seconds_sum")
			.withMessageContaining("out of time order");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Signal.CONCURRENCY.evaluate(Map.of(), EVAL, Duration.ZERO, RangeBounds.CLOSED))
			.withMessageContaining("rate window");
	}

	/**
	 * Samples every 15 s from {@code fromMillis}.
	 */
	private static List<Sample> samples(long fromMillis, double... values) {
		List<Sample> samples = new ArrayList<>();
		for (int i = 0; i < values.length; i++) {
			samples.add(new Sample(fromMillis + 15_000L * i, values[i]));
		}
		return samples;
	}

}
