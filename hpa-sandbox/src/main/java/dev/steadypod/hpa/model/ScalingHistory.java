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
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What the controller remembers per HPA: recent recommendations (for stabilisation) and
 * recent scale events in each direction (for the rate limits). Like the controller, it
 * reuses an expired entry instead of growing without bound.
 */
final class ScalingHistory {

	final List<Recommendation> recommendations = new ArrayList<>();

	final List<ScaleEvent> scaleUpEvents = new ArrayList<>();

	final List<ScaleEvent> scaleDownEvents = new ArrayList<>();

	/** One unstabilised recommendation. */
	record Recommendation(int replicas, Instant timestamp) {

	}

	/**
	 * One change of the replica count, marked outdated once no policy looks back that
	 * far.
	 */
	record ScaleEvent(int replicaChange, Instant timestamp, boolean outdated) {

	}

	/**
	 * Stores a scale event when a behavior is set (without one the events are never
	 * read), reusing the last outdated entry.
	 */
	void storeScaleEvent(@Nullable Behavior behavior, int previousReplicas, int newReplicas, Instant now) {
		if (behavior == null) {
			return;
		}
		boolean up = newReplicas > previousReplicas;
		ScalingRules rules = up ? behavior.scaleUp() : behavior.scaleDown();
		List<ScaleEvent> events = up ? this.scaleUpEvents : this.scaleDownEvents;
		Instant cutoff = now.minusSeconds((rules != null) ? rules.longestPeriodSeconds() : 0);
		int reusable = -1;
		for (int i = 0; i < events.size(); i++) {
			ScaleEvent event = events.get(i);
			if (event.timestamp().isBefore(cutoff)) {
				events.set(i, new ScaleEvent(event.replicaChange(), event.timestamp(), true));
			}
			if (events.get(i).outdated()) {
				reusable = i;
			}
		}
		ScaleEvent event = new ScaleEvent(Math.abs(newReplicas - previousReplicas), now, false);
		if (reusable >= 0) {
			events.set(reusable, event);
		}
		else {
			events.add(event);
		}
	}

	/**
	 * The replicas added (or removed) by the events of the last {@code periodSeconds}.
	 */
	static int changeInPeriod(int periodSeconds, List<ScaleEvent> events, Instant now) {
		Instant cutoff = now.minus(Duration.ofSeconds(periodSeconds));
		return events.stream()
			.filter((event) -> event.timestamp().isAfter(cutoff))
			.mapToInt(ScaleEvent::replicaChange)
			.sum();
	}

}
