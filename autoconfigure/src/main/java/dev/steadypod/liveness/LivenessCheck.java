package dev.steadypod.liveness;

import java.util.Map;

/**
 * A check of the process itself, never of its dependencies: if it fails, restarting the
 * pod is the cure. Declare one as a bean; the {@code warmup} health contributor runs
 * every check on each liveness probe, suppresses failures while the application warms up
 * and reports DOWN once it is warm.
 */
public interface LivenessCheck {

	/**
	 * The name under which the check appears in the liveness details.
	 * @return the check's name
	 */
	String name();

	/**
	 * Runs the check. It must be fast: it runs on every liveness probe.
	 * @return the result
	 */
	Result check();

	/**
	 * The result of a check.
	 *
	 * @param healthy whether the process passed
	 * @param reason why it failed, or {@code null}
	 * @param details what an operator needs to act
	 */
	record Result(boolean healthy, String reason, Map<String, Object> details) {

		public static Result healthy(Map<String, Object> details) {
			return new Result(true, null, details);
		}

		public static Result failed(String reason, Map<String, Object> details) {
			return new Result(false, reason, details);
		}

	}

}
