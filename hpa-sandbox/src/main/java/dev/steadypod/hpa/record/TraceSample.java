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

/**
 * One second of a recorded trace.
 *
 * @param second seconds since the recording started
 * @param targetRps the rate the load asked for
 * @param completedRps requests the app completed in the second (from its request timer)
 * @param cpu the JVM's CPU use as a fraction of its available processors
 * ({@code process_cpu_usage})
 * @param inFlight requests in flight at the scrape
 * ({@code http_server_requests_active_seconds_count})
 * @param latencyMs mean latency of the requests completed in the second
 * @param gcPauseMs time spent in GC pauses in the second
 */
public record TraceSample(long second, double targetRps, double completedRps, double cpu, double inFlight,
		double latencyMs, double gcPauseMs) {

	static final String HEADER = "second,target_rps,completed_rps,cpu,in_flight,latency_ms,gc_pause_ms";

	String csv() {
		return String.format(java.util.Locale.ROOT, "%d,%.2f,%.2f,%.4f,%.0f,%.2f,%.2f", this.second, this.targetRps,
				this.completedRps, this.cpu, this.inFlight, this.latencyMs, this.gcPauseMs);
	}

}
