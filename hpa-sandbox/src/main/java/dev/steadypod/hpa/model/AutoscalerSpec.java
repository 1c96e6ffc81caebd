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
 * The spec of a HorizontalPodAutoscaler.
 *
 * @param minReplicas {@code minReplicas}
 * @param maxReplicas {@code maxReplicas}
 * @param metrics {@code metrics}
 * @param behavior {@code behavior} as written (filled with defaults when given), or
 * {@code null} when absent: the controller then limits scale-up to
 * {@code max(2 × current, 4)} per sync and stabilises scale-down over its own window
 */
public record AutoscalerSpec(int minReplicas, int maxReplicas, List<MetricSpec> metrics, @Nullable Behavior behavior) {

	public AutoscalerSpec {
		metrics = List.copyOf(metrics);
		if (minReplicas > maxReplicas) {
			throw new IllegalArgumentException(
					"minReplicas (" + minReplicas + ") must not be greater than maxReplicas (" + maxReplicas + ")");
		}
		if (metrics.isEmpty()) {
			throw new IllegalArgumentException("an HPA needs at least one metric");
		}
		behavior = (behavior != null) ? behavior.withDefaults() : null;
	}

}
