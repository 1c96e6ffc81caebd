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
 * What the controller reads of a pod selected by the scale target.
 *
 * @param name the pod name
 * @param phase its phase
 * @param deleting whether it carries a deletion timestamp
 * @param startTime {@code status.startTime}, if set
 * @param readyCondition its {@code Ready} condition, if any
 * @param containers its containers
 */
public record Pod(String name, PodPhase phase, boolean deleting, @Nullable Instant startTime,
		@Nullable ReadyCondition readyCondition, List<Container> containers) {

	public Pod {
		containers = List.copyOf(containers);
	}

	/** Running with a {@code Ready=True} condition, as {@code podutil.IsPodReady}. */
	public boolean isRunningAndReady() {
		return this.phase == PodPhase.RUNNING && this.readyCondition != null
				&& this.readyCondition.status() == ConditionStatus.TRUE;
	}

}
