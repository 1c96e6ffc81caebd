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

package dev.steadypod.reload;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.unit.DataSize;

/**
 * Hot reload of configuration from mounted ConfigMap volumes and other watched files.
 */
@ConfigurationProperties("steadypod.reload")
public class ReloadProperties {

	/**
	 * Whether configuration files are watched and changes are validated and applied
	 * without a restart.
	 */
	private boolean enabled = true;

	/**
	 * Extra files or directories to watch, as Spring config locations ("file:",
	 * "optional:file:", "configtree:") or plain paths. The "file:" and "configtree:"
	 * locations of spring.config.import and spring.config.additional-location are always
	 * watched.
	 */
	private List<String> paths = new ArrayList<>();

	/**
	 * Watched locations that hold Kubernetes Secrets (a Secret volume imported as
	 * "optional:configtree:/etc/app/secrets/" or "file:"), as config locations or plain
	 * paths; a watched location at or under one of them counts. Their changes go through
	 * the same validation with source "secret" (outcomes, metrics, logs), and their
	 * values are masked in /actuator/env and /actuator/configprops whatever show-values
	 * says. The Helm chart sets it for the Secret volumes among config.imports.
	 */
	private List<String> secretLocations = new ArrayList<>();

	/**
	 * Quiet time after the last file-system event before the files are read; coalesces
	 * the several events of an editor save and bursts of updates. The kubelet's atomic
	 * ..data swap is checked at once unless a check ran within this window.
	 */
	private Duration debounce = Duration.ofMillis(200);

	/**
	 * Interval of the fallback check that re-hashes the watched files, for file systems
	 * that lose or never deliver change events.
	 */
	private Duration pollInterval = Duration.ofSeconds(5);

	/**
	 * Property prefixes that no refresh can change (ports, data sources, the application
	 * name). A change to one of them is applied to the Environment but needs a restart to
	 * take effect.
	 */
	private List<String> restartRequiredPrefixes = new ArrayList<>(
			List.of("server.", "management.server.", "spring.datasource.", "spring.application.name"));

	/**
	 * What to do when a change touches a restart-required prefix: "log" writes a WARN
	 * naming the keys; "rolling-restart" requests one rolling restart of the pod's
	 * Deployment (one pod at a time, whichever replica asks first); "shutdown" shuts the
	 * application down gracefully, and is refused at start-up on Kubernetes, where every
	 * replica would shut down at once.
	 */
	private OnRestartRequired onRestartRequired = OnRestartRequired.LOG;

	/**
	 * Largest watched file accepted. A ConfigMap cannot exceed 1 MiB, so anything bigger
	 * is a mistake and is rejected.
	 */
	private DataSize maxFileSize = DataSize.ofMegabytes(1);

	/**
	 * Longest time an apply waits for in-flight requests to finish before swapping the
	 * configuration; new requests wait behind it at most this long. Requests that are
	 * still running after it may see the change mid-request, and the outcome says so.
	 */
	private Duration requestDrainTimeout = Duration.ofMillis(20);

	/**
	 * Key of the HMAC that turns content hashes into the fingerprints shown by the
	 * endpoint and the steadypod.config.info metric. Random per process when not set; set
	 * the same secret on every replica to compare fingerprints across pods.
	 */
	private @Nullable String fingerprintKey;

	/**
	 * Whether start-up fails when the service account lacks the RBAC permissions the
	 * Kubernetes API route needs (list and watch on configmaps). When false the
	 * application starts, keeps reloading from mounted volumes, logs a WARN and shows the
	 * missing permission in the configreload endpoint.
	 */
	private boolean failOnMissingPermissions = true;

	/**
	 * Whether to rehearse each route's current configuration once at start-up (a warm-up
	 * task, or in the background when warm-up is off): everything a change goes through
	 * except the swap, so that the first real change does not run cold.
	 */
	private boolean rehearseAtStartup = true;

	/**
	 * Whether the start-up rehearsal, when it runs before readiness opens, also
	 * re-applies the running configuration the way a Spring Cloud refresh without a
	 * change does: the properties beans it reaches are rebound with their current values
	 * (destroy and init callbacks run), listeners get an EnvironmentChangeEvent without
	 * changed keys and the refresh scope is refreshed. Only when the route holds what the
	 * application runs with. The first real change then runs none of that code for the
	 * first time.
	 */
	private boolean reapplyBeforeReadiness = true;

	/**
	 * The Deployment that on-restart-required=rolling-restart restarts.
	 */
	private final RollingRestart rollingRestart = new RollingRestart();

	/**
	 * The Kubernetes API route (spring.config.import=kubernetes: with
	 * spring.cloud.kubernetes.reload.enabled=true).
	 */
	private final Kubernetes kubernetes = new Kubernetes();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public List<String> getPaths() {
		return this.paths;
	}

	public void setPaths(List<String> paths) {
		this.paths = paths;
	}

	public List<String> getSecretLocations() {
		return this.secretLocations;
	}

	public void setSecretLocations(List<String> secretLocations) {
		this.secretLocations = secretLocations;
	}

	public Duration getDebounce() {
		return this.debounce;
	}

	public void setDebounce(Duration debounce) {
		this.debounce = debounce;
	}

	public Duration getPollInterval() {
		return this.pollInterval;
	}

	public void setPollInterval(Duration pollInterval) {
		this.pollInterval = pollInterval;
	}

	public List<String> getRestartRequiredPrefixes() {
		return this.restartRequiredPrefixes;
	}

	public void setRestartRequiredPrefixes(List<String> restartRequiredPrefixes) {
		this.restartRequiredPrefixes = restartRequiredPrefixes;
	}

	public OnRestartRequired getOnRestartRequired() {
		return this.onRestartRequired;
	}

	public void setOnRestartRequired(OnRestartRequired onRestartRequired) {
		this.onRestartRequired = onRestartRequired;
	}

	public DataSize getMaxFileSize() {
		return this.maxFileSize;
	}

	public void setMaxFileSize(DataSize maxFileSize) {
		this.maxFileSize = maxFileSize;
	}

	public Duration getRequestDrainTimeout() {
		return this.requestDrainTimeout;
	}

	public void setRequestDrainTimeout(Duration requestDrainTimeout) {
		this.requestDrainTimeout = requestDrainTimeout;
	}

	public @Nullable String getFingerprintKey() {
		return this.fingerprintKey;
	}

	public void setFingerprintKey(@Nullable String fingerprintKey) {
		this.fingerprintKey = fingerprintKey;
	}

	public boolean isRehearseAtStartup() {
		return this.rehearseAtStartup;
	}

	public void setRehearseAtStartup(boolean rehearseAtStartup) {
		this.rehearseAtStartup = rehearseAtStartup;
	}

	public boolean isReapplyBeforeReadiness() {
		return this.reapplyBeforeReadiness;
	}

	public void setReapplyBeforeReadiness(boolean reapplyBeforeReadiness) {
		this.reapplyBeforeReadiness = reapplyBeforeReadiness;
	}

	public boolean isFailOnMissingPermissions() {
		return this.failOnMissingPermissions;
	}

	public void setFailOnMissingPermissions(boolean failOnMissingPermissions) {
		this.failOnMissingPermissions = failOnMissingPermissions;
	}

	public Kubernetes getKubernetes() {
		return this.kubernetes;
	}

	public RollingRestart getRollingRestart() {
		return this.rollingRestart;
	}

	/**
	 * The Deployment that {@code on-restart-required=rolling-restart} restarts.
	 */
	public static class RollingRestart {

		/**
		 * Name of the pod's Deployment, whose pod template gets the annotation
		 * steadypod.dev/config-hash. The service account needs get and patch on it. The
		 * Helm chart sets it.
		 */
		private @Nullable String deployment;

		/**
		 * Namespace of the Deployment; unset means the pod's own namespace (read from the
		 * service-account directory).
		 */
		private @Nullable String namespace;

		public @Nullable String getDeployment() {
			return this.deployment;
		}

		public void setDeployment(@Nullable String deployment) {
			this.deployment = deployment;
		}

		public @Nullable String getNamespace() {
			return this.namespace;
		}

		public void setNamespace(@Nullable String namespace) {
			this.namespace = namespace;
		}

	}

	/**
	 * Settings of the Kubernetes API route.
	 */
	public static class Kubernetes {

		/**
		 * Whether changes that spring-cloud-kubernetes detects through the API go through
		 * Steadypod's validate-then-apply pipeline. When false, spring-cloud-kubernetes'
		 * own strategy (spring.cloud.kubernetes.reload.strategy) applies them unchecked.
		 */
		private boolean enabled = true;

		/**
		 * Interval of the reconciliation that re-reads the watched ConfigMaps and applies
		 * any difference to the active content hash, so that an update missed while the
		 * watch was down (API server restart, network cut, 410 Gone) is still applied.
		 */
		private Duration resyncInterval = Duration.ofSeconds(30);

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public Duration getResyncInterval() {
			return this.resyncInterval;
		}

		public void setResyncInterval(Duration resyncInterval) {
			this.resyncInterval = resyncInterval;
		}

	}

	/**
	 * Reaction to a change of a property that only a restart can apply.
	 */
	public enum OnRestartRequired {

		/** Apply what can be applied and write a WARN naming the keys. */
		LOG,

		/**
		 * Apply, then shut the application down gracefully. Refused at start-up on
		 * Kubernetes, where every replica would shut down at once.
		 */
		SHUTDOWN,

		/**
		 * Apply, then request one rolling restart of the pod's Deployment by annotating
		 * its pod template with the configuration hash.
		 */
		ROLLING_RESTART;

		/** The lower-case, hyphenated value, as in the property. */
		public String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
