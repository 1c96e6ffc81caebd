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

package dev.steadypod.warmup;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

import org.jspecify.annotations.Nullable;

/**
 * The application's start-up as one state: the warm-up phase, the milestones reached,
 * each warm-up task's outcome and whether warm-up ran over its budget. The warm-up runner
 * writes it; the liveness contributors, the metrics and {@code /actuator/warmup} read it.
 * <p>
 * One clock: times are measured with {@link System#nanoTime()} and expressed as time
 * since the JVM started (the {@code RuntimeMXBean} start time, so class loading and
 * context creation count, as they do for the kubelet).
 */
public final class StartupProgress {

	private final Instant jvmStartedAt = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());

	private final long originNanos;

	private final Duration maxDuration;

	// Guards the fields below; listeners are called after it is released.
	private final Object lock = new Object();

	private final Map<StartupMilestone, Duration> milestones = new EnumMap<>(StartupMilestone.class);

	private final List<WarmupTaskOutcome> outcomes = new CopyOnWriteArrayList<>();

	private final List<BiConsumer<StartupMilestone, Duration>> listeners = new CopyOnWriteArrayList<>();

	private volatile WarmupPhase phase = WarmupPhase.STARTING;

	private volatile long webServerStartNanos;

	private volatile long warmupStartNanos;

	private volatile long warmupEndNanos;

	private volatile boolean overBudget;

	private volatile @Nullable String failure;

	/**
	 * Creates the state at the current instant.
	 * @param maxDuration the warm-up budget ({@code steadypod.warmup.max-duration})
	 */
	public StartupProgress(Duration maxDuration) {
		this.maxDuration = maxDuration;
		// Anchor the monotonic clock to the JVM start once.
		long sinceJvmStartNanos = Duration.between(this.jvmStartedAt, Instant.now()).toNanos();
		this.originNanos = System.nanoTime() - sinceJvmStartNanos;
	}

	public WarmupPhase phase() {
		return this.phase;
	}

	public Duration maxDuration() {
		return this.maxDuration;
	}

	public Instant jvmStartedAt() {
		return this.jvmStartedAt;
	}

	/**
	 * Whether warm-up ran over {@code max-duration} and was given up.
	 * @return whether warm-up overran its budget
	 */
	public boolean isOverBudget() {
		return this.overBudget;
	}

	/**
	 * Why start-up was aborted, in phase {@link WarmupPhase#FAILED}.
	 * @return the reason, or {@code null} in any other phase
	 */
	public @Nullable String failure() {
		return this.failure;
	}

	/**
	 * Whether start-up is stuck before warm-up: the web server has been up for longer
	 * than {@code max-duration} and warm-up has not begun (another application runner
	 * hangs). Such a pod never served, so a restart is the cure.
	 * @return whether start-up is stuck
	 */
	public boolean isStuckBeforeWarmup() {
		return this.phase == WarmupPhase.STARTING && this.webServerStartNanos != 0
				&& System.nanoTime() - this.webServerStartNanos > this.maxDuration.toNanos();
	}

	/**
	 * Time spent warming up so far: since warm-up began (before that, since the web
	 * server started), up to the end of warm-up.
	 * @return the elapsed time ({@code ZERO} before the web server started)
	 */
	public Duration elapsed() {
		long start = (this.warmupStartNanos != 0) ? this.warmupStartNanos : this.webServerStartNanos;
		if (start == 0) {
			return Duration.ZERO;
		}
		long end = (this.warmupEndNanos != 0) ? this.warmupEndNanos : System.nanoTime();
		return Duration.ofNanos(end - start);
	}

	/**
	 * The milestones reached so far, as time since the JVM started.
	 * @return the milestones in the order they are reached
	 */
	public Map<StartupMilestone, Duration> milestones() {
		synchronized (this.lock) {
			return new EnumMap<>(this.milestones);
		}
	}

	/**
	 * The time from JVM start to a milestone.
	 * @param milestone the milestone
	 * @return the time, or {@code null} if not reached yet
	 */
	public @Nullable Duration milestone(StartupMilestone milestone) {
		synchronized (this.lock) {
			return this.milestones.get(milestone);
		}
	}

	public List<WarmupTaskOutcome> outcomes() {
		return List.copyOf(this.outcomes);
	}

	/**
	 * Calls the listener for every milestone already reached and for each one reached
	 * later.
	 * @param listener receives the milestone and the time since JVM start
	 */
	public void subscribe(BiConsumer<StartupMilestone, Duration> listener) {
		Map<StartupMilestone, Duration> reached;
		synchronized (this.lock) {
			this.listeners.add(listener);
			reached = new EnumMap<>(this.milestones);
		}
		reached.forEach(listener);
	}

	void webServerStarted() {
		if (record(StartupMilestone.WEB_SERVER_STARTED)) {
			this.webServerStartNanos = System.nanoTime();
		}
	}

	void warmupStarted() {
		this.warmupStartNanos = System.nanoTime();
		this.phase = WarmupPhase.WARMING_UP;
	}

	void taskFinished(WarmupTaskOutcome outcome) {
		this.outcomes.add(outcome);
	}

	void warm(boolean overBudget) {
		this.overBudget = overBudget;
		this.warmupEndNanos = System.nanoTime();
		this.phase = WarmupPhase.WARM;
		record(StartupMilestone.WARM);
	}

	void failed(String reason, boolean overBudget) {
		this.overBudget = overBudget;
		this.failure = reason;
		this.warmupEndNanos = System.nanoTime();
		this.phase = WarmupPhase.FAILED;
	}

	void ready() {
		record(StartupMilestone.READY);
	}

	private boolean record(StartupMilestone milestone) {
		Duration sinceJvmStart = Duration.ofNanos(System.nanoTime() - this.originNanos);
		synchronized (this.lock) {
			if (this.milestones.putIfAbsent(milestone, sinceJvmStart) != null) {
				return false;
			}
		}
		this.listeners.forEach((listener) -> listener.accept(milestone, sinceJvmStart));
		return true;
	}

}
