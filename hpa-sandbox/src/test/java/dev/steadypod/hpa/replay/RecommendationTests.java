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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Each signal's target at the knee of the synthetic traces, and the YAML to paste. */
class RecommendationTests {

	private final ResponseCurves cpuBound = ResponseCurves.of(SyntheticTrace.samples());

	private final ResponseCurves poolBound = ResponseCurves.of(SyntheticTrace.poolBound());

	@TempDir
	Path dir;

	@Test
	void eachTargetIsTheSignalsMeanPerPodAtTheKnee() {
		Recommendation recommendation = Recommendation.of(this.cpuBound, 150, 1000, 1);
		double knee = this.cpuBound.capacity(150);
		PodResponse atKnee = this.cpuBound.mean(knee);
		assertThat(recommendation.capacityRps()).isEqualTo(knee);
		assertThat(target(recommendation, Signal.CPU)).isEqualTo(Math.round(100 * atKnee.cpu()));
		assertThat(target(recommendation, Signal.IN_FLIGHT)).isCloseTo(atKnee.inFlight(), within(0.05));
		// Little's law: completions per second times their latency in seconds.
		assertThat(target(recommendation, Signal.CONCURRENCY))
			.isCloseTo(atKnee.completedRps() * atKnee.latencyMs() / 1000, within(0.05));
		assertThat(target(recommendation, Signal.REQUESTS_PER_SECOND)).isCloseTo(knee, within(0.5));
		assertThat(recommendation.target(Signal.THREAD_POOL)).isEmpty();
	}

	@Test
	void cpuIsAShareOfTheRequestOnTheTracesProcessors() {
		double onOne = target(Recommendation.of(this.cpuBound, 150, 1000, 1), Signal.CPU);
		double onTwoWithHalfACore = target(Recommendation.of(this.cpuBound, 150, 500, 2), Signal.CPU);
		assertThat(onTwoWithHalfACore).isCloseTo(4 * onOne, within(2.0));
	}

	@Test
	void thePoolsTargetIsTheBusyShareAtTheKneeOfATraceWithPoolColumns() {
		Recommendation recommendation = Recommendation.of(this.poolBound, 400, 1000, 1);
		PodResponse atKnee = this.poolBound.mean(recommendation.capacityRps());
		assertThat(target(recommendation, Signal.THREAD_POOL)).isCloseTo(atKnee.poolBusy() / atKnee.poolMax(),
				within(0.005));
	}

	@Test
	void theHpaYamlReadsBackAsTheSameMetricsAndTargets() throws Exception {
		Recommendation recommendation = Recommendation.of(this.poolBound, 400, 250, 2);
		List<Signal> signals = List.of(Signal.CPU, Signal.CONCURRENCY, Signal.THREAD_POOL);
		Path file = Files.writeString(this.dir.resolve("hpa.yaml"), recommendation.hpa("shop", 2, 12, signals));
		AutoscalerSpec spec = HpaSpecs.read(file);
		assertThat(spec.minReplicas()).isEqualTo(2);
		assertThat(spec.maxReplicas()).isEqualTo(12);
		assertThat(spec.behavior()).isNull();
		assertThat(spec.metrics())
			.containsExactlyElementsOf(recommendation.targets(signals).stream().map(SignalTarget::metric).toList());
	}

	@Test
	@SuppressWarnings("unchecked")
	void theChartValuesEnableTheChosenSignalsWithEveryTarget() {
		Recommendation recommendation = Recommendation.of(this.poolBound, 400, 1000, 1);
		Map<String, Object> values = new Yaml()
			.load(recommendation.chartValues(List.of(Signal.CONCURRENCY, Signal.THREAD_POOL)));
		Map<String, Map<String, Object>> autoscaling = (Map<String, Map<String, Object>>) values.get("autoscaling");
		assertThat(autoscaling).containsOnlyKeys("cpu", "inFlight", "concurrency", "requestsPerSecond", "threadPool");
		assertThat(autoscaling.get("concurrency")).containsEntry("enabled", true);
		assertThat(((Number) autoscaling.get("concurrency").get("target")).doubleValue())
			.isEqualTo(target(recommendation, Signal.CONCURRENCY));
		assertThat(autoscaling.get("threadPool")).containsEntry("enabled", true)
			.containsEntry("targetUtilization", (int) Math.round(100 * target(recommendation, Signal.THREAD_POOL)));
		assertThat(autoscaling.get("cpu")).containsEntry("enabled", false)
			.containsEntry("targetAverageUtilization", (int) target(recommendation, Signal.CPU));
	}

	@Test
	void theThreadPoolOfATraceWithoutPoolColumnsCannotBeChosen() {
		Recommendation recommendation = Recommendation.of(this.cpuBound, 150, 1000, 1);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> recommendation.hpa("shop", 2, 10, List.of(Signal.CPU, Signal.THREAD_POOL)))
			.withMessageContaining("no pool_busy and pool_max columns");
		assertThat(recommendation.chartValues(List.of(Signal.CPU))).doesNotContain("threadPool");
	}

	private static double target(Recommendation recommendation, Signal signal) {
		return recommendation.target(signal).orElseThrow().target();
	}

}
