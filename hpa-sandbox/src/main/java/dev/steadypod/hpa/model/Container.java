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

import java.util.Map;

/**
 * A container of a pod, with its resource requests in milli-units (millicores for CPU,
 * milli-bytes for memory, as Kubernetes' {@code MilliValue}).
 *
 * @param name the container name
 * @param requestsMilli resource name to request
 * @param kind whether it is an app container, an init container or a sidecar (an init
 * container with {@code restartPolicy: Always}, whose requests count)
 */
public record Container(String name, Map<String, Long> requestsMilli, Kind kind) {

	public Container {
		requestsMilli = Map.copyOf(requestsMilli);
	}

	public static Container app(String name, Map<String, Long> requestsMilli) {
		return new Container(name, requestsMilli, Kind.APP);
	}

	/** Where the container is declared. */
	public enum Kind {

		/** {@code spec.containers}. */
		APP,
		/** {@code spec.initContainers}, run to completion before the app starts. */
		INIT,
		/** {@code spec.initContainers} with {@code restartPolicy: Always}. */
		SIDECAR

	}

}
