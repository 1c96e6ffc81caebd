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

package dev.steadypod.hpa.replay;

/**
 * What one pod reports in one second, and what its clients see of it.
 *
 * @param cpu CPU use as {@code process_cpu_usage} reports it, a fraction of
 * {@link SimulationSettings#processors()}
 * @param inFlight requests in flight
 * @param latencyMs mean latency of the second's requests as the server measures it
 * @param gcPauseMs time in GC pauses in the second
 * @param completedRps requests the pod completes in the second: the offered load, or less
 * when the pod is saturated
 * @param clientLatencyMs mean latency of the second's requests as the load generator sees
 * them, queueing in front of the server's thread pool included (the server-side latency
 * for traces without the load generator's view)
 * @param poolBusy busy request threads of the web server, or NaN when the trace has no
 * pool columns
 * @param poolMax the web server's request thread limit, or NaN when the trace has no pool
 * columns
 */
public record PodResponse(double cpu, double inFlight, double latencyMs, double gcPauseMs, double completedRps,
		double clientLatencyMs, double poolBusy, double poolMax) {

	/** The fields in declaration order, for arithmetic over all of them. */
	double[] values() {
		return new double[] { this.cpu, this.inFlight, this.latencyMs, this.gcPauseMs, this.completedRps,
				this.clientLatencyMs, this.poolBusy, this.poolMax };
	}

	/** The response whose fields are {@code values}, in declaration order. */
	static PodResponse of(double[] values) {
		return new PodResponse(values[0], values[1], values[2], values[3], values[4], values[5], values[6], values[7]);
	}

}
