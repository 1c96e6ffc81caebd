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
import java.util.Arrays;
import java.util.List;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.ControllerSettings;
import dev.steadypod.hpa.model.ScaleDecision;
import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Every signal driving the closed loop through the simulated Prometheus pipeline: pods
 * scraped every second, the adapter's queries over those scrapes, ready at once.
 */
class SignalReplayTests {

	private static final SimulationSettings INSTANT_PODS = new SimulationSettings(ControllerSettings.DEFAULTS,
			Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 1.0, 1000, 1, 150);

	/** 300 requests per second for 2 minutes, then 950 for 8: ideal 2, then 5. */
	private static final Workload STEP = Workload.of("step", LoadProfile.parse("120s:300,480s:950"));

	/**
	 * On the pool-bound pod, 150 requests per second for 2 minutes, then 475 for 8; a pod
	 * completes at most 100.
	 */
	private static final Workload POOL_STEP = Workload.of("step", LoadProfile.parse("120s:150,480s:475"));

	private final ResponseCurves cpuBound = ResponseCurves.of(SyntheticTrace.samples());

	private final ResponseCurves poolBound = ResponseCurves.of(SyntheticTrace.poolBound());

	@Test
	void cpuNeverScalesAPoolBoundPodWhoseClientsWaitWhileThePoolAndConcurrencyDo() {
		Simulator simulator = new Simulator(this.poolBound, INSTANT_PODS.withSlo(400));
		Run cpu = simulator.run(spec("cpu=80"), POOL_STEP, 1, (line) -> {
		});
		Run pool = simulator.run(spec("thread-pool=0.8"), POOL_STEP, 1, (line) -> {
		});
		Run concurrency = simulator.run(spec("concurrency=16"), POOL_STEP, 1, (line) -> {
		});
		// Two pods at 237.5 requests per second complete 100 each with 10 % CPU: CPU at
		// 80 % never asks for more, while the clients queue for seconds.
		assertThat(Arrays.stream(cpu.replicas()).max().getAsInt()).isEqualTo(2);
		assertThat(cpu.latencyMs()[300]).isGreaterThan(2000);
		Report cpuReport = Report.of(List.of(cpu));
		assertThat(cpuReport.underProvisionedMinutes()).isGreaterThan(7.5);
		// The pool and Little's law see the saturation: every busy thread, 20 requests in
		// flight against 16, ask for 25 % more pods a sync until each pod has
		// headroom again.
		for (Run run : List.of(pool, concurrency)) {
			assertThat(run.replicas()[run.seconds() - 1]).isGreaterThanOrEqualTo(5);
			Report report = Report.of(List.of(run));
			assertThat(report.underProvisionedMinutes()).isLessThan(cpuReport.underProvisionedMinutes() / 2);
			assertThat(report.rightSizedShare()).isGreaterThan(cpuReport.rightSizedShare());
		}
	}

	@Test
	void anHpaOnCpuAndConcurrencyTakesTheHigherOfTheTwoRecommendations() {
		Simulator simulator = new Simulator(this.cpuBound, INSTANT_PODS);
		ScaleDecision cpu = decisionAt(120, simulator.run(spec("cpu=80"), STEP, 1, (line) -> {
		}));
		ScaleDecision concurrency = decisionAt(120, simulator.run(spec("concurrency=20"), STEP, 1, (line) -> {
		}));
		ScaleDecision both = decisionAt(120, simulator.run(spec("cpu=80+concurrency=20"), STEP, 1, (line) -> {
		}));
		// At the step CPU (one processor, full) asks for 2 × 100/80 = 3 pods; the
		// concurrency over the last minute, one second of it at 950 requests per second,
		// asks for 4 (Kubernetes' default behavior doubles at most).
		assertThat(cpu.currentReplicas()).isEqualTo(2);
		assertThat(cpu.desiredReplicas()).isEqualTo(3);
		assertThat(concurrency.desiredReplicas()).isEqualTo(4);
		assertThat(both.proposals()).hasSize(2);
		assertThat(both.desiredReplicas()).isEqualTo(Math.max(cpu.desiredReplicas(), concurrency.desiredReplicas()));
	}

	@ParameterizedTest
	@CsvSource({ "in-flight=20", "concurrency=20", "requests-per-second=190" })
	void eachSignalScalesUpOnALoadStep(String hpa) {
		Run run = new Simulator(this.cpuBound, INSTANT_PODS).run(spec(hpa), STEP, 1, (line) -> {
		});
		assertThat(run.replicas()[119]).isEqualTo(2);
		assertThat(run.rescales()).isNotEmpty();
		assertThat(run.rescales().get(0).desiredReplicas()).isGreaterThan(2);
		assertThat(run.replicas()[run.seconds() - 1]).isBetween(5, 7);
	}

	@Test
	void theThreadPoolScalesUpOnALoadStepOfAPoolBoundPod() {
		Run run = new Simulator(this.poolBound, INSTANT_PODS.withSlo(400)).run(spec("thread-pool=0.8"), POOL_STEP, 1,
				(line) -> {
				});
		assertThat(run.replicas()[119]).isEqualTo(2);
		assertThat(run.rescales().get(0).desiredReplicas()).isGreaterThan(2);
		assertThat(run.replicas()[run.seconds() - 1]).isGreaterThanOrEqualTo(5);
	}

	@Test
	void theThreadPoolOnATraceWithoutPoolColumnsNamesTheTraceAndTheColumns() {
		Simulator simulator = new Simulator(this.cpuBound, INSTANT_PODS);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> simulator.requireMetrics(spec("cpu=80+thread-pool=0.8"), "demo-staged.csv"))
			.withMessageContaining(Signal.THREAD_POOL.metricName())
			.withMessageContaining("demo-staged.csv has no pool_busy and pool_max columns");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> simulator.run(spec("thread-pool=0.8"), STEP, 1, (line) -> {
			}))
			.withMessageContaining("the trace has no pool_busy and pool_max columns");
	}

	private static AutoscalerSpec spec(String hpa) {
		return new AutoscalerSpec(2, 10, SignalTarget.parse(hpa).stream().map(SignalTarget::metric).toList(), null);
	}

	private static ScaleDecision decisionAt(long second, Run run) {
		return run.syncs().stream().filter((d) -> d.time().equals(Simulator.instant(second))).findFirst().orElseThrow();
	}

}
