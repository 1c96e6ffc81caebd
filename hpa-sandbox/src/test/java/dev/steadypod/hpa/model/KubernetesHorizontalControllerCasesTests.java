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

import dev.steadypod.hpa.model.Normalization.Limited;
import dev.steadypod.hpa.model.ScalingHistory.Recommendation;
import dev.steadypod.hpa.model.ScalingHistory.ScaleEvent;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The table-driven normalisation cases of Kubernetes' {@code horizontal_test.go}: bounds
 * and the legacy scale-up limit, stabilisation with and without a behavior, the policies'
 * rate limits with past scale events, and how scale events are stored. Same figures, same
 * expected replica counts and reasons; "now" is a fixed instant instead of the wall
 * clock.
 */
class KubernetesHorizontalControllerCasesTests {

	private static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

	/**
	 * The Go tests raise the legacy factor to 8 "so we don't accidentally run into it".
	 */
	private static final double TEST_SCALE_UP_FACTOR = 8;

	// TestConvertDesiredReplicasWithRules: 5 cases.
	@Test
	void boundsAndLegacyScaleUpLimitWithoutBehavior() {
		assertThat(Normalization.convertWithRules(5, 7, 3, 8, TEST_SCALE_UP_FACTOR))
			.isEqualTo(new Limited(7, "DesiredWithinRange"));
		assertThat(Normalization.convertWithRules(3, 1, 2, 8, TEST_SCALE_UP_FACTOR))
			.isEqualTo(new Limited(2, "TooFewReplicas"));
		assertThat(Normalization.convertWithRules(1, 0, 0, 10, TEST_SCALE_UP_FACTOR))
			.isEqualTo(new Limited(0, "DesiredWithinRange"));
		assertThat(Normalization.convertWithRules(20, 1000, 1, 10, TEST_SCALE_UP_FACTOR))
			.isEqualTo(new Limited(10, "TooManyReplicas"));
		assertThat(Normalization.convertWithRules(3, 1000, 1, 2000, TEST_SCALE_UP_FACTOR))
			.isEqualTo(new Limited(24, "ScaleUpLimit"));
	}

	// TestCalculateScaleUpLimitWithScalingRules
	@Test
	void minSelectPolicyTakesTheSmallestScaleUp() {
		ScalingRules rules = new ScalingRules(300, SelectPolicy.MIN, List.of(pods(2, 60), percent(50, 60)));
		assertThat(Normalization.scaleUpLimit(1, List.of(), List.of(), rules, NOW)).isEqualTo(2);
	}

	// TestCalculateScaleDownLimitWithBehaviors
	@Test
	void minSelectPolicyTakesTheSmallestScaleDown() {
		ScalingRules rules = new ScalingRules(300, SelectPolicy.MIN, List.of(pods(2, 60), percent(50, 60)));
		assertThat(Normalization.scaleDownLimit(5, List.of(), List.of(), rules, NOW)).isEqualTo(3);
	}

	// TestNormalizeDesiredReplicas: 5 cases (5-minute downscale window, no behavior).
	@Test
	void withoutBehaviorTheHighestRecommendationOfFiveMinutesWins() {
		assertStabilized(List.of(), 5, 5, 1);
		assertStabilized(List.of(rec(4, 120), rec(5, 60)), 3, 5, 3);
		assertStabilized(List.of(rec(1, 120), rec(2, 60)), 3, 3, 3);
		assertStabilized(List.of(rec(10, 600), rec(9, 540)), 3, 3, 2);
		assertStabilized(List.of(rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)), 3, 5, 4);
	}

	// TestScalingWithRules: 42 cases.
	@Test
	void policiesLimitTheRateOfChange() {
		// without PeriodSeconds usage
		assertRate(5, 7, 3, 8, null, null, none(), none(), 7, "DesiredWithinRange");
		assertRate(3, 1, 2, 8, null, null, none(), none(), 2, "TooFewReplicas");
		assertRate(1, 0, 0, 10, null, null, none(), none(), 0, "DesiredWithinRange");
		assertRate(20, 1000, 1, 10, null, null, none(), none(), 10, "TooManyReplicas");
		assertRate(100, 1000, 100, 150, null, null, none(), none(), 150, "TooManyReplicas");
		assertRate(3, 1000, 1, 2000, rules(0, 0, 1, 60, 0), null, none(), none(), 4, "ScaleUpLimit");
		// marked "testThis" and skipped in Go; the figures hold: 1000 - 20
		assertRate(1000, 3, 3, 2000, null, rules(20, 60, 0, 0, 0), none(), none(), 980, "ScaleDownLimit");
		assertRate(10, 50, 1, 1000, null, null, none(), none(), 20, "ScaleUpLimit");
		assertRate(10, 500, 1, 1000, rules(100, 60, 100, 60, 0), null, none(), none(), 110, "ScaleUpLimit");
		assertRate(10, 500, 1, 1000, rules(2, 60, 100, 60, 0), null, none(), none(), 20, "ScaleUpLimit");
		assertRate(10, 50, 1, 1000, rules(100, 60, 0, 0, 0), null, none(), none(), 50, "DesiredWithinRange");
		assertRate(10, 50, 1, 1000, rules(10000, 60, 0, 0, 0), null, none(), none(), 50, "DesiredWithinRange");
		assertRate(10, 50, 1, 1000, rules(30, 60, 0, 0, 0), null, none(), none(), 40, "ScaleUpLimit");
		assertRate(10, 50, 1, 1000, rules(0, 0, 200, 60, 0), null, none(), none(), 30, "ScaleUpLimit");
		assertRate(100, 2, 1, 1000, null, rules(20, 60, 1, 60, 300), none(), none(), 80, "ScaleDownLimit");
		assertRate(100, 2, 1, 1000, null, rules(2, 60, 1, 60, 300), none(), none(), 98, "ScaleDownLimit");
		assertRate(10, 0, 1, 1000, null, rules(100, 60, 0, 0, 300), none(), none(), 1, "TooFewReplicas");
		assertRate(10, 0, 1, 1000, null, rules(100, 60, 0, 0, 300), none(), none(), 1, "TooFewReplicas");
		assertRate(10, 2, 5, 1000, null, rules(0, 0, 100, 60, 300), none(), none(), 5, "TooFewReplicas");
		assertRate(10, 2, 1, 1000, null, rules(5, 60, 0, 0, 300), none(), none(), 5, "ScaleDownLimit");
		assertRate(10, 5, 1, 1000, null, rules(0, 0, 50, 60, 300), none(), none(), 5, "DesiredWithinRange");
		// with PeriodSeconds usage and past events
		assertRate(100, 500, 1, 200, rules(300, 60, 0, 0, 0), null, spread(120, 1, 5, 9), none(), 200,
				"TooManyReplicas");
		assertRate(100, 500, 1, 200, rules(0, 0, 10000, 60, 0), null, spread(120, 1, 5, 9), none(), 200,
				"TooManyReplicas");
		assertRate(100, 500, 1, 1000, rules(5, 120, 0, 0, 0), null, spread(120, 1, 5, 9), none(), 100, "ScaleUpLimit");
		assertRate(100, 500, 1, 1000, rules(150, 120, 0, 0, 0), null, spread(120, 1, 5, 9), none(), 235,
				"ScaleUpLimit");
		assertRate(100, 500, 1, 1000, rules(0, 0, 200, 120, 0), null, spread(120, 1, 5, 9), none(), 255,
				"ScaleUpLimit");
		// previous scale up and down events: the period began at 6 - 4 + 2 = 4 pods
		assertRate(6, 24, 1, 1000, rules(0, 0, 300, 300, 0), null, spread(120, 4), spread(120, 2), 16, "ScaleUpLimit");
		assertRate(10, 5, 1, 1000, null, null, none(), spread(120, 1, 5, 9), 5, "DesiredWithinRange");
		assertRate(100, 0, 1, 1000, null, rules(115, 120, 0, 0, 300), none(), spread(120, 1, 5, 9), 1,
				"TooFewReplicas");
		assertRate(100, 0, 5, 1000, null, rules(130, 120, 0, 0, 300), none(), spread(120, 1, 5, 9), 5,
				"TooFewReplicas");
		assertRate(100, 2, 5, 1000, null, rules(0, 0, 100, 120, 300), none(), spread(120, 1, 5, 9), 5,
				"TooFewReplicas");
		assertRate(100, 2, 1, 1000, null, rules(5, 120, 0, 0, 300), none(), spread(120, 1, 5, 9), 100,
				"ScaleDownLimit");
		assertRate(100, 0, 1, 1000, null, rules(0, 0, 50, 120, 300), none(), spread(120, 2, 4, 6), 56,
				"ScaleDownLimit");
		// previous scale up and down events: the period began at 10 - 2 + 4 = 12 pods
		assertRate(10, 1, 1, 1000, null, rules(0, 0, 50, 180, 0), spread(120, 2), spread(120, 4), 6, "ScaleDownLimit");
		assertRate(100, 0, 1, 1000, null, rules(0, 0, 10, 120, 300), none(), spread(120, 10, 10, 10), 100,
				"ScaleDownLimit");
		assertRate(10, 5, 1, 1000, null, rules(0, 0, 1000, 120, 300), none(), spread(120, 10, 10, 10), 5,
				"DesiredWithinRange");
		// "outdated" flag checks
		assertRate(100, 200, 1, 1000, rules(1000, 60, 0, 0, 0), null, spread(120, 8, 12, 9, 11), none(), 200,
				"DesiredWithinRange");
		assertRate(100, 200, 1, 1000, rules(1000, 120, 100, 60, 0), null, spread(120, 8, 12, 9, 11), none(), 200,
				"DesiredWithinRange");
		assertRate(100, 200, 1, 1000, rules(1000, 30, 100, 60, 0), null, spread(120, 8, 12, 9, 11), none(), 200,
				"DesiredWithinRange");
		assertRate(100, 5, 1, 1000, null, rules(1000, 60, 0, 0, 300), none(), spread(120, 8, 12, 9, 11), 5,
				"DesiredWithinRange");
		assertRate(100, 5, 1, 1000, null, rules(1000, 120, 100, 60, 300), none(), spread(120, 8, 12, 9, 11), 5,
				"DesiredWithinRange");
		assertRate(100, 5, 1, 1000, null, rules(1000, 30, 100, 60, 300), none(), spread(120, 8, 12, 9, 11), 5,
				"DesiredWithinRange");
	}

	// TestStoreScaleEvents: 8 cases, each checked for scale-up and scale-down.
	@Test
	void scaleEventsAreStoredOnlyWithBehaviorReusingOutdatedEntries() {
		assertStored(List.of(), null, 0, List.of());
		assertStored(List.of(), rules(10, 60, 100, 60, 0), 0, List.of(event(5, 0, false)));
		assertStored(List.of(event(7, 61, false)), null, 0, List.of(event(7, 0, false)));
		assertStored(List.of(event(7, 61, false)), rules(10, 60, 100, 60, 0), 0, List.of(event(5, 0, false)));
		assertStored(List.of(event(7, 58, false)), rules(10, 60, 100, 60, 0), 7,
				List.of(event(7, 0, false), event(5, 0, false)));
		assertStored(List.of(event(7, 61, false), event(6, 59, false)), rules(10, 60, 0, 0, 0), 6,
				List.of(event(5, 0, false), event(6, 0, false)));
		assertStored(List.of(event(8, 29, false), event(6, 59, false), event(7, 61, false), event(9, 61, false)),
				rules(10, 60, 100, 30, 0), 14,
				List.of(event(8, 0, false), event(6, 0, false), event(7, 0, true), event(5, 0, false)));
		assertStored(List.of(event(7, 58, false), event(6, 59, false)), rules(10, 120, 100, 30, 0), 13,
				List.of(event(7, 0, false), event(6, 0, false), event(5, 0, false)));
	}

	// TestNormalizeDesiredReplicasWithBehavior: 11 cases (windows in seconds; 0 when the
	// Go test leaves them unset).
	@Test
	void withBehaviorRecommendationsAreHeldWithinBothWindows() {
		assertWithBehavior(List.of(), 100, 5, 0, 0, 5, 5);
		assertWithBehavior(List.of(rec(4, 120), rec(5, 60)), 100, 3, 0, 180, 5, 4, 5, 3);
		assertWithBehavior(List.of(rec(4, 120), rec(5, 60)), 1, 7, 300, 0, 4, 4, 5, 7);
		assertWithBehavior(List.of(rec(1, 120), rec(2, 60)), 100, 3, 300, 0, 3, 1, 2, 3);
		assertWithBehavior(List.of(rec(4, 120), rec(5, 60)), 1, 3, 0, 300, 3, 4, 5, 3);
		assertWithBehavior(List.of(rec(10, 600), rec(9, 540)), 100, 3, 0, 0, 3, 10, 3);
		assertWithBehavior(List.of(rec(10, 600), rec(9, 540)), 1, 100, 0, 0, 100, 10, 100);
		assertWithBehavior(List.of(rec(10, 600), rec(4, 60), rec(5, 120), rec(9, 540)), 100, 3, 0, 180, 5, 10, 4, 5, 3);
		assertWithBehavior(List.of(rec(10, 6000), rec(6, 60), rec(5, 120), rec(9, 180)), 1, 100, 300, 0, 5, 100, 6, 5,
				9);
	}

	// TestNormalizeDesiredReplicasWithBehavior, the two "scale up and down stabilization"
	// cases (the Go test checks only the stabilised count).
	@Test
	void withBothWindowsTheCountHoldsWhenTheRecommendationTurnsAgainstTheLastOne() {
		// do not scale up when the prenormalized recommendation goes down
		assertHeldWithBehavior(List.of(rec(2, 6000), rec(3, 180)), 2, 1, 300, 300, 2);
		// do not scale down when the prenormalized recommendation goes up
		assertHeldWithBehavior(List.of(rec(2, 6000), rec(1, 180)), 2, 3, 300, 300, 2);
	}

	private static void assertStabilized(List<Recommendation> log, int desired, int expected, int expectedLogLength) {
		List<Recommendation> history = new ArrayList<>(log);
		assertThat(Normalization.stabilize(history, desired, Duration.ofMinutes(5), NOW)).isEqualTo(expected);
		assertThat(history).hasSize(expectedLogLength);
	}

	private static void assertWithBehavior(List<Recommendation> log, int current, int desired, int upWindow,
			int downWindow, int expected, int... expectedLog) {
		List<Recommendation> history = new ArrayList<>(log);
		assertThat(Normalization.stabilizeWithBehaviors(history, current, desired, upWindow, downWindow, NOW))
			.isEqualTo(expected);
		assertThat(history).extracting(Recommendation::replicas)
			.containsExactly(java.util.Arrays.stream(expectedLog).boxed().toArray(Integer[]::new));
	}

	private static void assertHeldWithBehavior(List<Recommendation> log, int current, int desired, int upWindow,
			int downWindow, int expected) {
		List<Recommendation> history = new ArrayList<>(log);
		assertThat(Normalization.stabilizeWithBehaviors(history, current, desired, upWindow, downWindow, NOW))
			.isEqualTo(expected);
	}

	private static void assertRate(int current, int desired, int min, int max, ScalingRules up, ScalingRules down,
			List<ScaleEvent> upEvents, List<ScaleEvent> downEvents, int expected, String reason) {
		Behavior behavior = new Behavior(up, down).withDefaults();
		assertThat(Normalization.convertWithBehaviorRate(current, desired, min, max, behavior.scaleUp(),
				behavior.scaleDown(), upEvents, downEvents, NOW))
			.isEqualTo(new Limited(expected, reason));
	}

	private static void assertStored(List<ScaleEvent> previous, ScalingRules rules, int expectedChangeIn60s,
			List<ScaleEvent> expected) {
		for (boolean up : new boolean[] { true, false }) {
			ScalingHistory history = new ScalingHistory();
			List<ScaleEvent> events = up ? history.scaleUpEvents : history.scaleDownEvents;
			events.addAll(previous);
			assertThat(ScalingHistory.changeInPeriod(60, events, NOW)).isEqualTo(expectedChangeIn60s);
			Behavior behavior = (rules != null) ? (up ? new Behavior(rules, null) : new Behavior(null, rules)) : null;
			history.storeScaleEvent(behavior, 10, up ? 15 : 5, NOW);
			assertThat(events).extracting(ScaleEvent::replicaChange, ScaleEvent::outdated)
				.containsExactlyElementsOf(expected.stream()
					.map((e) -> org.assertj.core.groups.Tuple.tuple(e.replicaChange(), e.outdated()))
					.toList());
		}
	}

	/**
	 * Events spread evenly over the last {@code periodSeconds}, each in the middle of its
	 * segment ({@code generateEventsUniformDistribution}).
	 */
	private static List<ScaleEvent> spread(int periodSeconds, int... changes) {
		List<ScaleEvent> events = new ArrayList<>();
		double segment = (double) periodSeconds / changes.length;
		for (int i = 0; i < changes.length; i++) {
			long secondsAgo = (long) (periodSeconds - segment * (i + 1) + segment / 2);
			events.add(new ScaleEvent(changes[i], NOW.minusSeconds(secondsAgo), false));
		}
		return events;
	}

	/** {@code generateScalingRules}: Max select, a Pods and/or a Percent policy. */
	private static ScalingRules rules(int pods, int podsPeriod, int percent, int percentPeriod, int window) {
		List<ScalingPolicy> policies = new ArrayList<>();
		if (pods != 0) {
			policies.add(pods(pods, podsPeriod));
		}
		if (percent != 0) {
			policies.add(percent(percent, percentPeriod));
		}
		return new ScalingRules(window, SelectPolicy.MAX, policies);
	}

	private static ScalingPolicy pods(int value, int period) {
		return new ScalingPolicy(ScalingPolicy.Type.PODS, value, period);
	}

	private static ScalingPolicy percent(int value, int period) {
		return new ScalingPolicy(ScalingPolicy.Type.PERCENT, value, period);
	}

	private static List<ScaleEvent> none() {
		return List.of();
	}

	private static Recommendation rec(int replicas, long secondsAgo) {
		return new Recommendation(replicas, NOW.minusSeconds(secondsAgo));
	}

	private static ScaleEvent event(int change, long secondsAgo, boolean outdated) {
		return new ScaleEvent(change, NOW.minusSeconds(secondsAgo), outdated);
	}

}
