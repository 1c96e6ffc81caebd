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
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One pod's entry of the resource metrics API (metrics-server): usage per container.
 *
 * @param containersMilli container name to usage in milli-units; a container without a
 * value for the resource is absent
 * @param timestamp when it was measured
 * @param window the measurement window
 */
public record PodResourceUsage(Map<String, Long> containersMilli, Instant timestamp, Duration window) {

	public PodResourceUsage {
		containersMilli = Map.copyOf(containersMilli);
	}

	/**
	 * The pod's value as the metrics client reads it.
	 * @param container one container, or {@code null} for the sum over all containers
	 * @return the value, or empty when the pod counts as missing
	 */
	Optional<PodMetric> value(@Nullable String container) {
		if (container != null) {
			Long value = this.containersMilli.get(container);
			return Optional.ofNullable(value).map((milli) -> new PodMetric(milli, this.timestamp, this.window));
		}
		if (this.containersMilli.isEmpty()) {
			return Optional.empty();
		}
		long sum = this.containersMilli.values().stream().mapToLong(Long::longValue).sum();
		return Optional.of(new PodMetric(sum, this.timestamp, this.window));
	}

}
