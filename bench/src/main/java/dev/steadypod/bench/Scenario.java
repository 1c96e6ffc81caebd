package dev.steadypod.bench;

/**
 * One benchmark scenario: measures Steadypod and its comparison in the same run.
 */
interface Scenario {

	/** Short id used to select scenarios on the command line. */
	String id();

	void run(BenchContext context, Report report) throws Exception;

}
