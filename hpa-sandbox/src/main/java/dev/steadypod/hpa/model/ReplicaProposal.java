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

package dev.steadypod.hpa.model;

import java.util.OptionalInt;

/**
 * What one metric asks for.
 *
 * @param replicas the proposed replica count
 * @param usageMilli the current value the controller reports in the HPA status (average
 * per pod, or the object's value), in milli-units
 * @param utilization the utilisation in percent of the request, for utilisation targets
 */
public record ReplicaProposal(int replicas, long usageMilli, OptionalInt utilization) {

	static ReplicaProposal plain(int replicas, long usageMilli) {
		return new ReplicaProposal(replicas, usageMilli, OptionalInt.empty());
	}

}
