package dev.steadypod.warmup;

/**
 * Where an application is on its way to serving traffic at full speed.
 */
public enum WarmupPhase {

	/** The context is starting; warm-up has not begun. */
	STARTING,

	/**
	 * The web server is up and the warm-up tasks are running; readiness refuses traffic.
	 */
	WARMING_UP,

	/** Warm-up is over; liveness checks count from now on. */
	WARM

}
