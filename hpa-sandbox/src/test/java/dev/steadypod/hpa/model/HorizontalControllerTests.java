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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The controller sync after sync on the chart's in-flight HPA (target 10 per pod, 2 to 10
 * pods, scale up by 4 pods or 100% per 15 s, scale down by 10% per minute after a
 * 5-minute window).
 */
class HorizontalControllerTests {

	private static final Instant START = Instant.parse("2026-11-28T06:00:00Z");

	private static final Behavior CHART_BEHAVIOR = new Behavior(
			new ScalingRules(0, SelectPolicy.MAX,
					List.of(new ScalingPolicy(ScalingPolicy.Type.PODS, 4, 15),
							new ScalingPolicy(ScalingPolicy.Type.PERCENT, 100, 15))),
			new ScalingRules(300, SelectPolicy.MIN, List.of(new ScalingPolicy(ScalingPolicy.Type.PERCENT, 10, 60))));

	private static final AutoscalerSpec CHART = new AutoscalerSpec(2, 10,
			List.of(new MetricSpec.Pods("http_requests_in_flight", MetricTarget.averageValue(10_000))), CHART_BEHAVIOR);

	/** The chart's HPA with a 1 % scale-up and a 50 % scale-down tolerance of its own. */
	private static final AutoscalerSpec OWN_TOLERANCES = new AutoscalerSpec(2, 10, CHART.metrics(),
			new Behavior(new ScalingRules(0, SelectPolicy.MAX, CHART_BEHAVIOR.scaleUp().policies(), 0.01),
					new ScalingRules(300, SelectPolicy.MIN, CHART_BEHAVIOR.scaleDown().policies(), 0.5)));

	@Test
	void sixtyRequestsInFlightOnTwoPodsScaleToSixAtOnce() {
		HorizontalController controller = new HorizontalController(CHART, ControllerSettings.DEFAULTS);
		ScaleDecision decision = controller.reconcile(START, 2, 2, inFlight(START, 2, 60));
		assertThat(decision.metricReplicas()).isEqualTo(6);
		assertThat(decision.desiredReplicas()).isEqualTo(6);
		assertThat(decision.reason()).isEqualTo("DesiredWithinRange");
	}

	@Test
	void aBigStepIsRateLimitedTo100PercentPerPeriod() {
		HorizontalController controller = new HorizontalController(CHART, ControllerSettings.DEFAULTS);
		ScaleDecision first = controller.reconcile(START, 2, 2, inFlight(START, 2, 200));
		assertThat(first.desiredReplicas()).isEqualTo(6);
		assertThat(first.reason()).isEqualTo("ScaleUpLimit");
		Instant next = START.plusSeconds(15);
		ScaleDecision second = controller.reconcile(next, 6, 6, inFlight(next, 6, 200));
		assertThat(second.desiredReplicas()).isEqualTo(10);
		assertThat(second.reason()).isEqualTo("TooManyReplicas");
	}

	@Test
	void whenLoadStopsTheCountHoldsForTheWindowThenFallsByTenPercentPerMinute() {
		HorizontalController controller = new HorizontalController(CHART, ControllerSettings.DEFAULTS);
		int replicas = controller.reconcile(START, 2, 2, inFlight(START, 2, 100)).desiredReplicas();
		replicas = controller
			.reconcile(START.plusSeconds(15), replicas, replicas, inFlight(START.plusSeconds(15), replicas, 100))
			.desiredReplicas();
		assertThat(replicas).isEqualTo(10);
		List<Integer> counts = new ArrayList<>();
		for (int sync = 2; sync <= 40; sync++) {
			Instant now = START.plusSeconds(15L * sync);
			ScaleDecision decision = controller.reconcile(now, replicas, replicas, inFlight(now, replicas, 0));
			replicas = decision.desiredReplicas();
			counts.add(replicas);
		}
		// 5 minutes (20 syncs) of holding, then 10 -> 9 and one pod per minute after.
		assertThat(counts.subList(0, 18)).containsOnly(10);
		assertThat(counts).contains(9, 8).doesNotContain(1);
		assertThat(replicas).isGreaterThanOrEqualTo(2);
	}

	@Test
	void withoutBehaviorScaleUpIsLimitedToTwiceTheCurrentCount() {
		AutoscalerSpec spec = new AutoscalerSpec(2, 100, CHART.metrics(), null);
		HorizontalController controller = new HorizontalController(spec, ControllerSettings.DEFAULTS);
		ScaleDecision decision = controller.reconcile(START, 3, 3, inFlight(START, 3, 500));
		assertThat(decision.metricReplicas()).isEqualTo(50);
		assertThat(decision.desiredReplicas()).isEqualTo(6);
		assertThat(decision.reason()).isEqualTo("ScaleUpLimit");
	}

	@Test
	void anUnreadableMetricKeepsTheReplicas() {
		HorizontalController controller = new HorizontalController(CHART, ControllerSettings.DEFAULTS);
		MetricsSnapshot empty = () -> pods(START, 3);
		ScaleDecision decision = controller.reconcile(START, 3, 3, empty);
		assertThat(decision.desiredReplicas()).isEqualTo(3);
		assertThat(decision.reason()).isEqualTo("FailedGetMetrics");
		assertThat(decision.error()).contains("http_requests_in_flight");
	}

	@Test
	void withTheToleranceGateOnAnHpasOwnToleranceDecidesInEachDirection() {
		ControllerSettings gateOn = ControllerSettings.DEFAULTS.withConfigurableTolerance(true);
		// 10.5 per pod against 10: outside the HPA's 1 % scale-up tolerance.
		assertThat(proposal(OWN_TOLERANCES, gateOn, 42)).isEqualTo(5);
		// 7.5 per pod against 10: inside the HPA's 50 % scale-down tolerance.
		assertThat(proposal(OWN_TOLERANCES, gateOn, 30)).isEqualTo(4);
	}

	@Test
	void withTheToleranceGateOffTheControllerWideToleranceDecidesForEveryHpa() {
		ControllerSettings gateOff = ControllerSettings.DEFAULTS.withConfigurableTolerance(false);
		// 10.5 per pod is within the controller's 10 %.
		assertThat(proposal(OWN_TOLERANCES, gateOff, 42)).isEqualTo(4);
		// 7.5 per pod is not.
		assertThat(proposal(OWN_TOLERANCES, gateOff, 30)).isEqualTo(3);
	}

	@Test
	void theToleranceGateIsOnByDefaultAsInKubernetes135() {
		assertThat(ControllerSettings.DEFAULTS.configurableTolerance()).isTrue();
		assertThat(proposal(OWN_TOLERANCES, ControllerSettings.DEFAULTS, 42)).isEqualTo(5);
	}

	private static int proposal(AutoscalerSpec spec, ControllerSettings settings, int totalInFlight) {
		HorizontalController controller = new HorizontalController(spec, settings);
		return controller.reconcile(START, 4, 4, inFlight(START, 4, totalInFlight)).metricReplicas();
	}

	private static MetricsSnapshot inFlight(Instant now, int replicas, int total) {
		List<Pod> pods = pods(now, replicas);
		Map<String, PodMetric> values = new LinkedHashMap<>();
		for (int i = 0; i < replicas; i++) {
			long share = total / replicas + ((i < total % replicas) ? 1 : 0);
			values.put("pod-" + i, new PodMetric(share * 1000, now, Duration.ZERO));
		}
		return new MetricsSnapshot() {

			@Override
			public List<Pod> pods() {
				return pods;
			}

			@Override
			public Map<String, PodMetric> podsMetric(String name) {
				return values;
			}

		};
	}

	private static List<Pod> pods(Instant now, int replicas) {
		List<Pod> pods = new ArrayList<>();
		for (int i = 0; i < replicas; i++) {
			pods.add(new Pod("pod-" + i, PodPhase.RUNNING, false, now.minusSeconds(600),
					new ReadyCondition(ConditionStatus.TRUE, now.minusSeconds(590)), List.of()));
		}
		return pods;
	}

}
