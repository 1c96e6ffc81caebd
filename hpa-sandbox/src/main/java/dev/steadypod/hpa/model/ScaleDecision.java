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

import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of one sync.
 *
 * @param time when the controller ran
 * @param currentReplicas the scale target's replicas before
 * @param metricReplicas the highest count the metrics asked for (before stabilisation and
 * limits), or -1 when no metric could be read
 * @param desiredReplicas the count the controller set
 * @param reason why it differs from the metrics' ask: the {@code ScalingLimited} reason
 * ({@code DesiredWithinRange}, {@code ScaleUpLimit}, {@code TooManyReplicas}, ...), or
 * {@code ScaleUpStabilized}/{@code ScaleDownStabilized}, {@code ScalingDisabled},
 * {@code FailedGetMetrics}
 * @param proposals what each readable metric asked for, in spec order
 * @param error the first metric error, if any
 */
public record ScaleDecision(Instant time, int currentReplicas, int metricReplicas, int desiredReplicas, String reason,
		List<ReplicaProposal> proposals, @Nullable String error) {

	public ScaleDecision {
		proposals = List.copyOf(proposals);
	}

	/** Whether the controller changed the replica count. */
	public boolean rescaled() {
		return this.desiredReplicas != this.currentReplicas;
	}

}
