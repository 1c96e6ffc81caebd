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

import org.jspecify.annotations.Nullable;

/** One entry of {@code spec.metrics}. */
public sealed interface MetricSpec {

	/** The metric's name, for reports. */
	String name();

	/** The target. */
	MetricTarget target();

	/**
	 * A {@code Resource} metric, or a {@code ContainerResource} one when a container is
	 * named.
	 *
	 * @param name the resource, e.g. {@code cpu}
	 * @param container the container, or {@code null} for the whole pod
	 * @param target a utilisation or average value target
	 */
	record Resource(String name, @Nullable String container, MetricTarget target) implements MetricSpec {

	}

	/**
	 * A {@code Pods} metric (served by the custom metrics API, e.g. prometheus-adapter).
	 *
	 * @param name the metric name
	 * @param target an average value target
	 */
	record Pods(String name, MetricTarget target) implements MetricSpec {

	}

	/**
	 * An {@code Object} metric describing one object.
	 *
	 * @param name the metric name
	 * @param describedObject the object, as {@code kind/name}
	 * @param target a value or average value target
	 */
	record ObjectMetric(String name, String describedObject, MetricTarget target) implements MetricSpec {

	}

	/**
	 * An {@code External} metric (the sum of the matching series).
	 *
	 * @param name the metric name
	 * @param target a value or average value target
	 */
	record External(String name, MetricTarget target) implements MetricSpec {

	}

}
