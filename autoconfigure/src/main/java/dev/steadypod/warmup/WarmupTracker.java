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

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The warm-up's state, shared by the runner that drives it, the liveness contributor that
 * is lenient while it lasts, and the {@code warmup} endpoint that shows it.
 */
public class WarmupTracker {

	private final Duration maxDuration;

	private volatile long webServerStartNanos;

	private final List<WarmupTaskOutcome> outcomes = new CopyOnWriteArrayList<>();

	private volatile WarmupPhase phase = WarmupPhase.STARTING;

	private volatile long warmupStartNanos;

	private volatile long warmupEndNanos;

	private volatile boolean budgetExhausted;

	public WarmupTracker(Duration maxDuration) {
		this.maxDuration = maxDuration;
	}

	public WarmupPhase phase() {
		return this.phase;
	}

	public Duration maxDuration() {
		return this.maxDuration;
	}

	/**
	 * Starts the clock for the STARTING phase: from here on, {@code max-duration} applies
	 * even if warm-up itself never begins (e.g. another runner hangs).
	 */
	public void webServerStarted() {
		if (this.webServerStartNanos == 0) {
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

	void budgetExhausted() {
		this.budgetExhausted = true;
	}

	void warm() {
		this.warmupEndNanos = System.nanoTime();
		this.phase = WarmupPhase.WARM;
	}

	/**
	 * Time spent so far: since warm-up began (or, before that, since the web server
	 * started), up to the moment the application became warm.
	 * @return the elapsed time ({@code ZERO} before the web server started)
	 */
	public Duration elapsed() {
		long start = (this.warmupStartNanos != 0) ? this.warmupStartNanos : this.webServerStartNanos;
		if (start == 0) {
			return Duration.ZERO;
		}
		long end = (this.phase == WarmupPhase.WARM) ? this.warmupEndNanos : System.nanoTime();
		return Duration.ofNanos(end - start);
	}

	/**
	 * Whether the application is still not warm after {@code max-duration}: leniency is
	 * over.
	 * @return {@code true} if the budget is used up without reaching
	 * {@link WarmupPhase#WARM}
	 */
	public boolean isOverBudget() {
		if (this.phase == WarmupPhase.WARM) {
			return false;
		}
		return this.budgetExhausted || elapsed().compareTo(this.maxDuration) > 0;
	}

	/**
	 * Warm-up time, once the application is warm.
	 * @return how long warm-up took, or {@code null} before it ended
	 */
	public Duration warmupDuration() {
		if (this.phase != WarmupPhase.WARM || this.warmupStartNanos == 0) {
			return null;
		}
		return Duration.ofNanos(this.warmupEndNanos - this.warmupStartNanos);
	}

	public List<WarmupTaskOutcome> outcomes() {
		return List.copyOf(this.outcomes);
	}

}
