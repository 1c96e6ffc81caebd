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
 * {@code behavior.scaleUp} or {@code behavior.scaleDown}; unset fields are {@code null}
 * and take the API's defaults through {@link Behavior#withDefaults()}.
 *
 * @param stabilizationWindowSeconds how far back recommendations count
 * @param selectPolicy which policy wins
 * @param policies the rate limits
 * @param tolerance this direction's tolerance (the {@code tolerance} field of Kubernetes
 * 1.33+, honoured only with {@link ControllerSettings#configurableTolerance()}), or
 * {@code null} for the controller's
 */
public record ScalingRules(@Nullable Integer stabilizationWindowSeconds, @Nullable SelectPolicy selectPolicy,
		@Nullable List<ScalingPolicy> policies, @Nullable Double tolerance) {

	public ScalingRules {
		policies = (policies != null) ? List.copyOf(policies) : null;
	}

	public ScalingRules(@Nullable Integer stabilizationWindowSeconds, @Nullable SelectPolicy selectPolicy,
			@Nullable List<ScalingPolicy> policies) {
		this(stabilizationWindowSeconds, selectPolicy, policies, null);
	}

	int window() {
		return (this.stabilizationWindowSeconds != null) ? this.stabilizationWindowSeconds : 0;
	}

	SelectPolicy select() {
		return (this.selectPolicy != null) ? this.selectPolicy : SelectPolicy.MAX;
	}

	List<ScalingPolicy> policyList() {
		return (this.policies != null) ? this.policies : List.of();
	}

	int longestPeriodSeconds() {
		return policyList().stream().mapToInt(ScalingPolicy::periodSeconds).max().orElse(0);
	}

}
