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
 * Settings for start-up-aware liveness and its built-in checks. Each check is a health
 * contributor; switch one off with Spring Boot's {@code management.health.<name>.enabled}
 * ({@code warmup}, {@code deadlockedthreads}, {@code applicationconnector}).
 */
@ConfigurationProperties("steadypod.liveness")
public class LivenessProperties {

	/**
	 * Whether to register Steadypod's liveness contributors and the liveness probe
	 * defaults (probes on, liveness group = livenessState + Steadypod's contributors,
	 * readiness group = readinessState).
	 */
	private boolean enabled = true;

	private final DeadlockedThreads deadlockedThreads = new DeadlockedThreads();

	private final ApplicationConnector applicationConnector = new ApplicationConnector();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public DeadlockedThreads getDeadlockedThreads() {
		return this.deadlockedThreads;
	}

	public ApplicationConnector getApplicationConnector() {
		return this.applicationConnector;
	}

	/**
	 * The {@code deadlockedThreads} check.
	 */
	public static class DeadlockedThreads {

		/**
		 * How long a deadlock search result is reused. The search pauses the JVM at a
		 * safepoint and walks every thread; a deadlock is permanent, so reusing the
		 * result for a few seconds delays nothing that matters. 0 searches on every
		 * probe.
		 */
		private Duration cacheTtl = Duration.ofSeconds(10);

		public Duration getCacheTtl() {
			return this.cacheTtl;
		}

		public void setCacheTtl(Duration cacheTtl) {
			this.cacheTtl = cacheTtl;
		}

	}

	/**
	 * The {@code applicationConnector} check, active only when the management server has
	 * its own port.
	 */
	public static class ApplicationConnector {

		/**
		 * Connect timeout of the loopback connection to the application port.
		 */
		private Duration timeout = Duration.ofMillis(500);

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

}
