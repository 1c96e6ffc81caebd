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

package dev.steadypod.hpa.record;

import java.util.Locale;

/**
 * One second (or one step) of a recorded trace: what the app's metrics said, and what the
 * load generator saw.
 *
 * @param second seconds since the recording started
 * @param targetRps the rate the load asked for (the completed rate when the trace does
 * not know it, e.g. one read from Prometheus)
 * @param completedRps requests the app completed per second, over all its pods
 * @param cpu CPU use per pod as {@code process_cpu_usage} reports it: a share of all the
 * machine's processors, not only those the JVM may use ({@code process_cpu_usage},
 * averaged over the pods)
 * @param inFlight requests in flight at the scrape, over all pods
 * ({@code http_server_requests_active_seconds_count})
 * @param latencyMs mean latency of the requests completed in the second, as the server
 * measured it (from the request reaching the servlet to the response)
 * @param gcPauseMs time spent in GC pauses per pod in the second
 * @param pods how many pods reported (1 for a recording of one JVM)
 * @param clientLatencyMs mean latency of the requests answered in the second as the load
 * generator saw it (from sending to the response, so queueing in front of the server's
 * thread pool counts), or NaN when the trace does not know it
 * @param outstanding requests the load generator had sent and not yet seen answered at
 * the end of the second, or NaN when unknown
 * @param poolBusy busy request threads of the web server, over all pods
 * ({@code tomcat_threads_busy_threads}), or NaN when not exported
 * @param poolMax the web server's request thread limit, over all pods
 * ({@code tomcat_threads_config_max_threads}), or NaN when not exported
 * @param throttledMs time the pod's cgroup was throttled by its CPU quota in the second
 * ({@code throttled_time} of {@code cpu.stat}), or NaN when not read
 */
public record TraceSample(long second, double targetRps, double completedRps, double cpu, double inFlight,
		double latencyMs, double gcPauseMs, int pods, double clientLatencyMs, double outstanding, double poolBusy,
		double poolMax, double throttledMs) {

	/** The columns every trace has, in the order {@code record} writes them. */
	static final String BASE_HEADER = "second,target_rps,completed_rps,cpu,in_flight,latency_ms,gc_pause_ms,pods";

	/** The columns {@code record} writes: the base ones, then the optional ones. */
	static final String HEADER = BASE_HEADER + ",client_latency_ms,outstanding,pool_busy,pool_max,throttled_ms";

	public TraceSample {
		if (pods < 1) {
			throw new IllegalArgumentException("a sample needs at least one pod, was " + pods);
		}
	}

	/** A sample of what the app's metrics said, without the load generator's view. */
	public TraceSample(long second, double targetRps, double completedRps, double cpu, double inFlight,
			double latencyMs, double gcPauseMs, int pods) {
		this(second, targetRps, completedRps, cpu, inFlight, latencyMs, gcPauseMs, pods, Double.NaN, Double.NaN,
				Double.NaN, Double.NaN, Double.NaN);
	}

	/** A sample of one JVM. */
	public TraceSample(long second, double targetRps, double completedRps, double cpu, double inFlight,
			double latencyMs, double gcPauseMs) {
		this(second, targetRps, completedRps, cpu, inFlight, latencyMs, gcPauseMs, 1);
	}

	/**
	 * The mean number of requests in flight over the second by Little's law: completed
	 * requests per second times their mean latency in seconds, which is what
	 * {@code rate(http_server_requests_seconds_sum[...])} measures.
	 */
	public double littleConcurrency() {
		return this.completedRps * this.latencyMs / 1000;
	}

	/** Whether the load generator's view (client latency, outstanding) was recorded. */
	public boolean hasClientView() {
		return !Double.isNaN(this.clientLatencyMs);
	}

	/** Whether the web server's thread pool was recorded. */
	public boolean hasPool() {
		return !Double.isNaN(this.poolBusy) && !Double.isNaN(this.poolMax) && this.poolMax > 0;
	}

	String csv() {
		return String.format(Locale.ROOT, "%d,%.2f,%.2f,%.4f,%.0f,%.2f,%.2f,%d,%s,%s,%s,%s,%s", this.second,
				this.targetRps, this.completedRps, this.cpu, this.inFlight, this.latencyMs, this.gcPauseMs, this.pods,
				optional(this.clientLatencyMs, "%.2f"), optional(this.outstanding, "%.0f"),
				optional(this.poolBusy, "%.0f"), optional(this.poolMax, "%.0f"), optional(this.throttledMs, "%.2f"));
	}

	private static String optional(double value, String format) {
		return Double.isNaN(value) ? "" : String.format(Locale.ROOT, format, value);
	}

}
