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

import java.util.List;

import dev.steadypod.hpa.model.ScaleDecision;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The report's figures on a hand-made run whose answers are worked out by hand. */
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
	void accuracyIsTheShareOfRescalesThatMoveTowardTheIdealCount() {
		// 2 -> 4 toward 4, 4 -> 3 away from 4, 3 -> 2 toward 2; the sync that kept 2 is
		// no
		// decision.
		assertThat(this.report.rescales()).isEqualTo(3);
		assertThat(this.report.towardIdeal()).isEqualTo(2);
		assertThat(this.report.accuracy()).isCloseTo(2.0 / 3, within(1e-9));
	}

	@Test
	void timeWithinOneOfIdealCountsSeconds() {
		// Only second 2 (2 replicas, ideal 4) is off by more than one.
		assertThat(this.report.withinOneShare()).isCloseTo(0.9, within(1e-9));
	}

	@Test
	void scaleUpLagRunsFromTheRiseOfTheIdealToEnoughReadyPods() {
		// The ideal rises 2 -> 4 at second 2; 3 and then 4 pods are ready at second 4.
		assertThat(this.report.scaleUpLags()).containsExactly(2, 2);
		assertThat(this.report.scaleUpLagP95()).isEqualTo(2);
	}

	@Test
	void flapsAreDirectionReversalsAndChangesAreCountedPerFiveMinutes() {
		assertThat(this.report.flaps()).isEqualTo(1);
		assertThat(this.report.maxChangesPer5Min()).isEqualTo(3);
		assertThat(this.report.alarms()).isEmpty();
	}

	@Test
	void underAndOverProvisioningCountLatencyAboveTheObjectiveAndSurplusPods() {
		assertThat(this.report.underProvisionedSeconds()).isEqualTo(2);
		// Second 7: 3 pods for an ideal of 2.
		assertThat(this.report.overProvisionedPodSeconds()).isEqualTo(1);
		assertThat(this.report.underProvisionedMinutes()).isCloseTo(2 / 60.0, within(1e-9));
	}

	@Test
	void poolingRunsAddsTheirCounts() {
		Report twice = Report.of(List.of(this.run, this.run));
		assertThat(twice.rescales()).isEqualTo(6);
		assertThat(twice.accuracy()).isCloseTo(2.0 / 3, within(1e-9));
		assertThat(twice.flapsPerRun()).isEqualTo(1.0);
		assertThat(twice.underProvisionedMinutes()).isCloseTo(2 / 60.0, within(1e-9));
	}

	@Test
	void aRunWithoutRescalesHasNoAccuracyAndSaysSo() {
		Run still = new Run(this.run.workload(), 100, 100, IDEAL, IDEAL, IDEAL, IDEAL, new double[10], List.of());
		Report report = Report.of(List.of(still));
		assertThat(report.accuracy()).isNaN();
		assertThat(report.lines().get(0)).contains("n/a (0 of 0 rescales)");
	}

	private static ScaleDecision sync(int second, int from, int to) {
		return new ScaleDecision(Simulator.instant(second), from, to, to, "DesiredWithinRange", List.of(), null);
	}

}
