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

package dev.steadypod.testsupport.kubelet;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongPredicate;

import dev.steadypod.testsupport.kubelet.Kubelet.Event;
import dev.steadypod.testsupport.kubelet.Kubelet.EventType;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The emulator against the rules of the Kubernetes documentation ("Configure Liveness,
 * Readiness and Startup Probes", "Pod Lifecycle") and the kubelet's prober workers, on
 * virtual time with a scripted container.
 */
class KubeletTests {

	private final VirtualClock clock = new VirtualClock();

	@Test
	void theFirstProbeRunsOneTickAfterInitialDelaySecondsThenOneEveryPeriodSeconds() throws Exception {
		// "initialDelaySeconds: Number of seconds after the container has started before
		// startup, liveness or readiness probes are initiated." The prober worker ticks
		// from the pod's admission, just before the container starts, so the tick at 30s
		// is a moment too early and the first probe comes at 40s.
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true);
		ProbeSpec liveness = ProbeSpec.of("/live", true).initialDelaySeconds(30).periodSeconds(10);
		new Kubelet(container, null, liveness, null, this.clock, 1).run(Duration.ofSeconds(65));
		assertThat(container.probeTimes("/live")).containsExactly(40_000L, 50_000L, 60_000L);
	}

	@Test
	void withoutInitialDelayTheFirstProbeWaitsOnePeriod() throws Exception {
		// The worker's first tick, at admission, finds no running container yet.
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true);
		ProbeSpec readiness = ProbeSpec.of("/ready", true).periodSeconds(10);
		List<Event> events = new Kubelet(container, null, null, readiness, this.clock, 1).run(Duration.ofSeconds(25));
		assertThat(container.probeTimes("/ready")).containsExactly(10_000L, 20_000L);
		assertThat(events).filteredOn((e) -> e.type() == EventType.READY)
			.singleElement()
			.extracting(Event::at)
			.isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aProbeSlowerThanTimeoutSecondsHasFailedWhenTheTimeoutExpires() throws Exception {
		// "timeoutSeconds: Number of seconds after which the probe times out."
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true);
		container.latency("/live", Duration.ofMillis(1500));
		ProbeSpec liveness = ProbeSpec.of("/live", true).timeoutSeconds(1);
		List<Event> events = new Kubelet(container, null, liveness, null, this.clock, 1).run(Duration.ofSeconds(35));
		// Probes at 10, 20 and 30s, each given up after 1s: the third failure at 31s.
		assertThat(events).filteredOn((e) -> e.type() == EventType.RESTARTED)
			.singleElement()
			.extracting(Event::at)
			.isEqualTo(Duration.ofSeconds(31));
	}

	@Test
	void probesOfOnePodRunInParallelSoASlowLivenessProbeDoesNotDelayReadiness() throws Exception {
		// The kubelet runs one worker per probe of a container.
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true);
		container.latency("/live", Duration.ofMillis(2500));
		ProbeSpec liveness = ProbeSpec.of("/live", true).periodSeconds(10).timeoutSeconds(3);
		ProbeSpec readiness = ProbeSpec.of("/ready", true).periodSeconds(5);
		new Kubelet(container, null, liveness, readiness, this.clock, 1).run(Duration.ofSeconds(22));
		assertThat(container.probeTimes("/live")).containsExactly(10_000L, 20_000L);
		assertThat(container.probeTimes("/ready")).containsExactly(5_000L, 10_000L, 15_000L, 20_000L);
		// The readiness probe at 10s started while the liveness probe of 10s was still
		// waiting for its answer.
		assertThat(container.maxInFlight).isEqualTo(2);
	}

	@Test
	void livenessRestartsAfterFailureThresholdConsecutiveFailuresOnly() throws Exception {
		// "After a probe fails failureThreshold times in a row, Kubernetes considers that
		// the overall check has failed"; for a liveness probe the kubelet restarts the
		// container. Two failures, a success, two failures: no restart with threshold 3.
		LongPredicate live = (ms) -> !(ms >= 10_000 && ms < 30_000) && !(ms >= 40_000 && ms < 60_000);
		ScriptedContainer flapping = new ScriptedContainer(this.clock, live, (ms) -> true);
		ProbeSpec liveness = ProbeSpec.of("/live", true).periodSeconds(10).failureThreshold(3);
		assertThat(new Kubelet(flapping, null, liveness, null, this.clock, 1).run(Duration.ofSeconds(75)))
			.extracting(Event::type)
			.doesNotContain(EventType.RESTARTED);
		VirtualClock other = new VirtualClock();
		ScriptedContainer dead = new ScriptedContainer(other, (ms) -> ms < 10_000, (ms) -> true);
		List<Event> events = new Kubelet(dead, null, liveness, null, other, 1).run(Duration.ofSeconds(35));
		// Probes at 10, 20 and 30s (three failures): restart at 30s.
		assertThat(events).filteredOn((e) -> e.type() == EventType.RESTARTED).singleElement().satisfies((e) -> {
			assertThat(e.at()).isEqualTo(Duration.ofSeconds(30));
			assertThat(e.reason()).isEqualTo("liveness probe");
		});
	}

	@Test
	void readinessNeedsSuccessThresholdSuccessesAndNeverRestarts() throws Exception {
		// "successThreshold: Minimum consecutive successes for the probe to be considered
		// successful after having failed." A failed readiness probe removes the pod from
		// the Service endpoints; it does not restart the container.
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> ms >= 20_000);
		ProbeSpec readiness = ProbeSpec.of("/ready", true).periodSeconds(5).successThreshold(2).failureThreshold(1);
		List<Event> events = new Kubelet(container, null, null, readiness, this.clock, 1).run(Duration.ofSeconds(40));
		assertThat(events).extracting(Event::type).doesNotContain(EventType.RESTARTED);
		// Successes at 20s and 25s: ready at the second.
		assertThat(events).filteredOn((e) -> e.type() == EventType.READY)
			.singleElement()
			.extracting(Event::at)
			.isEqualTo(Duration.ofSeconds(25));
		assertThat(container.readiness).containsExactly(true);
	}

	@Test
	void successThresholdOtherThanOneIsRejectedForLivenessAndStartup() {
		// "Must be 1 for liveness and startup Probes."
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true);
		ProbeSpec twice = ProbeSpec.of("/live", true).successThreshold(2);
		assertThatIllegalArgumentException().isThrownBy(() -> new Kubelet(container, null, twice, null, this.clock, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new Kubelet(container, twice, null, null, this.clock, 1));
	}

	@Test
	void aStartupProbeHoldsBackLivenessAndReadinessUntilItSucceeds() throws Exception {
		// "If a startup probe is provided, all other probes are disabled until it
		// succeeds." The startup probe succeeds at 45s; readiness probes from its next
		// tick, 50s.
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> ms >= 42_000, (ms) -> ms >= 42_000);
		ProbeSpec startup = ProbeSpec.of("/live", true).periodSeconds(5).failureThreshold(12);
		ProbeSpec liveness = ProbeSpec.of("/live", true).periodSeconds(10);
		ProbeSpec readiness = ProbeSpec.of("/ready", true).periodSeconds(5);
		List<Event> events = new Kubelet(container, startup, liveness, readiness, this.clock, 1)
			.run(Duration.ofSeconds(60));
		assertThat(container.probeTimes("/ready")).containsExactly(50_000L, 55_000L);
		assertThat(events).extracting(Event::type)
			.containsExactly(EventType.STARTED, EventType.STARTUP_SUCCEEDED, EventType.READY);
		assertThat(events).extracting(Event::at)
			.containsExactly(Duration.ZERO, Duration.ofSeconds(45), Duration.ofSeconds(50));
	}

	@Test
	void aFailedStartupProbeKillsTheContainerAfterFailureThresholdTimesPeriod() throws Exception {
		// "If the startup probe fails, the kubelet kills the container, and the container
		// is subjected to its restart policy." Probes at 5, 10, 15 and 20s.
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> false, (ms) -> false);
		ProbeSpec startup = ProbeSpec.of("/live", true).periodSeconds(5).failureThreshold(4);
		List<Event> events = new Kubelet(container, startup, null, null, this.clock, 1).run(Duration.ofSeconds(22));
		assertThat(events).filteredOn((e) -> e.type() == EventType.RESTARTED)
			.first()
			.satisfies((e) -> assertThat(e.at()).isEqualTo(Duration.ofSeconds(20)))
			.satisfies((e) -> assertThat(e.reason()).isEqualTo("startup probe"));
	}

	@Test
	void theFirstRestartIsImmediateThenTheBackOffDoublesFromTenSecondsAfterEachFinish() throws Exception {
		// Pod Lifecycle: "an exponential back-off delay (10s, 20s, 40s, ...), that is
		// capped at five minutes"; the kubelet counts it from the previous container's
		// finish and does not delay the first restart.
		ScriptedContainer dead = new ScriptedContainer(this.clock, (ms) -> false, (ms) -> false);
		List<Event> events = new Kubelet(dead, null, ProbeSpec.of("/live", true).failureThreshold(1), null, this.clock,
				1)
			.run(Duration.ofSeconds(115));
		// Killed at 10s and restarted at once; killed at 20s (the worker's next tick),
		// restarted 10s later at 30s; killed at 40s, restarted 20s later at 60s; killed
		// at
		// 70s, restarted 40s later at 110s.
		assertThat(events).filteredOn((e) -> e.type() == EventType.STARTED)
			.extracting(Event::at)
			.containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(60),
					Duration.ofSeconds(110));
		assertThat(dead.starts).isEqualTo(5);
		assertThat(dead.kills).isEqualTo(5);
	}

	@Test
	void theBackOffIsCappedAtFiveMinutes() {
		RestartBackOff backOff = new RestartBackOff(1);
		long finished = 0;
		List<Long> delays = new ArrayList<>();
		for (int i = 0; i < 8; i++) {
			long restartAt = backOff.restartAt(finished);
			delays.add((restartAt - finished) / 1000);
			// Each container dies 5s after its start.
			finished = restartAt + 5_000;
		}
		assertThat(delays).containsExactly(0L, 10L, 20L, 40L, 80L, 160L, 300L, 300L);
	}

	@Test
	void aContainerThatRanTenMinutesRestartsAtOnceAndTheBackOffStartsOver() throws Exception {
		// Pod Lifecycle: "Once a container has executed for 10 minutes without any
		// problems, the kubelet resets the restart backoff timer for that container."
		// The second container lives 11 minutes; the others die at their first probe.
		ScriptedContainer container = new ScriptedContainer(this.clock, (start, ms) -> start == 2 && ms < 660_000,
				(start, ms) -> true);
		List<Event> events = new Kubelet(container, null, ProbeSpec.of("/live", true).failureThreshold(1), null,
				this.clock, 1)
			.run(Duration.ofSeconds(695));
		// Killed at 10s, restarted at once; killed at 670s after 660s of running:
		// restarted at once again; killed at 680s: 10s of back-off, not 20s.
		assertThat(events).filteredOn((e) -> e.type() == EventType.STARTED)
			.extracting(Event::at)
			.containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(670), Duration.ofSeconds(690));
	}

	@Test
	void livenessStartsSuccessfulAndReadinessStartsNotReady() throws Exception {
		// Pod Lifecycle: the readiness state before the initial delay is Failure; the
		// liveness state is Success.
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true);
		List<Event> events = new Kubelet(container, null, ProbeSpec.of("/live", true).initialDelaySeconds(30),
				ProbeSpec.of("/ready", true).initialDelaySeconds(20), this.clock, 1)
			.run(Duration.ofSeconds(35));
		assertThat(events).extracting(Event::type).containsExactly(EventType.STARTED, EventType.READY);
		assertThat(events.get(1).at()).isEqualTo(Duration.ofSeconds(30));
		assertThat(container.probeTimes("/live")).isEmpty();
	}

	@Test
	void aKilledContainerLeavesTheEndpointsAndARestartedOneStartsNotReady() throws Exception {
		ScriptedContainer container = new ScriptedContainer(this.clock, (start, ms) -> start > 1 || ms < 15_000,
				(start, ms) -> true);
		ProbeSpec liveness = ProbeSpec.of("/live", true).periodSeconds(10).failureThreshold(1);
		ProbeSpec readiness = ProbeSpec.of("/ready", true).periodSeconds(5);
		List<Event> events = new Kubelet(container, null, liveness, readiness, this.clock, 1)
			.run(Duration.ofSeconds(28));
		// Ready at 5s; the liveness probe at 20s fails: not ready and restarted; ready
		// again at the readiness worker's next tick, 25s.
		assertThat(events).extracting(Event::type, Event::at)
			.containsExactly(tuple(EventType.STARTED, 0), tuple(EventType.READY, 5), tuple(EventType.NOT_READY, 20),
					tuple(EventType.RESTARTED, 20), tuple(EventType.STARTED, 20), tuple(EventType.READY, 25));
		assertThat(container.readiness).containsExactly(true, false, true);
	}

	private static Tuple tuple(EventType type, int seconds) {
		return Tuple.tuple(type, Duration.ofSeconds(seconds));
	}

	/**
	 * Whether a probe succeeds, by the container's start number and time since it
	 * started.
	 */
	@FunctionalInterface
	interface Script {

		boolean test(int start, long sinceStartMillis);

	}

	/** A container whose probes answer by the time since it started. */
	static final class ScriptedContainer implements Container {

		private final VirtualClock clock;

		private final Script live;

		private final Script ready;

		private final List<long[]> probes = new ArrayList<>();

		private final List<String> paths = new ArrayList<>();

		private final Map<String, Duration> latencies = new HashMap<>();

		final List<Boolean> readiness = new ArrayList<>();

		int starts;

		int kills;

		int inFlight;

		int maxInFlight;

		private long startedAt;

		ScriptedContainer(VirtualClock clock, LongPredicate live, LongPredicate ready) {
			this(clock, (start, ms) -> live.test(ms), (start, ms) -> ready.test(ms));
		}

		ScriptedContainer(VirtualClock clock, Script live, Script ready) {
			this.clock = clock;
			this.live = live;
			this.ready = ready;
		}

		void latency(String path, Duration latency) {
			this.latencies.put(path, latency);
		}

		@Override
		public void start() {
			this.starts++;
			this.startedAt = this.clock.nowMillis();
		}

		@Override
		public void kill() {
			this.kills++;
		}

		@Override
		public boolean probe(ProbeSpec probe, Duration timeout) {
			long now = this.clock.nowMillis();
			long sinceStart = now - this.startedAt;
			int start = this.starts;
			this.probes.add(new long[] { now });
			this.paths.add(probe.path());
			Duration latency = this.latencies.getOrDefault(probe.path(), Duration.ZERO);
			this.inFlight++;
			this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
			try {
				this.clock.sleepUntil(now + Math.min(latency.toMillis(), timeout.toMillis()));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
			finally {
				this.inFlight--;
			}
			if (latency.compareTo(timeout) > 0) {
				return false;
			}
			return probe.path().equals("/ready") ? this.ready.test(start, sinceStart)
					: this.live.test(start, sinceStart);
		}

		@Override
		public void readinessChanged(boolean ready) {
			this.readiness.add(ready);
		}

		List<Long> probeTimes(String path) {
			List<Long> times = new ArrayList<>();
			for (int i = 0; i < this.paths.size(); i++) {
				if (this.paths.get(i).equals(path)) {
					times.add(this.probes.get(i)[0]);
				}
			}
			return times;
		}

	}

}
