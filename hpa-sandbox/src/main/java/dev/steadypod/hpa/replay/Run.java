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

import java.util.List;

import dev.steadypod.hpa.model.ScaleDecision;

/**
 * One replay, second by second.
 *
 * @param workload the load
 * @param capacityPerPod the load one pod takes within the latency objective
 * @param sloMs the latency objective
 * @param ideal the capacity-ideal replica count in each second, within the HPA's bounds
 * @param replicas the scale target's replica count (what the HPA set) in each second
 * @param ready the pods ready (taking traffic) in each second
 * @param pods the pods running, starting ones included, in each second
 * @param latencyMs the client-side latency of the second: the mean over the ready pods of
 * what the clients waited ({@link PodResponse#clientLatencyMs()}, queueing in front of a
 * saturated pool included), {@code +Infinity} with load and no pod ready, 0 with neither
 * @param syncs every HPA sync, in order
 */
public record Run(Workload workload, double capacityPerPod, double sloMs, int[] ideal, int[] replicas, int[] ready,
		int[] pods, double[] latencyMs, List<ScaleDecision> syncs) {

	public Run {
		syncs = List.copyOf(syncs);
	}

	/** The syncs that changed the replica count. */
	public List<ScaleDecision> rescales() {
		return this.syncs.stream().filter(ScaleDecision::rescaled).toList();
	}

	public int seconds() {
		return this.ideal.length;
	}

}
