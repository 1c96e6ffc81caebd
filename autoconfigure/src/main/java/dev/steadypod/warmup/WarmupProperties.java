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

package dev.steadypod.warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings for the warm-up that runs between "web server started" and "ready".
 */
@ConfigurationProperties("steadypod.warmup")
public class WarmupProperties {

	/**
	 * Whether to run warm-up tasks before the application reports itself ready.
	 */
	private boolean enabled = true;

	/**
	 * Total budget for warm-up, counted from its start. Tasks still running then are
	 * interrupted and the application serves anyway, reported as over budget (unless
	 * fail-on-error). If warm-up never begins (another application runner hangs), the
	 * warmup contributor reports DOWN once this long has passed since the web server
	 * started, so a start-up that hangs is restarted.
	 */
	private Duration maxDuration = Duration.ofMinutes(5);

	/**
	 * Whether a failed or timed-out warm-up task, or a warm-up over max-duration, fails
	 * the application's start-up: readiness never opens and liveness reports DOWN. By
	 * default it is reported and the application serves.
	 */
	private boolean failOnError = false;

	private final Http http = new Http();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getMaxDuration() {
		return this.maxDuration;
	}

	public void setMaxDuration(Duration maxDuration) {
		this.maxDuration = maxDuration;
	}

	public boolean isFailOnError() {
		return this.failOnError;
	}

	public void setFailOnError(boolean failOnError) {
		this.failOnError = failOnError;
	}

	public Http getHttp() {
		return this.http;
	}

	/**
	 * The built-in HTTP self-warm-up: the application calls its own endpoints before it
	 * opens readiness, so the first users do not pay for a cold JIT and cold pools.
	 */
	public static class Http {

		/**
		 * Paths on the application port to call with GET during warm-up, e.g. /greeting,
		 * relative to the servlet context path. Empty (the default) switches the HTTP
		 * self-warm-up off.
		 */
		private List<String> paths = new ArrayList<>();

		/**
		 * How many times each path is called.
		 */
		private int requests = 10;

		/**
		 * Timeout of each self-warm-up request.
		 */
		private Duration timeout = Duration.ofSeconds(10);

		/**
		 * SSL bundle the self-warm-up trusts when the application serves HTTPS. Unset
		 * (the default), it trusts the certificates of the server's own SSL
		 * configuration.
		 */
		private @Nullable String sslBundle;

		public List<String> getPaths() {
			return this.paths;
		}

		public void setPaths(List<String> paths) {
			this.paths = paths;
		}

		public int getRequests() {
			return this.requests;
		}

		public void setRequests(int requests) {
			this.requests = requests;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public @Nullable String getSslBundle() {
			return this.sslBundle;
		}

		public void setSslBundle(@Nullable String sslBundle) {
			this.sslBundle = sslBundle;
		}

	}

}
