package dev.steadypod.warmup;

import java.time.Duration;
import java.util.Optional;

/**
 * Work an application wants done after its web server is up and before it accepts
 * traffic, for example loading a cache or priming a connection pool. Declare it as a
 * bean; Steadypod runs every task in parallel while readiness stays
 * {@code REFUSING_TRAFFIC}.
 */
public interface WarmupTask {

	/**
	 * The name shown in {@code /actuator/warmup} and in the logs.
	 * @return the task's name
	 */
	default String name() {
		return getClass().getSimpleName();
	}

	/**
	 * Does the work. An exception marks the task as failed; the task's thread is
	 * interrupted when its timeout or the warm-up budget runs out.
	 * @throws Exception if the work fails
	 */
	void run() throws Exception;

	/**
	 * How long this task may take. Empty means only the total budget
	 * ({@code steadypod.warmup.max-duration}) applies.
	 * @return the task's own timeout, if any
	 */
	default Optional<Duration> timeout() {
		return Optional.empty();
	}

}
