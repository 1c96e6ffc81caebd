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

import dev.steadypod.hpa.signal.PromQl.RangeBounds;
import dev.steadypod.hpa.signal.PromQl.Sample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link PromQl} against extrapolations worked out by hand from Prometheus'
 * {@code extrapolatedRate}: a one-minute range evaluated at 60 s, samples every 15 s.
 */
class PromQlTests {

	private static final Duration MINUTE = Duration.ofMinutes(1);

	private static final long EVAL = 60_000;

	@Test
	void samplesAlignedWithTheWindowNeedNoExtrapolationWhenTheRangeIsClosed() {
		List<Sample> samples = samples(0, 100, 130, 145, 160, 175);
		// All five samples, first at the start and last at the end: 175 - 100.
		assertThat(PromQl.increase(samples, EVAL, MINUTE, RangeBounds.CLOSED)).hasValue(75);
		assertThat(PromQl.rate(samples, EVAL, MINUTE, RangeBounds.CLOSED).getAsDouble()).isCloseTo(1.25, within(1e-12));
	}

	@Test
	void aLeftOpenRangeDropsTheSampleOnItsStartAndExtrapolatesTheRestToIt() {
		List<Sample> samples = samples(0, 100, 130, 145, 160, 175);
		// 130..175 over 45 s, 15 s from the start (under 1.1 intervals): 45 * 60 / 45.
		assertThat(PromQl.increase(samples, EVAL, MINUTE, RangeBounds.LEFT_OPEN).getAsDouble()).isCloseTo(60,
				within(1e-12));
		assertThat(PromQl.rate(samples, EVAL, MINUTE, RangeBounds.LEFT_OPEN).getAsDouble()).isCloseTo(1.0,
				within(1e-12));
	}

	@Test
	void oneScrapeMissingAtTheStartIsStillExtrapolatedToTheStart() {
		// First sample 15 s after the start, within 1.1 * 15 s: 45 s sampled, 60 s
		// extrapolated.
		List<Sample> samples = samples(15_000, 1000, 1015, 1030, 1045);
		for (RangeBounds bounds : RangeBounds.values()) {
			assertThat(PromQl.increase(samples, EVAL, MINUTE, bounds).getAsDouble()).isCloseTo(60, within(1e-12));
		}
	}

	@Test
	void aSeriesStartingTwoScrapesIntoTheRangeIsExtrapolatedByHalfAnInterval() {
		// First sample 30 s after the start, beyond 1.1 * 15 s: 30 s sampled plus 7.5 s.
		List<Sample> samples = samples(30_000, 1000, 1015, 1030);
		for (RangeBounds bounds : RangeBounds.values()) {
			assertThat(PromQl.increase(samples, EVAL, MINUTE, bounds).getAsDouble()).isCloseTo(30 * 37.5 / 30,
					within(1e-12));
		}
	}

	@Test
	void aSampleShortOfTheEndIsExtrapolatedToIt() {
		// 5 s and 10 s from the ends, both within 1.1 intervals: 45 * 60 / 45.
		List<Sample> samples = samples(5_000, 1010, 1025, 1040, 1055);
		assertThat(PromQl.increase(samples, EVAL, MINUTE, RangeBounds.CLOSED).getAsDouble()).isCloseTo(60,
				within(1e-12));
	}

	@Test
	void aCounterResetAddsTheValueBeforeIt() {
		List<Sample> samples = samples(0, 10, 20, 5, 15, 25);
		// 25 - 10 + 20 lost at the reset, no extrapolation.
		assertThat(PromQl.increase(samples, EVAL, MINUTE, RangeBounds.CLOSED).getAsDouble()).isCloseTo(35,
				within(1e-12));
		// 20, 5, 15, 25: 25 - 20 + 20 over 45 s, extrapolated to 60 s.
		assertThat(PromQl.increase(samples, EVAL, MINUTE, RangeBounds.LEFT_OPEN).getAsDouble())
			.isCloseTo(25 * 60 / 45.0, within(1e-12));
	}

	@Test
	void aNewCounterIsNotExtrapolatedBelowZero() {
		// Rising 15 per 15 s from 1: zero 1 s before the first sample, nearer than both
		// the start (30 s) and half an interval (7.5 s).
		List<Sample> samples = samples(30_000, 1, 16, 31);
		for (RangeBounds bounds : RangeBounds.values()) {
			assertThat(PromQl.increase(samples, EVAL, MINUTE, bounds).getAsDouble()).isCloseTo(31, within(1e-12));
		}
	}

	@Test
	void aZeroPointBetweenHalfAndOneIntervalIsWherePrometheusTwoAndThreeDiffer() {
		// From 10, rising 15 per 15 s: zero 10 s before the first sample. Prometheus 2
		// takes the zero point (10 s under the 16.5 s threshold); Prometheus 3 falls
		// back to half an interval first (7.5 s), which the zero point does not limit.
		List<Sample> samples = samples(30_000, 10, 25, 40);
		assertThat(PromQl.increase(samples, EVAL, MINUTE, RangeBounds.CLOSED).getAsDouble()).isCloseTo(30 * 40 / 30.0,
				within(1e-12));
		assertThat(PromQl.increase(samples, EVAL, MINUTE, RangeBounds.LEFT_OPEN).getAsDouble())
			.isCloseTo(30 * 37.5 / 30, within(1e-12));
	}

	@Test
	void fewerThanTwoSamplesInTheRangeGiveNoValue() {
		assertThat(PromQl.rate(List.of(), EVAL, MINUTE, RangeBounds.CLOSED)).isEmpty();
		assertThat(PromQl.rate(samples(45_000, 7), EVAL, MINUTE, RangeBounds.CLOSED)).isEmpty();
		// The second sample lies after the evaluation time.
		assertThat(PromQl.rate(samples(50_000, 7, 9), EVAL, MINUTE, RangeBounds.CLOSED)).isEmpty();
	}

	@Test
	void aSampleOnTheRangesStartCountsOnlyWhenTheRangeIsClosed() {
		List<Sample> samples = List.of(new Sample(0, 5), new Sample(60_000, 65));
		// Samples at 0 s and 60 s: the whole range, 65 - 5.
		assertThat(PromQl.rate(samples, EVAL, MINUTE, RangeBounds.CLOSED).getAsDouble()).isCloseTo(1.0, within(1e-12));
		assertThat(PromQl.rate(samples, EVAL, MINUTE, RangeBounds.LEFT_OPEN)).isEmpty();
	}

	@Test
	void theLatestSampleWithinTheLookbackIsTheGaugesValue() {
		Duration lookback = Duration.ofMinutes(5);
		List<Sample> samples = List.of(new Sample(0, 3), new Sample(100_000, 4), new Sample(400_000, 9));
		assertThat(PromQl.latest(samples, 300_000, lookback, RangeBounds.CLOSED)).hasValue(4);
		assertThat(PromQl.latest(samples, 400_000, lookback, RangeBounds.CLOSED)).hasValue(9);
		assertThat(PromQl.latest(samples, 399_999 + 300_000, lookback, RangeBounds.CLOSED)).hasValue(9);
		assertThat(PromQl.latest(samples, 99_999, lookback, RangeBounds.CLOSED)).hasValue(3);
		// At 300 s the sample at 0 lies exactly on the lookback's start.
		assertThat(PromQl.latest(List.of(new Sample(0, 3)), 300_000, lookback, RangeBounds.CLOSED)).hasValue(3);
		assertThat(PromQl.latest(List.of(new Sample(0, 3)), 300_000, lookback, RangeBounds.LEFT_OPEN)).isEmpty();
		assertThat(PromQl.latest(List.of(new Sample(0, 3)), 300_001, lookback, RangeBounds.CLOSED)).isEmpty();
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
