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

import org.jspecify.annotations.Nullable;

/**
 * How one warm-up task ended.
 *
 * @param name the task's name
 * @param status how it ended
 * @param duration how long it ran (until Steadypod stopped waiting, for a timeout)
 * @param error what went wrong, or {@code null}
 */
public record WarmupTaskOutcome(String name, Status status, Duration duration, @Nullable String error) {

	/** How a task ended. */
	public enum Status {

		/** The task finished without an exception. */
		SUCCEEDED,

		/** The task threw. */
		FAILED,

		/**
		 * The task's own timeout or the total budget ran out (its thread was
		 * interrupted), or the budget was used up before its stage began.
		 */
		TIMED_OUT

	}

	public boolean succeeded() {
		return this.status == Status.SUCCEEDED;
	}

}
