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
 * What one pod reports in one second.
 *
 * @param cpu CPU use as {@code process_cpu_usage} reports it, a fraction of
 * {@link SimulationSettings#processors()}
 * @param inFlight requests in flight
 * @param latencyMs mean latency of the second's requests
 * @param gcPauseMs time in GC pauses in the second
 */
public record PodResponse(double cpu, double inFlight, double latencyMs, double gcPauseMs) {

}
