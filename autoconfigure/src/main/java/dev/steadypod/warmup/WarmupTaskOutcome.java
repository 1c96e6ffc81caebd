package dev.steadypod.warmup;

import java.time.Duration;

/**
 * How one warm-up task ended.
 *
 * @param name the task's name
 * @param status how it ended
 * @param duration how long it ran (until Steadypod stopped waiting, for a timeout)
 * @param error what went wrong, or {@code null}
 */
public record WarmupTaskOutcome(String name, Status status, Duration duration, String error) {

	/** How a task ended. */
	public enum Status {

		/** The task finished without an exception. */
		SUCCEEDED,

		/** The task threw. */
		FAILED,

		/**
		 * The task's own timeout or the total budget ran out; its thread was interrupted.
		 */
		TIMED_OUT

	}

	public boolean succeeded() {
		return this.status == Status.SUCCEEDED;
	}

}
