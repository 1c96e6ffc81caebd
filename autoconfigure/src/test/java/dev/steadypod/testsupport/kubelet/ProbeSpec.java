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
 * One probe of a container spec, with the Kubernetes defaults:
 * {@code initialDelaySeconds} 0, {@code periodSeconds} 10, {@code timeoutSeconds} 1,
 * {@code successThreshold} 1, {@code failureThreshold} 3.
 *
 * @param path the HTTP path
 * @param managementPort whether the probe goes to the management port (else the
 * application port)
 * @param initialDelaySeconds seconds after the container started before the probe runs
 * @param periodSeconds seconds between probes
 * @param timeoutSeconds seconds after which the probe counts as failed
 * @param successThreshold consecutive successes to count as successful after a failure
 * @param failureThreshold consecutive failures to count as failed
 */
public record ProbeSpec(String path, boolean managementPort, int initialDelaySeconds, int periodSeconds,
		int timeoutSeconds, int successThreshold, int failureThreshold) {

	public ProbeSpec {
		if (periodSeconds < 1 || timeoutSeconds < 1 || successThreshold < 1 || failureThreshold < 1
				|| initialDelaySeconds < 0) {
			throw new IllegalArgumentException("Kubernetes rejects this probe: " + this);
		}
	}

	/**
	 * A probe with the Kubernetes defaults.
	 * @param path the HTTP path
	 * @param managementPort whether it goes to the management port
	 * @return the probe
	 */
	public static ProbeSpec of(String path, boolean managementPort) {
		return new ProbeSpec(path, managementPort, 0, 10, 1, 1, 3);
	}

	public ProbeSpec initialDelaySeconds(int seconds) {
		return new ProbeSpec(this.path, this.managementPort, seconds, this.periodSeconds, this.timeoutSeconds,
				this.successThreshold, this.failureThreshold);
	}

	public ProbeSpec periodSeconds(int seconds) {
		return new ProbeSpec(this.path, this.managementPort, this.initialDelaySeconds, seconds, this.timeoutSeconds,
				this.successThreshold, this.failureThreshold);
	}

	public ProbeSpec timeoutSeconds(int seconds) {
		return new ProbeSpec(this.path, this.managementPort, this.initialDelaySeconds, this.periodSeconds, seconds,
				this.successThreshold, this.failureThreshold);
	}

	public ProbeSpec successThreshold(int threshold) {
		return new ProbeSpec(this.path, this.managementPort, this.initialDelaySeconds, this.periodSeconds,
				this.timeoutSeconds, threshold, this.failureThreshold);
	}

	public ProbeSpec failureThreshold(int threshold) {
		return new ProbeSpec(this.path, this.managementPort, this.initialDelaySeconds, this.periodSeconds,
				this.timeoutSeconds, this.successThreshold, threshold);
	}

	Duration period() {
		return Duration.ofSeconds(this.periodSeconds);
	}

	Duration timeout() {
		return Duration.ofSeconds(this.timeoutSeconds);
	}

}
