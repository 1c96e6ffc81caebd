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
import java.util.Map;

/**
 * What the controller reads at one sync: the scale target's pods and the metrics APIs. A
 * method that has no data throws {@link MetricUnavailableException}, as the API would
 * fail.
 */
public interface MetricsSnapshot {

	/** The pods the scale target's selector matches. */
	List<Pod> pods();

	/** The resource metrics API (metrics-server) for a resource, per pod. */
	default Map<String, PodResourceUsage> resourceUsage(String resource) {
		throw new MetricUnavailableException("unable to get metrics for resource " + resource);
	}

	/** The custom metrics API for a {@code Pods} metric, per pod, in milli-units. */
	default Map<String, PodMetric> podsMetric(String name) {
		throw new MetricUnavailableException("unable to get metric " + name);
	}

	/** The custom metrics API for an {@code Object} metric, in milli-units. */
	default long objectMetric(String name, String describedObject) {
		throw new MetricUnavailableException("unable to get metric " + name + " on " + describedObject);
	}

	/** The external metrics API: every matching series, in milli-units. */
	default List<Long> externalMetric(String name) {
		throw new MetricUnavailableException("unable to get external metric " + name);
	}

}
