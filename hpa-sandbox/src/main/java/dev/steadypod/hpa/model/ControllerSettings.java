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

import java.time.Duration;

/**
 * The kube-controller-manager flags that shape the HPA controller.
 *
 * @param syncPeriod {@code --horizontal-pod-autoscaler-sync-period} (15 s)
 * @param tolerances {@code --horizontal-pod-autoscaler-tolerance} (0.1)
 * @param cpuInitializationPeriod
 * {@code --horizontal-pod-autoscaler-cpu-initialization-period} (5 min)
 * @param initialReadinessDelay
 * {@code --horizontal-pod-autoscaler-initial-readiness-delay} (30 s)
 * @param downscaleStabilizationWindow
 * {@code --horizontal-pod-autoscaler-downscale-stabilization} (5 min)
 * @param configurableTolerance the {@code HPAConfigurableTolerance} feature gate: when
 * on, an HPA's {@code behavior.scaleUp/scaleDown.tolerance} replaces {@code tolerances}
 * in its direction; when off, the controller uses {@code tolerances} for every HPA (and
 * an API server with the gate off drops the field when the HPA is created). Alpha and off
 * by default in Kubernetes 1.33 and 1.34, beta and on by default from 1.35.
 */
public record ControllerSettings(Duration syncPeriod, Tolerances tolerances, Duration cpuInitializationPeriod,
		Duration initialReadinessDelay, Duration downscaleStabilizationWindow, boolean configurableTolerance) {

	/**
	 * The flags' defaults, with the {@code HPAConfigurableTolerance} gate on as in
	 * Kubernetes 1.35.
	 */
	public static final ControllerSettings DEFAULTS = new ControllerSettings(Duration.ofSeconds(15), Tolerances.DEFAULT,
			Duration.ofMinutes(5), Duration.ofSeconds(30), Duration.ofMinutes(5), true);

	/**
	 * The same settings with the {@code HPAConfigurableTolerance} gate set.
	 * @param enabled whether per-HPA tolerances apply
	 * @return the settings with the gate on or off
	 */
	public ControllerSettings withConfigurableTolerance(boolean enabled) {
		return new ControllerSettings(this.syncPeriod, this.tolerances, this.cpuInitializationPeriod,
				this.initialReadinessDelay, this.downscaleStabilizationWindow, enabled);
	}

}
