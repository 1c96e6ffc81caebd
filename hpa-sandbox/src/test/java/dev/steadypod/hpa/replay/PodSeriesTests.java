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

import dev.steadypod.hpa.signal.PromQl.RangeBounds;
import dev.steadypod.hpa.signal.Signal;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * One simulated pod's series as Prometheus scrapes them every 15 s and the adapter's
 * queries read them: 10 requests per second of 200 ms, 2 in flight, 4 of 20 threads busy.
 */
class PodSeriesTests {

	private static final Duration WINDOW = Signal.RATE_WINDOW;

	private static final PodResponse STEADY = new PodResponse(0.1, 2, 200, 0, 10, 200, 4, 20);

	@Test
	void aNewPodHasGaugesFromItsFirstScrapeButARateOnlyFromItsSecond() {
		PodSeries pod = new PodSeries(WINDOW);
		serve(pod, 0, 7);
		assertThat(pod.scraped()).isFalse();
		assertThat(pod.evaluate(Signal.IN_FLIGHT, 7_000, WINDOW, RangeBounds.LEFT_OPEN)).isEmpty();
		pod.scrape(7_000);
		assertThat(pod.evaluate(Signal.IN_FLIGHT, 10_000, WINDOW, RangeBounds.LEFT_OPEN)).hasValue(2);
		assertThat(pod.evaluate(Signal.THREAD_POOL, 10_000, WINDOW, RangeBounds.LEFT_OPEN)).hasValue(0.2);
		assertThat(pod.evaluate(Signal.CONCURRENCY, 10_000, WINDOW, RangeBounds.LEFT_OPEN)).isEmpty();
		assertThat(pod.evaluate(Signal.REQUESTS_PER_SECOND, 20_000, WINDOW, RangeBounds.LEFT_OPEN)).isEmpty();
		serve(pod, 7, 22);
		pod.scrape(22_000);
		// Two scrapes 15 s apart: 150 requests and 30 s of them, extrapolated over the
		// window by half an interval at each end (the counters started 7 s before).
		assertThat(pod.evaluate(Signal.REQUESTS_PER_SECOND, 22_000, WINDOW, RangeBounds.LEFT_OPEN).getAsDouble())
			.isCloseTo(150 * (15 + 7 + 0) / 15.0 / 60, within(1e-9));
		assertThat(pod.evaluate(Signal.CONCURRENCY, 22_000, WINDOW, RangeBounds.LEFT_OPEN).getAsDouble())
			.isCloseTo(30 * 22 / 15.0 / 60, within(1e-9));
	}

	@Test
	void aSteadyPodsRatesAreItsCompletionsAndLittlesLaw() {
		PodSeries pod = new PodSeries(WINDOW);
		for (int s = 0; s < 600; s++) {
			pod.serve(STEADY);
			if (s % 15 == 3) {
				pod.scrape(s * 1000L);
			}
		}
		assertThat(pod.evaluate(Signal.REQUESTS_PER_SECOND, 600_000, WINDOW, RangeBounds.LEFT_OPEN).getAsDouble())
			.isCloseTo(10, within(1e-9));
		assertThat(pod.evaluate(Signal.CONCURRENCY, 600_000, WINDOW, RangeBounds.LEFT_OPEN).getAsDouble()).isCloseTo(2,
				within(1e-9));
	}

	@Test
	void prometheusTwoSelectsASampleExactlyOneWindowOldAndThreeDoesNot() {
		PodSeries pod = new PodSeries(WINDOW);
		serve(pod, 0, 1);
		pod.scrape(0);
		serve(pod, 1, 61);
		pod.scrape(60_000);
		assertThat(pod.evaluate(Signal.REQUESTS_PER_SECOND, 60_000, WINDOW, RangeBounds.LEFT_OPEN)).isEmpty();
		assertThat(pod.evaluate(Signal.REQUESTS_PER_SECOND, 60_000, WINDOW, RangeBounds.CLOSED)).isPresent();
	}

	@Test
	void aPodWithoutPoolColumnsHasNoThreadPoolValue() {
		PodSeries pod = new PodSeries(WINDOW);
		pod.serve(new PodResponse(0.1, 2, 200, 0, 10, 200, Double.NaN, Double.NaN));
		pod.scrape(0);
		assertThat(pod.evaluate(Signal.THREAD_POOL, 0, WINDOW, RangeBounds.LEFT_OPEN)).isEmpty();
		assertThat(pod.evaluate(Signal.IN_FLIGHT, 0, WINDOW, RangeBounds.LEFT_OPEN)).hasValue(2);
	}

	@Test
	void aLongRunKeepsOnlyTheSamplesTheWindowCanSelect() {
		PodSeries pod = new PodSeries(WINDOW);
		for (int s = 0; s < 86_400; s++) {
			pod.serve(STEADY);
			pod.scrape(s * 1000L);
		}
		assertThat(pod.kept()).isLessThanOrEqualTo(5 * 61);
		assertThat(pod.evaluate(Signal.IN_FLIGHT, 86_399_000, WINDOW, RangeBounds.LEFT_OPEN)).hasValue(2);
	}

	/** Seconds {@code from} to {@code to} (exclusive) of steady serving. */
	private static void serve(PodSeries pod, int from, int to) {
		for (int s = from; s < to; s++) {
			pod.serve(STEADY);
		}
	}

}
