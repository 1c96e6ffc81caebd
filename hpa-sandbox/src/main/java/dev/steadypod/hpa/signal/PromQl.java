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
import java.util.OptionalDouble;

/**
 * PromQL's {@code rate()} and {@code increase()} over the samples Prometheus scraped of
 * one counter series, computed as Prometheus computes them ({@code extrapolatedRate} in
 * {@code promql/functions.go}): the difference between the first and last sample in the
 * range, corrected for counter resets, extrapolated towards the range's ends by at most
 * half the average interval between samples (to the full distance when a sample lies
 * within 1.1 intervals of the end), and never below the point where the counter would
 * have been zero.
 * <p>
 * The two Prometheus generations differ in two places, and {@link RangeBounds} picks
 * both: which samples a range selects, and the order of the last two steps at the range's
 * start. Prometheus 2 (as Debian's 2.42 does) first shortens the distance to the start to
 * the counter's zero point and then compares it with the 1.1-interval threshold;
 * Prometheus 3 (since prometheus/prometheus#13725, March 2024) first falls back to half
 * an interval and then limits that to the zero point. They differ when the first sample
 * lies beyond the threshold and the zero point between half an interval and 1.1 intervals
 * before it: Prometheus 2 extrapolates to the zero point, Prometheus 3 by half an
 * interval. Releases of 2.x made after that change combine closed ranges with the new
 * order; neither constant models them.
 */
public final class PromQl {

	private PromQl() {
	}

	/**
	 * Which samples a range selector {@code [range]} evaluated at a time selects.
	 */
	public enum RangeBounds {

		/**
		 * Prometheus 3: {@code (eval - range, eval]}, the lookback likewise; the zero
		 * point limits the half-interval fallback.
		 */
		LEFT_OPEN,

		/**
		 * Prometheus 2 up to early 2024 (Debian's 2.42): {@code [eval - range, eval]},
		 * the lookback likewise; the zero point is taken before the threshold.
		 */
		CLOSED

	}

	/**
	 * One scraped sample.
	 *
	 * @param timeMillis the scrape's timestamp
	 * @param value the counter's value
	 */
	public record Sample(long timeMillis, double value) {

	}

	/**
	 * {@code rate(series[range])} at {@code evalMillis}.
	 * @param samples the series' samples in time order (any range; those outside the
	 * selector's range are ignored)
	 * @return the per-second rate, or empty when fewer than two samples fall in the range
	 * (Prometheus returns no value then)
	 */
	public static OptionalDouble rate(List<Sample> samples, long evalMillis, Duration range, RangeBounds bounds) {
		OptionalDouble increase = increase(samples, evalMillis, range, bounds);
		return increase.isPresent() ? OptionalDouble.of(increase.getAsDouble() / (range.toMillis() / 1000.0))
				: OptionalDouble.empty();
	}

	/**
	 * {@code increase(series[range])} at {@code evalMillis}.
	 * @return the extrapolated increase, or empty when fewer than two samples fall in the
	 * range
	 */
	public static OptionalDouble increase(List<Sample> samples, long evalMillis, Duration range, RangeBounds bounds) {
		long rangeStart = evalMillis - range.toMillis();
		List<Sample> selected = select(samples, evalMillis, range, bounds);
		if (selected.size() < 2) {
			return OptionalDouble.empty();
		}
		Sample first = selected.get(0);
		Sample last = selected.get(selected.size() - 1);
		double result = last.value() - first.value();
		double previous = first.value();
		for (Sample sample : selected) {
			if (sample.value() < previous) {
				// A counter reset: the value before it was lost from the difference.
				result += previous;
			}
			previous = sample.value();
		}
		double durationToStart = (first.timeMillis() - rangeStart) / 1000.0;
		double durationToEnd = (evalMillis - last.timeMillis()) / 1000.0;
		double sampledInterval = (last.timeMillis() - first.timeMillis()) / 1000.0;
		double averageBetweenSamples = sampledInterval / (selected.size() - 1);
		double threshold = averageBetweenSamples * 1.1;
		if (bounds == RangeBounds.CLOSED) {
			durationToStart = Math.min(durationToStart, durationToZero(first, result, sampledInterval));
		}
		if (durationToStart >= threshold) {
			durationToStart = averageBetweenSamples / 2;
		}
		if (bounds == RangeBounds.LEFT_OPEN) {
			durationToStart = Math.min(durationToStart, durationToZero(first, result, sampledInterval));
		}
		if (durationToEnd >= threshold) {
			durationToEnd = averageBetweenSamples / 2;
		}
		double extrapolated = sampledInterval + durationToStart + durationToEnd;
		return OptionalDouble.of(result * extrapolated / sampledInterval);
	}

	/**
	 * The instant vector selector {@code series} at {@code evalMillis}: the latest sample
	 * at or before it within the lookback (Prometheus' staleness markers never reach
	 * these lists, so a series that stopped keeps its last value for the whole lookback).
	 * @param samples the series' samples in time order
	 * @return the value, or empty when no sample lies within the lookback
	 */
	static OptionalDouble latest(List<Sample> samples, long evalMillis, Duration lookback, RangeBounds bounds) {
		List<Sample> selected = select(samples, evalMillis, lookback, bounds);
		return selected.isEmpty() ? OptionalDouble.empty()
				: OptionalDouble.of(selected.get(selected.size() - 1).value());
	}

	private static List<Sample> select(List<Sample> samples, long evalMillis, Duration range, RangeBounds bounds) {
		long rangeStart = evalMillis - range.toMillis();
		return samples.stream()
			.filter((s) -> s.timeMillis() <= evalMillis
					&& ((bounds == RangeBounds.LEFT_OPEN) ? s.timeMillis() > rangeStart : s.timeMillis() >= rangeStart))
			.toList();
	}

	/**
	 * How far before the first sample the counter, rising as it did in the range, would
	 * have been zero: a counter does not go below zero, so extrapolation stops there.
	 * @return the distance in seconds, or infinity when the counter did not rise or
	 * starts below zero (no limit then)
	 */
	private static double durationToZero(Sample first, double result, double sampledInterval) {
		if (result > 0 && first.value() >= 0) {
			return sampledInterval * (first.value() / result);
		}
		return Double.POSITIVE_INFINITY;
	}

}
