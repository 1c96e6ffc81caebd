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

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
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

}
