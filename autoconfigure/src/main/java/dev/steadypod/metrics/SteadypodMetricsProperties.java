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

package dev.steadypod.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for the autoscaling signal: the number of in-flight HTTP requests that
 * Prometheus scrapes and prometheus-adapter serves to the HorizontalPodAutoscaler as
 * {@code http_requests_in_flight}.
 */
@ConfigurationProperties("steadypod.metrics")
public class SteadypodMetricsProperties {

	/**
	 * Whether Steadypod makes sure the in-flight requests signal is exported: servlet
	 * request observations and their meters kept on, the Prometheus endpoint exposed over
	 * HTTP, and a warning at start-up when a setting keeps the signal from reaching
	 * Prometheus. In a Tomcat app it also turns Tomcat's MBean registry on, for the
	 * thread-pool signal.
	 */
	private boolean enabled = true;

	/**
	 * Whether to log a warning at start-up for each setting that keeps the in-flight
	 * requests signal from reaching Prometheus or skews it (endpoint not exposed,
	 * long-task timers ignored, scrapes served on the application port).
	 */
	private boolean warnings = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public boolean isWarnings() {
		return this.warnings;
	}

	public void setWarnings(boolean warnings) {
		this.warnings = warnings;
	}

}
