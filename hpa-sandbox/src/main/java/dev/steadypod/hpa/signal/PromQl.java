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
 */
public final class PromQl {

	private PromQl() {
	}

	/**
	 * Which samples a range selector {@code [range]} evaluated at a time selects.
	 */
	public enum RangeBounds {

		/** Prometheus 3: {@code (eval - range, eval]}. */
		LEFT_OPEN,

		/** Prometheus 2: {@code [eval - range, eval]}. */
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
		List<Sample> selected = samples.stream()
			.filter((s) -> s.timeMillis() <= evalMillis
					&& ((bounds == RangeBounds.LEFT_OPEN) ? s.timeMillis() > rangeStart : s.timeMillis() >= rangeStart))
			.toList();
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
		if (durationToStart >= threshold) {
			durationToStart = averageBetweenSamples / 2;
		}
		if (result > 0 && first.value() >= 0) {
			// A counter does not go below zero: extrapolate no further back than that.
			double durationToZero = sampledInterval * (first.value() / result);
			if (durationToZero < durationToStart) {
				durationToStart = durationToZero;
			}
		}
		if (durationToEnd >= threshold) {
			durationToEnd = averageBetweenSamples / 2;
		}
		double extrapolated = sampledInterval + durationToStart + durationToEnd;
		return OptionalDouble.of(result * extrapolated / sampledInterval);
	}

}
