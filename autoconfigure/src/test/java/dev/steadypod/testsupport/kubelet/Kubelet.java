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

/**
 * Runs one container the way the kubelet does, following the probe semantics of the
 * Kubernetes documentation (Configure Liveness, Readiness and Startup Probes; Pod
 * Lifecycle):
 * <ul>
 * <li>no probe runs before {@code initialDelaySeconds} after the container started; then
 * every {@code periodSeconds};</li>
 * <li>a probe without an answer within {@code timeoutSeconds} has failed;</li>
 * <li>a probe's result flips to failed after {@code failureThreshold} consecutive
 * failures and to successful after {@code successThreshold} consecutive successes (which
 * must be 1 for liveness and startup probes);</li>
 * <li>a startup probe, if set, disables the liveness and readiness probes until it
 * succeeds, and then stops; if it fails, the kubelet kills the container;</li>
 * <li>a failed liveness probe kills the container; a failed readiness probe only marks it
 * not ready (readiness starts as not ready, liveness as successful);</li>
 * <li>a killed container is restarted (restartPolicy Always) after a back-off of 10s,
 * doubled each restart and capped at 5 minutes (scaled by {@code backOffScale} to fit a
 * benchmark), reset after 10 minutes of running without a restart.</li>
 * </ul>
 */
public final class Kubelet {

	static final Duration BASE_BACK_OFF = Duration.ofSeconds(10);

	static final Duration MAX_BACK_OFF = Duration.ofMinutes(5);

	static final Duration BACK_OFF_RESET = Duration.ofMinutes(10);

	private final Container container;

	private final ProbeSpec startup;

	private final ProbeSpec liveness;

	private final ProbeSpec readiness;

	private final Clock clock;

	private final double backOffScale;

	private final List<Event> events = new ArrayList<>();

	/**
	 * Creates the kubelet for one container.
	 * @param container the container
	 * @param startup the startup probe, or {@code null}
	 * @param liveness the liveness probe, or {@code null}
	 * @param readiness the readiness probe, or {@code null}
	 * @param clock the clock
	 * @param backOffScale factor on the restart back-off (1 = the kubelet's)
	 */
	public Kubelet(Container container, ProbeSpec startup, ProbeSpec liveness, ProbeSpec readiness, Clock clock,
			double backOffScale) {
		if ((startup != null && startup.successThreshold() != 1)
				|| (liveness != null && liveness.successThreshold() != 1)) {
			throw new IllegalArgumentException("successThreshold must be 1 for liveness and startup probes");
		}
		this.container = container;
		this.startup = startup;
		this.liveness = liveness;
		this.readiness = readiness;
		this.clock = clock;
		this.backOffScale = backOffScale;
	}

	/**
	 * Runs the container until the given time has passed since the first start.
	 * @param horizon how long to run
	 * @return what happened
	 * @throws InterruptedException if interrupted
	 */
	public List<Event> run(Duration horizon) throws InterruptedException {
		long origin = this.clock.nowMillis();
		long end = origin + horizon.toMillis();
		int restarts = 0;
		long lastRestartAt = origin;
		long startAt = origin;
		while (startAt < end) {
			this.clock.sleepUntil(startAt);
			this.container.start();
			record(EventType.STARTED, startAt - origin, restarts);
			String killedBy = runContainer(startAt, end, origin, restarts);
			this.container.kill();
			if (killedBy == null) {
				break;
			}
			long now = this.clock.nowMillis();
			if (now - lastRestartAt >= BACK_OFF_RESET.toMillis()) {
				restarts = 0;
			}
			restarts++;
			lastRestartAt = now;
			record(EventType.RESTARTED, now - origin, restarts, killedBy);
			startAt = now + backOff(restarts).toMillis();
		}
		return List.copyOf(this.events);
	}

	Duration backOff(int restart) {
		long seconds = BASE_BACK_OFF.toSeconds() << Math.min(restart - 1, 10);
		Duration backOff = Duration.ofSeconds(Math.min(seconds, MAX_BACK_OFF.toSeconds()));
		return Duration.ofMillis((long) (backOff.toMillis() * this.backOffScale));
	}

	/** Probes one running container; answers what killed it, or null at the horizon. */
	private String runContainer(long startedAt, long end, long origin, int restarts) throws InterruptedException {
		ProbeState startupState = (this.startup != null) ? new ProbeState(this.startup, startedAt, false) : null;
		ProbeState livenessState = (this.liveness != null) ? new ProbeState(this.liveness, startedAt, true) : null;
		ProbeState readinessState = (this.readiness != null) ? new ProbeState(this.readiness, startedAt, false) : null;
		boolean started = startupState == null;
		boolean ready = false;
		while (true) {
			long next = Long.MAX_VALUE;
			for (ProbeState state : new ProbeState[] { started ? null : startupState, started ? livenessState : null,
					started ? readinessState : null }) {
				if (state != null) {
					next = Math.min(next, state.nextAt);
				}
			}
			if (next == Long.MAX_VALUE || next >= end) {
				this.clock.sleepUntil(end);
				return null;
			}
			this.clock.sleepUntil(next);
			if (!started && startupState.nextAt <= next) {
				startupState.observe(probe(this.startup));
				if (startupState.succeeded()) {
					started = true;
					record(EventType.STARTUP_SUCCEEDED, this.clock.nowMillis() - origin, restarts);
					// Liveness and readiness begin now, or at their initial delay if
					// later.
					long now = this.clock.nowMillis();
					for (ProbeState state : new ProbeState[] { livenessState, readinessState }) {
						if (state != null) {
							state.nextAt = Math.max(state.nextAt, now);
						}
					}
				}
				else if (startupState.failed()) {
					return "startup probe";
				}
				continue;
			}
			if (started && livenessState != null && livenessState.nextAt <= next) {
				livenessState.observe(probe(this.liveness));
				if (livenessState.failed()) {
					return "liveness probe";
				}
			}
			if (started && readinessState != null && readinessState.nextAt <= next) {
				readinessState.observe(probe(this.readiness));
				if (readinessState.succeeded() != ready) {
					ready = readinessState.succeeded();
					record(ready ? EventType.READY : EventType.NOT_READY, this.clock.nowMillis() - origin, restarts);
				}
			}
		}
	}

	private boolean probe(ProbeSpec spec) {
		return this.container.probe(spec, spec.timeout());
	}

	private void record(EventType type, long atMillis, int restarts) {
		record(type, atMillis, restarts, null);
	}

	private void record(EventType type, long atMillis, int restarts, String reason) {
		this.events.add(new Event(type, Duration.ofMillis(atMillis), restarts, reason));
	}

	/** What happened to the container. */
	public enum EventType {

		/** The container (re)started. */
		STARTED,

		/** The startup probe succeeded; liveness and readiness probes begin. */
		STARTUP_SUCCEEDED,

		/** The readiness probe's result turned successful. */
		READY,

		/** The readiness probe's result turned failed. */
		NOT_READY,

		/** The kubelet killed the container and will start it again. */
		RESTARTED

	}

	/**
	 * One event.
	 *
	 * @param type what happened
	 * @param at when, since the first start
	 * @param restarts the restart count at that time
	 * @param reason which probe killed the container, for a restart
	 */
	public record Event(EventType type, Duration at, int restarts, String reason) {

	}

	/** A probe's consecutive counts and result. */
	private static final class ProbeState {

		private final ProbeSpec spec;

		private long nextAt;

		private int successes;

		private int failures;

		private boolean result;

		private boolean failedOut;

		ProbeState(ProbeSpec spec, long containerStart, boolean initialResult) {
			this.spec = spec;
			this.nextAt = containerStart + spec.initialDelaySeconds() * 1000L;
			this.result = initialResult;
		}

		void observe(boolean success) {
			this.nextAt += this.spec.periodSeconds() * 1000L;
			if (success) {
				this.successes++;
				this.failures = 0;
				if (this.successes >= this.spec.successThreshold()) {
					this.result = true;
				}
			}
			else {
				this.failures++;
				this.successes = 0;
				if (this.failures >= this.spec.failureThreshold()) {
					this.result = false;
					this.failedOut = true;
				}
			}
		}

		boolean succeeded() {
			return this.result;
		}

		boolean failed() {
			return this.failedOut && !this.result;
		}

	}

}
