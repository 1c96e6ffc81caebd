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

package dev.steadypod.liveness;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for the start-up-aware liveness contributor and its built-in checks.
 */
@ConfigurationProperties("steadypod.liveness")
public class LivenessProperties {

	/**
	 * Whether to register the {@code warmup} liveness contributor and the liveness probe
	 * defaults (probes on, liveness group = livenessState + warmup, readiness group =
	 * readinessState).
	 */
	private boolean enabled = true;

	private final Deadlock deadlock = new Deadlock();

	private final ApplicationConnector applicationConnector = new ApplicationConnector();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Deadlock getDeadlock() {
		return this.deadlock;
	}

	public ApplicationConnector getApplicationConnector() {
		return this.applicationConnector;
	}

	/**
	 * The deadlocked-threads check.
	 */
	public static class Deadlock {

		/**
		 * Whether liveness fails when the JVM has deadlocked threads.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The application-connector check, active only when the management server has its own
	 * port.
	 */
	public static class ApplicationConnector {

		/**
		 * Whether liveness fails when the application port stops accepting connections.
		 */
		private boolean enabled = true;

		/**
		 * Connect timeout of the loopback connection to the application port.
		 */
		private Duration timeout = Duration.ofMillis(500);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
