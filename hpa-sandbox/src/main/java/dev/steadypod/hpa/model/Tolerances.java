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

/**
 * How far the usage ratio may stray from 1.0 before the controller changes the replica
 * count ({@code --horizontal-pod-autoscaler-tolerance}, 0.1 by default, or the
 * per-direction {@code behavior.scaleUp/scaleDown.tolerance}).
 *
 * @param scaleDown tolerated shortfall below 1.0
 * @param scaleUp tolerated excess above 1.0
 */
public record Tolerances(double scaleDown, double scaleUp) {

	/** The controller's default of 10% either way. */
	public static final Tolerances DEFAULT = new Tolerances(0.1, 0.1);

	boolean isWithin(double usageRatio) {
		return (1.0 - this.scaleDown) <= usageRatio && usageRatio <= (1.0 + this.scaleUp);
	}

}
