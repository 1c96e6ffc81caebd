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
import java.util.Collections;
import java.util.List;

/**
 * Runs one container the way the kubelet does, following the Kubernetes documentation
 * (Configure Liveness, Readiness and Startup Probes; Pod Lifecycle) and, where the
 * documentation is silent on timing, the kubelet's prober workers:
 * <ul>
 * <li>each probe has its own worker thread, so a slow liveness probe does not delay the
 * readiness probe (the kubelet starts one worker per probe of a container);</li>
 * <li>a worker ticks every {@code periodSeconds} from the moment the pod was admitted and
 * keeps that rhythm across container restarts; at a tick it probes only a running
 * container that has run longer than {@code initialDelaySeconds}. The worker is created
 * before the runtime starts the container, so its first tick finds no running container
 * and a tick exactly {@code initialDelaySeconds} after admission comes a moment too
 * early: the first probe runs one period after the initial delay;</li>
 * <li>a probe without an answer within {@code timeoutSeconds} has failed;</li>
 * <li>a probe's result flips to failed after {@code failureThreshold} consecutive
 * failures and to successful after {@code successThreshold} consecutive successes (which
 * must be 1 for liveness and startup probes); a new container starts the counts
 * over;</li>
 * <li>a startup probe, if set, holds back the liveness and readiness probes until it
 * succeeds (they probe from their first tick after that), and then stops; if it fails,
 * the kubelet kills the container;</li>
 * <li>a failed liveness probe kills the container; a failed readiness probe only marks it
 * not ready (readiness starts as not ready, liveness as successful), and a killed
 * container is not ready;</li>
 * <li>a killed container is started again (restartPolicy Always) as
 * {@link RestartBackOff} decides.</li>
 * </ul>
 */
public final class Kubelet {

	private final Container container;

	private final ProbeSpec startup;

	private final ProbeSpec liveness;

	private final ProbeSpec readiness;

	private final Clock clock;

	private final RestartBackOff backOff;

	/** Guards the pod's state below, which every worker reads and changes. */
	private final Object lock = new Object();

	private final List<Event> events = new ArrayList<>();

	private long origin;

	private long end;

	/** Which container instance runs (a new one per start). */
	private int generation;

	private boolean running;

	private long startedAt;

	/** When the startup probe succeeded for this container; MAX_VALUE before. */
	private long startupSucceededAt;

	private boolean ready;

	private int restarts;

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
		this.backOff = new RestartBackOff(backOffScale);
	}

	/**
	 * Runs the container until the given time has passed since the first start.
	 * @param horizon how long to run
	 * @return what happened
	 * @throws InterruptedException if interrupted
	 */
	public List<Event> run(Duration horizon) throws InterruptedException {
		this.origin = this.clock.nowMillis();
		this.end = this.origin + horizon.toMillis();
		start(this.origin);
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		List<Thread> workers = new ArrayList<>();
		for (Worker worker : workers()) {
			Thread thread = new Thread(() -> {
				try {
					this.clock.enter();
					worker.run();
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
				finally {
					this.clock.leave();
				}
			}, "kubelet-" + worker.kind.name().toLowerCase());
			thread.setDaemon(true);
			this.clock.register(thread);
			workers.add(thread);
		}
		workers.forEach(Thread::start);
		this.clock.sleepUntil(this.end);
		// Let a probe still in flight at the horizon finish, then stop.
		this.clock.leave();
		for (Thread worker : workers) {
			worker.join();
		}
		boolean stillRunning;
		synchronized (this.lock) {
			stillRunning = this.running;
			this.running = false;
		}
		if (stillRunning) {
			this.container.kill();
		}
		if (!failures.isEmpty()) {
			IllegalStateException failure = new IllegalStateException("A probe worker failed", failures.get(0));
			failures.stream().skip(1).forEach(failure::addSuppressed);
			throw failure;
		}
		synchronized (this.lock) {
			return List.copyOf(this.events);
		}
	}

	private List<Worker> workers() {
		List<Worker> workers = new ArrayList<>();
		if (this.startup != null) {
			workers.add(new Worker(Kind.STARTUP, this.startup));
		}
		if (this.liveness != null) {
			workers.add(new Worker(Kind.LIVENESS, this.liveness));
		}
		if (this.readiness != null) {
			workers.add(new Worker(Kind.READINESS, this.readiness));
		}
		return workers;
	}

	private void start(long at) {
		this.container.start();
		synchronized (this.lock) {
			this.generation++;
			this.running = true;
			this.startedAt = at;
			this.startupSucceededAt = (this.startup != null) ? Long.MAX_VALUE : at;
			this.ready = false;
			record(EventType.STARTED, at, null);
		}
	}

	/** Kills the container; answers when the next one starts. */
	private long kill(String reason) {
		boolean wasReady;
		synchronized (this.lock) {
			wasReady = this.ready;
			this.running = false;
			this.ready = false;
			long now = this.clock.nowMillis();
			if (wasReady) {
				record(EventType.NOT_READY, now, null);
			}
			this.restarts++;
			record(EventType.RESTARTED, now, reason);
		}
		if (wasReady) {
			this.container.readinessChanged(false);
		}
		this.container.kill();
		return this.backOff.restartAt(this.clock.nowMillis());
	}

	private void record(EventType type, long atMillis, String reason) {
		this.events.add(new Event(type, Duration.ofMillis(atMillis - this.origin), this.restarts, reason));
	}

	/** The kinds of probe, each with its own worker. */
	private enum Kind {

		STARTUP, LIVENESS, READINESS

	}

	/** One probe's worker: its ticks, consecutive counts and result. */
	private final class Worker {

		private final Kind kind;

		private final ProbeSpec spec;

		private final long periodMillis;

		private int generation;

		private int successes;

		private int failures;

		Worker(Kind kind, ProbeSpec spec) {
			this.kind = kind;
			this.spec = spec;
			this.periodMillis = spec.periodSeconds() * 1000L;
		}

		void run() throws InterruptedException {
			Kubelet kubelet = Kubelet.this;
			// The tick at admission finds no running container yet.
			long tick = kubelet.origin;
			while (true) {
				tick += this.periodMillis;
				if (tick >= kubelet.end) {
					return;
				}
				kubelet.clock.sleepUntil(tick);
				int target = target(tick);
				if (target == 0) {
					continue;
				}
				boolean success = kubelet.container.probe(this.spec, this.spec.timeout());
				if (kubelet.clock.nowMillis() >= kubelet.end) {
					return;
				}
				String killedBy = observe(target, success);
				if (killedBy != null) {
					long restartAt = kubelet.kill(killedBy);
					if (restartAt >= kubelet.end) {
						return;
					}
					kubelet.clock.sleepUntil(restartAt);
					kubelet.start(restartAt);
					// Back on this worker's rhythm: the next tick after the restart.
					tick = kubelet.origin + (restartAt - kubelet.origin) / this.periodMillis * this.periodMillis;
				}
			}
		}

		/** The container to probe at this tick, or 0 when this tick does not probe. */
		private int target(long tick) {
			Kubelet kubelet = Kubelet.this;
			synchronized (kubelet.lock) {
				if (!kubelet.running || tick - kubelet.startedAt <= this.spec.initialDelaySeconds() * 1000L) {
					return 0;
				}
				// A startup success at this very tick is not seen yet (the kubelet learns
				// it
				// through the pod status).
				boolean started = kubelet.startupSucceededAt < tick;
				if ((this.kind == Kind.STARTUP) == started) {
					return 0;
				}
				if (this.generation != kubelet.generation) {
					this.generation = kubelet.generation;
					this.successes = 0;
					this.failures = 0;
				}
				return this.generation;
			}
		}

		/**
		 * Applies a probe's outcome; answers what kills the container, if it must die.
		 */
		private String observe(int target, boolean success) {
			Kubelet kubelet = Kubelet.this;
			Boolean readinessNow = null;
			synchronized (kubelet.lock) {
				if (!kubelet.running || kubelet.generation != target) {
					return null;
				}
				if (success) {
					this.successes++;
					this.failures = 0;
				}
				else {
					this.failures++;
					this.successes = 0;
				}
				long now = kubelet.clock.nowMillis();
				switch (this.kind) {
					case STARTUP -> {
						if (success) {
							kubelet.startupSucceededAt = now;
							kubelet.record(EventType.STARTUP_SUCCEEDED, now, null);
						}
						else if (this.failures >= this.spec.failureThreshold()) {
							return "startup probe";
						}
					}
					case LIVENESS -> {
						if (this.failures >= this.spec.failureThreshold()) {
							return "liveness probe";
						}
					}
					case READINESS -> {
						boolean result = kubelet.ready;
						if (this.successes >= this.spec.successThreshold()) {
							result = true;
						}
						else if (this.failures >= this.spec.failureThreshold()) {
							result = false;
						}
						if (result != kubelet.ready) {
							kubelet.ready = result;
							kubelet.record(result ? EventType.READY : EventType.NOT_READY, now, null);
							readinessNow = result;
						}
					}
				}
			}
			if (readinessNow != null) {
				kubelet.container.readinessChanged(readinessNow);
			}
			return null;
		}

	}

	/** What happened to the container. */
	public enum EventType {

		/** The container (re)started. */
		STARTED,

		/** The startup probe succeeded; liveness and readiness probes begin. */
		STARTUP_SUCCEEDED,

		/** The readiness probe's result turned successful: the pod receives traffic. */
		READY,

		/**
		 * The readiness probe's result turned failed, or the container was killed while
		 * ready: the pod receives no traffic.
		 */
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

}
