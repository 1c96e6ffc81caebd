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

package dev.steadypod.hpa.model;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.steadypod.hpa.model.ScalingHistory.Recommendation;
import dev.steadypod.hpa.model.ScalingHistory.ScaleEvent;

/**
 * Turns the metrics' proposal into the replica count the controller sets: stabilisation
 * over the recommendation history, then the bounds and the rate limits.
 */
final class Normalization {

	/** Scale-up limit without a behavior: {@code max(2 × current, 4)}. */
	static final double LEGACY_SCALE_UP_FACTOR = 2.0;

	static final int LEGACY_SCALE_UP_MINIMUM = 4;

	private Normalization() {
	}

	/** A replica count and the {@code ScalingLimited} reason behind it. */
	record Limited(int replicas, String reason) {

	}

	/**
	 * Without a behavior: the highest recommendation of the downscale window wins; the
	 * oldest expired entry is replaced by the new one.
	 */
	static int stabilize(List<Recommendation> log, int desired, Duration window, Instant now) {
		int max = desired;
		int reusable = -1;
		Instant cutoff = now.minus(window);
		for (int i = 0; i < log.size(); i++) {
			Recommendation recommendation = log.get(i);
			if (recommendation.timestamp().isBefore(cutoff)) {
				reusable = i;
			}
			else if (recommendation.replicas() > max) {
				max = recommendation.replicas();
			}
		}
		store(log, reusable, new Recommendation(desired, now));
		return max;
	}

	/** Without a behavior: min/max bounds and a scale-up of at most a factor per sync. */
	static Limited convertWithRules(int current, int desired, int min, int max, double scaleUpFactor) {
		int scaleUpLimit = (int) Math.max(scaleUpFactor * current, LEGACY_SCALE_UP_MINIMUM);
		int maximumAllowed;
		String limitingReason;
		if (max > scaleUpLimit) {
			maximumAllowed = scaleUpLimit;
			limitingReason = "ScaleUpLimit";
		}
		else {
			maximumAllowed = max;
			limitingReason = "TooManyReplicas";
		}
		if (desired < min) {
			return new Limited(min, "TooFewReplicas");
		}
		if (desired > maximumAllowed) {
			return new Limited(maximumAllowed, limitingReason);
		}
		return new Limited(desired, "DesiredWithinRange");
	}

	/**
	 * With a behavior: the recommendation is held between the lowest recommendation of
	 * the scale-up window and the highest of the scale-down window, starting from the
	 * current count.
	 */
	static int stabilizeWithBehaviors(List<Recommendation> log, int current, int desired, int upWindowSeconds,
			int downWindowSeconds, Instant now) {
		Instant upCutoff = now.minusSeconds(upWindowSeconds);
		Instant downCutoff = now.minusSeconds(downWindowSeconds);
		int up = desired;
		int down = desired;
		int reusable = -1;
		for (int i = 0; i < log.size(); i++) {
			Recommendation recommendation = log.get(i);
			if (recommendation.timestamp().isAfter(upCutoff)) {
				up = Math.min(up, recommendation.replicas());
			}
			if (recommendation.timestamp().isAfter(downCutoff)) {
				down = Math.max(down, recommendation.replicas());
			}
			if (recommendation.timestamp().isBefore(upCutoff) && recommendation.timestamp().isBefore(downCutoff)) {
				reusable = i;
			}
		}
		int recommendation = current;
		if (recommendation < up) {
			recommendation = up;
		}
		if (recommendation > down) {
			recommendation = down;
		}
		store(log, reusable, new Recommendation(desired, now));
		return recommendation;
	}

	/** With a behavior: bounds and the policies' rate limits over the recent events. */
	static Limited convertWithBehaviorRate(int current, int desired, int min, int max, ScalingRules scaleUp,
			ScalingRules scaleDown, List<ScaleEvent> upEvents, List<ScaleEvent> downEvents, Instant now) {
		if (desired > current) {
			int limit = Math.max(scaleUpLimit(current, upEvents, downEvents, scaleUp, now), current);
			if (max > limit) {
				return (desired > limit) ? new Limited(limit, "ScaleUpLimit")
						: new Limited(desired, "DesiredWithinRange");
			}
			return (desired > max) ? new Limited(max, "TooManyReplicas") : new Limited(desired, "DesiredWithinRange");
		}
		if (desired < current) {
			int limit = Math.min(scaleDownLimit(current, upEvents, downEvents, scaleDown, now), current);
			if (min < limit) {
				return (desired < limit) ? new Limited(limit, "ScaleDownLimit")
						: new Limited(desired, "DesiredWithinRange");
			}
			return (desired < min) ? new Limited(min, "TooFewReplicas") : new Limited(desired, "DesiredWithinRange");
		}
		return new Limited(desired, "DesiredWithinRange");
	}

	/** The most replicas the scale-up policies allow now. */
	static int scaleUpLimit(int current, List<ScaleEvent> upEvents, List<ScaleEvent> downEvents, ScalingRules rules,
			Instant now) {
		SelectPolicy select = rules.select();
		if (select == SelectPolicy.DISABLED) {
			return current;
		}
		int result = (select == SelectPolicy.MIN) ? Integer.MAX_VALUE : Integer.MIN_VALUE;
		for (ScalingPolicy policy : rules.policyList()) {
			int periodStart = current - ScalingHistory.changeInPeriod(policy.periodSeconds(), upEvents, now)
					+ ScalingHistory.changeInPeriod(policy.periodSeconds(), downEvents, now);
			int proposed = switch (policy.type()) {
				case PODS -> periodStart + policy.value();
				// Rounded up, or a small percentage of few pods would never add one.
				case PERCENT -> (int) Math.ceil(periodStart * (1 + policy.value() / 100.0));
			};
			result = (select == SelectPolicy.MIN) ? Math.min(result, proposed) : Math.max(result, proposed);
		}
		return result;
	}

	/** The fewest replicas the scale-down policies allow now. */
	static int scaleDownLimit(int current, List<ScaleEvent> upEvents, List<ScaleEvent> downEvents, ScalingRules rules,
			Instant now) {
		SelectPolicy select = rules.select();
		if (select == SelectPolicy.DISABLED) {
			return current;
		}
		int result = (select == SelectPolicy.MIN) ? Integer.MIN_VALUE : Integer.MAX_VALUE;
		for (ScalingPolicy policy : rules.policyList()) {
			int periodStart = current - ScalingHistory.changeInPeriod(policy.periodSeconds(), upEvents, now)
					+ ScalingHistory.changeInPeriod(policy.periodSeconds(), downEvents, now);
			int proposed = switch (policy.type()) {
				case PODS -> periodStart - policy.value();
				case PERCENT -> (int) (periodStart * (1 - policy.value() / 100.0));
			};
			result = (select == SelectPolicy.MIN) ? Math.max(result, proposed) : Math.min(result, proposed);
		}
		return result;
	}

	private static void store(List<Recommendation> log, int reusable, Recommendation recommendation) {
		if (reusable >= 0) {
			log.set(reusable, recommendation);
		}
		else {
			log.add(recommendation);
		}
	}

}
