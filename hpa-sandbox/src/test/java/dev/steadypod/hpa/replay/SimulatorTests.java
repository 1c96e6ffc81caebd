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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.Behavior;
import dev.steadypod.hpa.model.ControllerSettings;
import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.model.MetricTarget;
import dev.steadypod.hpa.model.ScaleDecision;
import dev.steadypod.hpa.model.ScalingPolicy;
import dev.steadypod.hpa.model.ScalingRules;
import dev.steadypod.hpa.model.SelectPolicy;
import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.record.TraceSample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

/**
 * The closed loop on the noise-free {@link SyntheticTrace}: 300 requests per second for 2
 * minutes, then 950 for 8 minutes. One pod takes 200 requests per second within 150 ms
 * (see {@link ResponseCurvesTests}), so the ideal count is 2, then 5. Pods are ready at
 * once and scraped every second, so every figure below follows from the HPA algorithm by
 * hand.
 */
class SimulatorTests {

	private static final Behavior CHART_BEHAVIOR = new Behavior(
			new ScalingRules(0, SelectPolicy.MAX,
					List.of(new ScalingPolicy(ScalingPolicy.Type.PODS, 4, 15),
							new ScalingPolicy(ScalingPolicy.Type.PERCENT, 100, 15))),
			new ScalingRules(300, SelectPolicy.MIN, List.of(new ScalingPolicy(ScalingPolicy.Type.PERCENT, 10, 60))));

	private static final SimulationSettings INSTANT_PODS = new SimulationSettings(ControllerSettings.DEFAULTS,
			Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 1.0, 1000, 1, 150);

	private static final Workload STEP = Workload.of("step", LoadProfile.parse("120s:300,480s:950"));

	private final ResponseCurves curves = ResponseCurves.of(SyntheticTrace.samples());

	@Test
	void theCurvesReproduceANoiseFreeTraceAndItsCapacity() {
		assertThat(this.curves.mean(150).inFlight()).isCloseTo(15, within(1e-9));
		assertThat(this.curves.sample(150, new Random(7)).inFlight()).isCloseTo(15, within(1e-9));
		// The steady bin [1.1^55, 1.1^56) holds 193.75 (100 ms) and 206.25 (162.5 ms), 10
		// steady seconds each: median 131.25 ms at a mean load of 200.
		assertThat(this.curves.capacity(150)).isCloseTo(200, within(1e-9));
	}

	@Test
	void inFlightTwentyWithTheChartBehaviorScalesOnceUpAndOnceDownAfterTheWindow() {
		AutoscalerSpec spec = new AutoscalerSpec(2, 10,
				List.of(new MetricSpec.Pods(Simulator.IN_FLIGHT_METRIC, MetricTarget.averageValue(20_000))),
				CHART_BEHAVIOR);
		Run run = new Simulator(this.curves, INSTANT_PODS).run(spec, STEP, 1, (line) -> {
		});
		// At 120 s the two pods hold ~1100 requests each: 4 pods more (the policy's
		// limit).
		// Six pods then hold 16.7 each, which asks for 5, but the 5-minute window keeps 6
		// until the recommendation of 155 pods leaves it at 420 s; 10 % of 6 is 0.6, so
		// 6 * 0.9 = 5.4 truncates to 5.
		assertThat(run.rescales())
			.extracting((d) -> seconds(d), ScaleDecision::currentReplicas, ScaleDecision::desiredReplicas)
			.containsExactly(tuple(120L, 2, 6), tuple(420L, 6, 5));
		assertThat(run.rescales().get(0).reason()).isEqualTo("ScaleUpLimit");
		Report report = Report.of(List.of(run));
		assertThat(report.towardIdealShare()).isEqualTo(1.0);
		// Only at 120 s, counted before the sync, are 2 pods ready for an ideal of 5.
		assertThat(report.shortSeconds()).isEqualTo(1);
		assertThat(report.surplusSeconds()).isZero();
		assertThat(report.scaleUpLags()).containsExactly(1, 1, 1);
		assertThat(report.flaps()).isEqualTo(1);
		assertThat(report.underProvisionedSeconds()).isEqualTo(1);
		assertThat(report.overProvisionedPodSeconds()).isEqualTo(300);
	}

	@Test
	void aSaturatedCpuAsksForOnlyTwentyFivePercentMorePerSync() {
		AutoscalerSpec spec = new AutoscalerSpec(2, 10,
				List.of(new MetricSpec.Resource("cpu", null, MetricTarget.utilization(80))), CHART_BEHAVIOR);
		Run run = new Simulator(this.curves, INSTANT_PODS).run(spec, STEP, 1, (line) -> {
		});
		// CPU cannot show more than 100 % of one processor: 100/80 = 1.25 per sync until
		// four pods at 237.5 requests per second use 95 %, which asks for ceil(4.75) = 5.
		assertThat(run.rescales()).extracting((d) -> seconds(d), ScaleDecision::desiredReplicas)
			.containsExactly(tuple(120L, 3), tuple(135L, 4), tuple(150L, 5));
		assertThat(Report.of(List.of(run)).scaleUpLags()).containsExactly(1, 16, 31);
	}

	@Test
	void theSameSeedGivesTheSameRunAndAnotherSeedMayNot() {
		List<TraceSample> noisy = new ArrayList<>();
		Random random = new Random(42);
		for (TraceSample s : SyntheticTrace.samples()) {
			noisy.add(new TraceSample(s.second(), s.targetRps(), s.completedRps(),
					s.cpu() * (0.8 + 0.4 * random.nextDouble()), s.inFlight() * (0.5 + random.nextDouble()),
					s.latencyMs(), 0));
		}
		Simulator simulator = new Simulator(ResponseCurves.of(noisy),
				new SimulationSettings(ControllerSettings.DEFAULTS, Duration.ofSeconds(15), Duration.ofMinutes(1),
						Duration.ofSeconds(15), Duration.ofSeconds(30), 1.0, 1000, 1, 150));
		AutoscalerSpec spec = new AutoscalerSpec(2, 10,
				List.of(new MetricSpec.Pods(Simulator.IN_FLIGHT_METRIC, MetricTarget.averageValue(20_000))), null);
		Workload daily = Workload.named("daily", 200, 8);
		Run first = simulator.run(spec, daily, 3, (line) -> {
		});
		Run again = simulator.run(spec, daily, 3, (line) -> {
		});
		assertThat(again.replicas()).isEqualTo(first.replicas());
		assertThat(again.syncs()).isEqualTo(first.syncs());
		assertThat(Report.of(List.of(again))).isEqualTo(Report.of(List.of(first)));
	}

	@Test
	void podsTakeTheStartUpDelayBeforeTheyServe() {
		SimulationSettings slowStart = new SimulationSettings(ControllerSettings.DEFAULTS, Duration.ofSeconds(1),
				Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(40), 1.0, 1000, 1, 150);
		AutoscalerSpec spec = new AutoscalerSpec(2, 10,
				List.of(new MetricSpec.Pods(Simulator.IN_FLIGHT_METRIC, MetricTarget.averageValue(20_000))),
				CHART_BEHAVIOR);
		Run run = new Simulator(this.curves, slowStart).run(spec, STEP, 1, (line) -> {
		});
		assertThat(run.replicas()[125]).isGreaterThanOrEqualTo(6);
		assertThat(run.ready()[125]).isEqualTo(2);
		assertThat(run.ready()[161]).isGreaterThanOrEqualTo(6);
		assertThat(run.latencyMs()[130]).isGreaterThan(1000);
	}

	private static long seconds(ScaleDecision decision) {
		return decision.time().getEpochSecond() - Simulator.instant(0).getEpochSecond();
	}

}
