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

package dev.steadypod.testsupport.kubelet;

import java.time.Duration;

/**
 * What the kubelet runs: a container it can start, kill and probe. The kubelet probes
 * from several threads at once (one per probe, as its probe workers do).
 */
public interface Container {

	/** Starts the container (a new process each time). */
	void start();

	/** Kills the container, as the kubelet does before a restart. */
	void kill();

	/**
	 * Runs one HTTP probe.
	 * @param probe the probe
	 * @param timeout the probe's timeout
	 * @return whether the probe succeeded (an answer from 200 to 399 within the timeout)
	 */
	boolean probe(ProbeSpec probe, Duration timeout);

	/**
	 * Called when the pod enters or leaves the Service endpoints (its readiness result
	 * changed, or the container was killed while ready), so that a load generator sends
	 * traffic only to a ready pod, as a Service does.
	 * @param ready whether the pod now receives traffic
	 */
	default void readinessChanged(boolean ready) {
	}

}
