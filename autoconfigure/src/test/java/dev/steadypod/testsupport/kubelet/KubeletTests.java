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
import java.util.List;
import java.util.function.LongPredicate;

import dev.steadypod.testsupport.kubelet.Kubelet.Event;
import dev.steadypod.testsupport.kubelet.Kubelet.EventType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The emulator against the rules of the Kubernetes documentation ("Configure Liveness,
 * Readiness and Startup Probes", "Pod Lifecycle"), on virtual time with a scripted
 * container.
 */
class KubeletTests {

	private final VirtualClock clock = new VirtualClock();

	@Test
	void noProbeRunsBeforeInitialDelaySecondsThenOneEveryPeriodSeconds() throws Exception {
		// "initialDelaySeconds: Number of seconds after the container has started before
		// startup, liveness or readiness probes are initiated." "periodSeconds: How often
		// (in seconds) to perform the probe."
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true);
		ProbeSpec liveness = ProbeSpec.of("/live", true).initialDelaySeconds(30).periodSeconds(10);
		new Kubelet(container, null, liveness, null, this.clock, 1).run(Duration.ofSeconds(65));
		assertThat(container.probeTimes("/live")).containsExactly(30_000L, 40_000L, 50_000L, 60_000L);
	}

	@Test
	void aProbeSlowerThanTimeoutSecondsHasFailed() throws Exception {
		// "timeoutSeconds: Number of seconds after which the probe times out."
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true);
		container.latency = Duration.ofMillis(1500);
		ProbeSpec liveness = ProbeSpec.of("/live", true).timeoutSeconds(1);
		List<Event> events = new Kubelet(container, null, liveness, null, this.clock, 1).run(Duration.ofSeconds(25));
		assertThat(events).extracting(Event::type).contains(EventType.RESTARTED);
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
		// Probes at 0 (ok), 10, 20, 30 (three failures): restart at 30s.
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
		// succeeds."
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> ms >= 42_000, (ms) -> ms >= 42_000);
		ProbeSpec startup = ProbeSpec.of("/live", true).periodSeconds(5).failureThreshold(12);
		ProbeSpec liveness = ProbeSpec.of("/live", true).periodSeconds(10);
		ProbeSpec readiness = ProbeSpec.of("/ready", true).periodSeconds(5);
		List<Event> events = new Kubelet(container, startup, liveness, readiness, this.clock, 1)
			.run(Duration.ofSeconds(60));
		assertThat(container.probeTimes("/ready")).allMatch((t) -> t >= 45_000);
		assertThat(events).extracting(Event::type)
			.containsExactly(EventType.STARTED, EventType.STARTUP_SUCCEEDED, EventType.READY);
	}

	@Test
	void aFailedStartupProbeKillsTheContainerAfterFailureThresholdTimesPeriod() throws Exception {
		// "If the startup probe fails, the kubelet kills the container, and the container
		// is subjected to its restart policy."
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> false, (ms) -> false);
		ProbeSpec startup = ProbeSpec.of("/live", true).periodSeconds(5).failureThreshold(4);
		List<Event> events = new Kubelet(container, startup, null, null, this.clock, 1).run(Duration.ofSeconds(20));
		assertThat(events).filteredOn((e) -> e.type() == EventType.RESTARTED)
			.first()
			.satisfies((e) -> assertThat(e.at()).isEqualTo(Duration.ofSeconds(15)))
			.satisfies((e) -> assertThat(e.reason()).isEqualTo("startup probe"));
	}

	@Test
	void restartsBackOffExponentiallyFromTenSecondsCappedAtFiveMinutes() throws Exception {
		// Pod Lifecycle: "an exponential back-off delay (10s, 20s, 40s, ...), that is
		// capped at five minutes."
		Kubelet kubelet = new Kubelet(new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true), null, null, null,
				this.clock, 1);
		assertThat(kubelet.backOff(1)).isEqualTo(Duration.ofSeconds(10));
		assertThat(kubelet.backOff(2)).isEqualTo(Duration.ofSeconds(20));
		assertThat(kubelet.backOff(3)).isEqualTo(Duration.ofSeconds(40));
		assertThat(kubelet.backOff(6)).isEqualTo(Duration.ofMinutes(5));
		assertThat(kubelet.backOff(20)).isEqualTo(Duration.ofMinutes(5));
		ScriptedContainer dead = new ScriptedContainer(this.clock, (ms) -> false, (ms) -> false);
		List<Event> events = new Kubelet(dead, null, ProbeSpec.of("/live", true).failureThreshold(1), null, this.clock,
				1)
			.run(Duration.ofSeconds(100));
		// Killed at 0s, restarted at 10s, killed, restarted 20s later at 30s, killed, 40s
		// later at 70s.
		assertThat(events).filteredOn((e) -> e.type() == EventType.STARTED)
			.extracting(Event::at)
			.containsExactly(Duration.ZERO, Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(70));
		assertThat(dead.starts).isEqualTo(4);
		assertThat(dead.kills).isEqualTo(4);
	}

	@Test
	void livenessStartsSuccessfulAndReadinessStartsNotReady() throws Exception {
		// Pod Lifecycle: the readiness state before the initial delay is Failure; the
		// liveness state is Success.
		ScriptedContainer container = new ScriptedContainer(this.clock, (ms) -> true, (ms) -> true);
		List<Event> events = new Kubelet(container, null, ProbeSpec.of("/live", true).initialDelaySeconds(30),
				ProbeSpec.of("/ready", true).initialDelaySeconds(20), this.clock, 1)
			.run(Duration.ofSeconds(25));
		assertThat(events).extracting(Event::type).containsExactly(EventType.STARTED, EventType.READY);
		assertThat(events.get(1).at()).isEqualTo(Duration.ofSeconds(20));
	}

	static final class VirtualClock implements Clock {

		private long now;

		@Override
		public long nowMillis() {
			return this.now;
		}

		@Override
		public void sleepUntil(long millis) {
			this.now = Math.max(this.now, millis);
		}

	}

	/** A container whose probes answer by the time since it started. */
	static final class ScriptedContainer implements Container {

		private final VirtualClock clock;

		private final LongPredicate live;

		private final LongPredicate ready;

		private final List<long[]> probes = new ArrayList<>();

		private final List<String> paths = new ArrayList<>();

		Duration latency = Duration.ZERO;

		int starts;

		int kills;

		private long startedAt;

		ScriptedContainer(VirtualClock clock, LongPredicate live, LongPredicate ready) {
			this.clock = clock;
			this.live = live;
			this.ready = ready;
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
			long sinceStart = this.clock.nowMillis() - this.startedAt;
			this.probes.add(new long[] { this.clock.nowMillis() });
			this.paths.add(probe.path());
			if (this.latency.compareTo(timeout) > 0) {
				return false;
			}
			return probe.path().equals("/ready") ? this.ready.test(sinceStart) : this.live.test(sinceStart);
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
