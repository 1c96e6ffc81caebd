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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import dev.steadypod.hpa.record.TraceSample;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** What the curves learn from the synthetic traces, worked out by hand. */
class ResponseCurvesTests {

	private final ResponseCurves cpuBound = ResponseCurves.of(SyntheticTrace.samples());

	private final ResponseCurves poolBound = ResponseCurves.of(SyntheticTrace.poolBound());

	@Test
	void aTraceWithoutTheClientViewTakesTheServerLatencyForTheClientsAndHasNoPool() {
		PodResponse response = this.cpuBound.mean(SyntheticTrace.level(20));
		assertThat(response.latencyMs()).isCloseTo(SyntheticTrace.latency(243.75), within(1e-9));
		assertThat(response.clientLatencyMs()).isEqualTo(response.latencyMs());
		assertThat(response.completedRps()).isCloseTo(243.75, within(1e-9));
		assertThat(this.cpuBound.hasPool()).isFalse();
		assertThat(response.poolBusy()).isNaN();
		assertThat(response.poolMax()).isNaN();
		assertThat(this.cpuBound.sample(100, new Random(1)).poolBusy()).isNaN();
	}

	@Test
	void aPoolBoundPodCompletesLessThanOfferedAndItsClientsWaitLongerThanTheServerSays() {
		PodResponse saturated = this.poolBound.mean(SyntheticTrace.level(12));
		assertThat(saturated.completedRps()).isCloseTo(100, within(1e-9));
		assertThat(saturated.latencyMs()).isCloseTo(200, within(1e-9));
		assertThat(saturated.clientLatencyMs()).isCloseTo(200 + 20 * 43.75, within(1e-9));
		assertThat(saturated.poolBusy()).isCloseTo(20, within(1e-9));
		assertThat(saturated.poolMax()).isCloseTo(20, within(1e-9));
		PodResponse light = this.poolBound.mean(SyntheticTrace.level(5));
		assertThat(light.completedRps()).isCloseTo(56.25, within(1e-9));
		assertThat(light.poolBusy()).isCloseTo(11.25, within(1e-9));
		assertThat(this.poolBound.hasPool()).isTrue();
	}

	@Test
	void belowTheLowestLoadCompletionsAndBusyThreadsShrinkWithTheLoad() {
		PodResponse response = this.poolBound.mean(SyntheticTrace.level(1) / 2);
		assertThat(response.completedRps()).isCloseTo(3.125, within(1e-9));
		assertThat(response.poolBusy()).isCloseTo(0.625, within(1e-9));
		assertThat(response.clientLatencyMs()).isCloseTo(200, within(1e-9));
	}

	@Test
	void noPodCompletesMoreThanItIsOfferedNorUsesMoreThreadsThanItsPoolHas() {
		Random random = new Random(3);
		for (double load = 0; load < 1000; load += 7.5) {
			PodResponse mean = this.cpuBound.mean(load);
			assertThat(mean.completedRps()).isLessThanOrEqualTo(load);
			PodResponse sample = this.poolBound.sample(load, random);
			assertThat(sample.completedRps()).isBetween(0.0, load);
			assertThat(sample.poolBusy()).isBetween(0.0, sample.poolMax());
		}
		// Beyond the highest recorded load the client latency keeps growing.
		assertThat(this.poolBound.mean(400).clientLatencyMs())
			.isGreaterThan(this.poolBound.mean(SyntheticTrace.level(24)).clientLatencyMs());
	}

	@Test
	void theCapacityIsTheHighestSteadyBinWhoseMedianLatencyAndThoseBelowMeetTheObjective() {
		ResponseCurves curves = ResponseCurves.of(SyntheticTrace.samples(20));
		// Bins are 10 % wide: [1.1^55, 1.1^56) = [189.1, 208.0) holds 193.75 (100 ms) and
		// 206.25 (162.5 ms), 20 steady seconds each: median 131.25 ms, mean load 200. The
		// next bin, 218.75, has 287.5 ms.
		assertThat(curves.capacity(150)).isCloseTo(200, within(1e-9));
		assertThat(curves.capacity(131.25)).isCloseTo(200, within(1e-9));
		assertThat(curves.capacity(131)).isCloseTo(181.25, within(1e-9));
		// Every level has 10 steady seconds (the first second of a level below 125 has
		// the
		// previous level more than 10 % away in its last 10 seconds), 20 from 131.25 on.
		assertThat(curves.steadySeconds()).isEqualTo(10 * 24 + 10 * 14);
		assertThat(curves.unloadedLatencyMs()).isEqualTo(100);
		assertThat(curves.defaultSloMs()).isEqualTo(200);
		assertThat(curves.latencyView()).isEqualTo("server-side");
	}

	@Test
	void neitherADrainNorAnOutlierSecondMovesTheCapacityAndTheCurvesLeaveTheDrainOut() {
		ResponseCurves clean = ResponseCurves.of(SyntheticTrace.samples(20));
		List<TraceSample> samples = new ArrayList<>();
		long second = 0;
		for (TraceSample s : SyntheticTrace.samples(20)) {
			boolean outlier = s.targetRps() == SyntheticTrace.level(10) && s.second() % 20 == 15;
			samples.add(new TraceSample(second++, s.targetRps(), s.completedRps(), s.cpu(), s.inFlight(),
					outlier ? 5000 : s.latencyMs(), 0));
			if (s.targetRps() == SyntheticTrace.level(18) && s.second() % 20 == 19) {
				// The pod works off a backlog at the same offered rate: twice the
				// completions at a low latency.
				for (int i = 0; i < 3; i++) {
					samples.add(new TraceSample(second++, s.targetRps(), 2 * s.targetRps(), 1, 13, 60, 0));
				}
			}
		}
		ResponseCurves curves = ResponseCurves.of(samples);
		assertThat(curves.drainingSeconds()).isEqualTo(3);
		assertThat(curves.steadySeconds()).isEqualTo(clean.steadySeconds());
		assertThat(curves.capacity(150)).isEqualTo(clean.capacity(150));
		assertThat(curves.defaultSloMs()).isEqualTo(clean.defaultSloMs());
		// A mean over the drain would be (20 × 287.5 + 3 × 60) / 23 ms.
		assertThat(curves.mean(SyntheticTrace.level(18)).latencyMs()).isCloseTo(287.5, within(1e-9));
		assertThat(curves.mean(SyntheticTrace.level(18)).completedRps()).isCloseTo(218.75, within(1e-9));
	}

	@Test
	void thePoolBoundCapacityIsJudgedByWhatTheClientsWaitedNotByWhatTheServerMeasured() {
		// Steady up to 106.25 (it completes 100, within 10 %); the clients waited 200 ms
		// at
		// 93.75 and 325 ms at 106.25, the server measured 200 ms at both.
		assertThat(this.poolBound.latencyView()).isEqualTo("client-side");
		assertThat(this.poolBound.capacity(250)).isCloseTo(93.75, within(1e-9));
		List<TraceSample> serverOnly = SyntheticTrace.poolBound()
			.stream()
			.map((s) -> new TraceSample(s.second(), s.targetRps(), s.completedRps(), s.cpu(), s.inFlight(),
					s.latencyMs(), s.gcPauseMs()))
			.toList();
		ResponseCurves blind = ResponseCurves.of(serverOnly);
		assertThat(blind.latencyView()).isEqualTo("server-side");
		assertThat(blind.capacity(250)).isCloseTo(106.25, within(1e-9));
		assertThat(blind.capacityBasis()).contains("the trace has no client view");
	}

	@Test
	void aTraceWithoutPlateausHasNoCapacityAndSaysWhy() {
		List<TraceSample> ramp = new ArrayList<>();
		for (int i = 0; i < 30; i++) {
			double load = 10 * Math.pow(1.2, i);
			ramp.add(new TraceSample(i, load, load, 0.1, 1, 50, 0));
		}
		ResponseCurves curves = ResponseCurves.of(ramp);
		assertThatIllegalArgumentException().isThrownBy(() -> curves.capacity(100))
			.withMessageContaining("0 steady seconds")
			.withMessageContaining("plateaus of constant load of at least 15 seconds");
		assertThatIllegalArgumentException().isThrownBy(curves::defaultSloMs).withMessageContaining("steady seconds");
	}

	@Test
	void anObjectiveMissedAtTheLowestSteadyLoadIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.poolBound.capacity(150))
			.withMessageContaining("missed even at the lowest steady load (median client-side latency 200.0 ms")
			.withMessageContaining("raise --slo-ms");
	}

}
