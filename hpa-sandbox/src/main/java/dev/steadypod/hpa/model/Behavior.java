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

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * {@code spec.behavior} of an autoscaling/v2 HorizontalPodAutoscaler.
 *
 * @param scaleUp the scale-up rules, or {@code null} for the defaults
 * @param scaleDown the scale-down rules, or {@code null} for the defaults
 */
public record Behavior(@Nullable ScalingRules scaleUp, @Nullable ScalingRules scaleDown) {

	/** Scale up by 4 pods or 100% per 15 s, whichever is more, at once. */
	public static final ScalingRules DEFAULT_SCALE_UP = new ScalingRules(0, SelectPolicy.MAX, List
		.of(new ScalingPolicy(ScalingPolicy.Type.PODS, 4, 15), new ScalingPolicy(ScalingPolicy.Type.PERCENT, 100, 15)));

	/**
	 * Scale down by up to 100% per 15 s; the stabilisation window stays unset and the
	 * controller uses its own (5 minutes by default).
	 */
	public static final ScalingRules DEFAULT_SCALE_DOWN = new ScalingRules(null, SelectPolicy.MAX,
			List.of(new ScalingPolicy(ScalingPolicy.Type.PERCENT, 100, 15)));

	/**
	 * Fills unset fields as the API server does when a behavior is given
	 * ({@code GenerateHPAScaleUpRules}, {@code GenerateHPAScaleDownRules}).
	 * @return the behavior with every field set except the scale-down window
	 */
	public Behavior withDefaults() {
		return new Behavior(fill(this.scaleUp, DEFAULT_SCALE_UP), fill(this.scaleDown, DEFAULT_SCALE_DOWN));
	}

	private static ScalingRules fill(@Nullable ScalingRules rules, ScalingRules defaults) {
		if (rules == null) {
			return defaults;
		}
		return new ScalingRules(
				(rules.stabilizationWindowSeconds() != null) ? rules.stabilizationWindowSeconds()
						: defaults.stabilizationWindowSeconds(),
				(rules.selectPolicy() != null) ? rules.selectPolicy() : defaults.selectPolicy(),
				(rules.policies() != null) ? rules.policies() : defaults.policies(), rules.tolerance());
	}

}
