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

import dev.steadypod.hpa.model.MetricTarget;

import dev.steadypod.hpa.model.MetricSpec;

import dev.steadypod.hpa.model.AutoscalerSpec;

import java.util.Arrays;
import java.util.List;

import dev.steadypod.hpa.model.ScaleDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The report's figures on hand-made runs whose answers are worked out by hand. */
class ReportTests {

	// second: 0 1 2 3 4 5 6 7 8 9
	private static final int[] IDEAL = { 2, 2, 4, 4, 4, 4, 4, 2, 2, 2 };

	private static final int[] REPLICAS = { 2, 2, 2, 4, 4, 4, 3, 3, 2, 2 };

	private static final int[] READY = { 2, 2, 2, 2, 4, 4, 3, 3, 2, 2 };

	private static final int[] PODS = { 2, 2, 2, 4, 4, 4, 3, 3, 2, 2 };

	private static final double[] LATENCY = { 10, 10, 500, 500, 10, 10, 10, 10, 10, 10 };

	private final Run run = new Run(new Workload("hand-made", new double[10]), 100, 100, IDEAL, REPLICAS, READY, PODS,
			LATENCY, List.of(sync(3, 2, 4), sync(6, 4, 3), sync(8, 3, 2), sync(9, 2, 2)));

	private final Report report = Report.of(List.of(this.run));

	@Test
	void theAllowanceIsAQuarterOfTheIdealCountRoundedUpAndAtLeastOnePod() {
		assertThat(Report.allowance(0)).isEqualTo(1);
		assertThat(Report.allowance(1)).isEqualTo(1);
		assertThat(Report.allowance(4)).isEqualTo(1);
		assertThat(Report.allowance(5)).isEqualTo(2);
		assertThat(Report.allowance(8)).isEqualTo(2);
		assertThat(Report.allowance(9)).isEqualTo(3);
		assertThat(Report.allowance(40)).isEqualTo(10);
		assertThat(Report.allowance(41)).isEqualTo(11);
	}

	@Test
	void aSecondIsShortWhenFewerPodsAreReadyThanTheIdealCountWhateverTheReplicaCountSays() {
		// Seconds 2 and 3 have 2 ready for an ideal of 4 (at 3 the HPA has already set
		// 4),
		// second 6 has 3; second 7 runs 3 for an ideal of 2, within its allowance of 1.
		assertThat(this.report.shortSeconds()).isEqualTo(3);
		assertThat(this.report.surplusSeconds()).isZero();
		assertThat(this.report.rightSizedSeconds()).isEqualTo(7);
		assertThat(this.report.rightSizedShare()).isCloseTo(0.7, within(1e-9));
		assertThat(this.report.lines().get(0)).startsWith("right-sized:")
			.contains("70 % of the time (short 30 %, surplus 0 %)");
	}

	@Test
	void aSecondIsSurplusWhenMorePodsRunThanTheIdealCountPlusTheAllowanceAndShortWinsOverSurplus() {
		// second: 0 1 2 3 4 5 6 7 8; allowance 1 for an ideal of 4, 2 for 8
		int[] ideal = { 4, 4, 4, 4, 8, 8, 8, 8, 8 };
		int[] ready = { 4, 4, 5, 6, 6, 8, 10, 11, 6 };
		int[] pods = { 4, 5, 6, 6, 10, 10, 11, 11, 12 };
		double[] latency = { 10, 10, 10, 10, 500, 10, 10, 10, Double.POSITIVE_INFINITY };
		Run sizing = new Run(new Workload("sizing", new double[9]), 100, 100, ideal, pods, ready, pods, latency,
				List.of());
		Report report = Report.of(List.of(sizing));
		// Right-sized: 0, 1 (5 <= 4 + 1), 5 (10 <= 8 + 2). Short: 4 and 8 (6 ready for 8;
		// at 8 also 12 running, but its users felt the missing pods). Surplus: 2, 3, 6,
		// 7.
		assertThat(report.rightSizedSeconds()).isEqualTo(3);
		assertThat(report.shortSeconds()).isEqualTo(2);
		assertThat(report.surplusSeconds()).isEqualTo(4);
		assertThat(report.rightSizedShare() + report.shortShare() + report.surplusShare()).isCloseTo(1, within(1e-9));
		// Pods beyond the ideal count: 0 + 1 + 2 + 2 + 2 + 2 + 3 + 3 + 4.
		assertThat(report.overProvisionedPodSeconds()).isEqualTo(19);
		// Second 4 (500 ms) and second 8 (no answer in time: +Infinity).
		assertThat(report.underProvisionedSeconds()).isEqualTo(2);
	}

	@Test
	void rescalesTowardIdealCountThoseThatMoveCloserToTheIdealCount() {
		// 2 -> 4 toward 4, 4 -> 3 away from 4, 3 -> 2 toward 2; the sync that kept 2 is
		// no decision.
		assertThat(this.report.rescales()).isEqualTo(3);
		assertThat(this.report.towardIdeal()).isEqualTo(2);
		assertThat(this.report.towardIdealShare()).isCloseTo(2.0 / 3, within(1e-9));
		assertThat(this.report.lines()).contains("rescales toward the ideal count:              67 % (2 of 3)");
	}

	@Test
	void scaleUpLagRunsFromTheRiseOfTheIdealToEnoughReadyPods() {
		// The ideal rises 2 -> 4 at second 2; 3 and then 4 pods are ready at second 4.
		assertThat(this.report.scaleUpLags()).containsExactly(2, 2);
		assertThat(this.report.scaleUpLagP95()).isEqualTo(2);
	}

	@Test
	void flapsAreDirectionReversals() {
		assertThat(this.report.flaps()).isEqualTo(1);
		assertThat(this.report.maxChangesPer5Min()).isEqualTo(3);
		assertThat(this.report.alarms()).isEmpty();
	}

	@Test
	void theMostChangesAreCountedInAnyFiveMinutesNotInFixedOnes() {
		// Rescales at 100, 250, 350, 400 and 650 s: fixed windows from the start hold at
		// most 2 ([0, 300) and [300, 600)); the window [250, 550) holds 3.
		int seconds = 700;
		int[] two = new int[seconds];
		Arrays.fill(two, 2);
		Run run = new Run(new Workload("changes", new double[seconds]), 100, 100, two, two, two, two,
				new double[seconds],
				List.of(sync(100, 2, 3), sync(250, 3, 4), sync(350, 4, 5), sync(400, 5, 6), sync(650, 6, 7)));
		assertThat(Report.of(List.of(run)).maxChangesPer5Min()).isEqualTo(3);
		// Two more within 5 minutes of 250 s raise the alarm.
		Run busy = new Run(run.workload(), 100, 100, two, two, two, two, new double[seconds], List.of(sync(100, 2, 3),
				sync(250, 3, 4), sync(265, 4, 5), sync(350, 5, 6), sync(400, 6, 7), sync(549, 7, 8), sync(550, 8, 9)));
		Report report = Report.of(List.of(busy));
		assertThat(report.maxChangesPer5Min()).isEqualTo(5);
		assertThat(report.alarms()).containsExactly("5 replica changes in 5 minutes (>= 5)");
	}

	@Test
	void underAndOverProvisioningCountClientLatencyAboveTheObjectiveAndPodsBeyondTheIdealCount() {
		assertThat(this.report.underProvisionedSeconds()).isEqualTo(2);
		// Second 7: 3 pods for an ideal of 2.
		assertThat(this.report.overProvisionedPodSeconds()).isEqualTo(1);
		assertThat(this.report.underProvisionedMinutes()).isCloseTo(2 / 60.0, within(1e-9));
	}

	@Test
	void poolingRunsAddsTheirCounts() {
		Report twice = Report.of(List.of(this.run, this.run));
		assertThat(twice.rescales()).isEqualTo(6);
		assertThat(twice.towardIdealShare()).isCloseTo(2.0 / 3, within(1e-9));
		assertThat(twice.rightSizedShare()).isCloseTo(0.7, within(1e-9));
		assertThat(twice.flapsPerRun()).isEqualTo(1.0);
		assertThat(twice.underProvisionedMinutes()).isCloseTo(2 / 60.0, within(1e-9));
	}

	@Test
	void aRunWithoutRescalesHasNoShareTowardIdealAndSaysSo() {
		Run still = new Run(this.run.workload(), 100, 100, IDEAL, IDEAL, IDEAL, IDEAL, new double[10], List.of());
		Report report = Report.of(List.of(still));
		assertThat(report.towardIdealShare()).isNaN();
		assertThat(report.rightSizedShare()).isEqualTo(1.0);
		assertThat(report.lines().get(6)).contains("n/a (0 of 0)");
	}

	private static ScaleDecision sync(int second, int from, int to) {
		return new ScaleDecision(Simulator.instant(second), from, to, to, "DesiredWithinRange", List.of(), null);
	}

	@Test
	void theIdealCountSetAtEverySyncCountsItsOwnChangesInAnyFiveMinutes() {
		// 1, 2, 3 and 4 pods' worth for 30 s each, then 10 minutes at 1: the ideal count
		// changes at the syncs of 30, 60 and 90 s, and once more at 120 s, 4 in 5
		// minutes.
		double[] rps = new double[720];
		for (int t = 0; t < rps.length; t++) {
			rps[t] = (t < 120) ? 100 * (t / 30 + 1) : 100;
		}
		AutoscalerSpec spec = new AutoscalerSpec(1, 10,
				List.of(new MetricSpec.Resource("cpu", null, MetricTarget.utilization(80))), null);
		assertThat(Report.idealChangesInAnyWindow(new Workload("steps", rps), 100, spec, 15)).isEqualTo(4);
		assertThat(Report.idealChangesInAnyWindow(new Workload("flat", new double[] { 100, 100, 100 }), 100, spec, 15))
			.isZero();
	}

}
