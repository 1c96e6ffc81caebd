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
 * One second (or one step) of a recorded trace.
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
 * @param latencyMs mean latency of the requests completed in the second
 * @param gcPauseMs time spent in GC pauses per pod in the second
 * @param pods how many pods reported (1 for a recording of one JVM)
 */
public record TraceSample(long second, double targetRps, double completedRps, double cpu, double inFlight,
		double latencyMs, double gcPauseMs, int pods) {

	static final String HEADER = "second,target_rps,completed_rps,cpu,in_flight,latency_ms,gc_pause_ms,pods";

	public TraceSample {
		if (pods < 1) {
			throw new IllegalArgumentException("a sample needs at least one pod, was " + pods);
		}
	}

	/** A sample of one JVM. */
	public TraceSample(long second, double targetRps, double completedRps, double cpu, double inFlight,
			double latencyMs, double gcPauseMs) {
		this(second, targetRps, completedRps, cpu, inFlight, latencyMs, gcPauseMs, 1);
	}

	String csv() {
		return String.format(Locale.ROOT, "%d,%.2f,%.2f,%.4f,%.0f,%.2f,%.2f,%d", this.second, this.targetRps,
				this.completedRps, this.cpu, this.inFlight, this.latencyMs, this.gcPauseMs, this.pods);
	}

}
