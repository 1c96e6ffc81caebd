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

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.steadypod.reload.ReloadProperties.OnRestartRequired;
import dev.steadypod.reload.RestartRequest.Status;

/**
 * What happens when an applied change includes keys that only take effect after a restart
 * ({@code steadypod.reload.on-restart-required}). Every replica sees the same ConfigMap
 * change at about the same time, so nothing here may restart replicas independently:
 * {@code rolling-restart} asks the Deployment for one rollout, and {@code shutdown} is
 * refused at start-up on Kubernetes.
 */
class RestartPolicy implements SmartInitializingSingleton {

	private static final Log logger = LogFactory.getLog(RestartPolicy.class);

	/** Hex digits of the content hash shown in the annotation, as in the metrics. */
	private static final int HASH_LENGTH = 12;

	private final OnRestartRequired action;

	private final Runnable shutdown;

	private final RollingRestart rollingRestart;

	private final Clock clock;

	private final List<RestartListener> listeners = new CopyOnWriteArrayList<>();

	private volatile Optional<RestartRequest> lastRequest = Optional.empty();

	RestartPolicy(OnRestartRequired action, Runnable shutdown, RollingRestart rollingRestart, Clock clock) {
		this.action = action;
		this.shutdown = shutdown;
		this.rollingRestart = rollingRestart;
		this.clock = clock;
	}

	/**
	 * The policy configured by {@code properties}.
	 * @throws SimultaneousRestartException for {@code shutdown} on Kubernetes
	 */
	static RestartPolicy create(ConfigurableApplicationContext context, ReloadProperties properties,
			Path serviceAccount) {
		OnRestartRequired action = properties.getOnRestartRequired();
		Environment environment = context.getEnvironment();
		if (action == OnRestartRequired.SHUTDOWN && CloudPlatform.KUBERNETES.isActive(environment)) {
			throw new SimultaneousRestartException();
		}
		RollingRestart rollingRestart = (action == OnRestartRequired.ROLLING_RESTART)
				? rollingRestart(environment, properties.getRollingRestart(), serviceAccount)
				: RollingRestart.unavailable("steadypod.reload.on-restart-required is not rolling-restart");
		Runnable shutdown = () -> new Thread(() -> SpringApplication.exit(context), "steadypod-reload-shutdown")
			.start();
		return new RestartPolicy(action, shutdown, rollingRestart, Clock.systemUTC());
	}

	private static RollingRestart rollingRestart(Environment environment, ReloadProperties.RollingRestart properties,
			Path serviceAccount) {
		Optional<String> notInCluster = KubernetesApi.whyNotInCluster(environment, serviceAccount);
		if (notInCluster.isPresent()) {
			return RollingRestart.unavailable(notInCluster.get());
		}
		String deployment = properties.getDeployment();
		if (deployment == null || deployment.isBlank()) {
			return RollingRestart.unavailable("steadypod.reload.rolling-restart.deployment is not set"
					+ " (the Helm chart sets it to its Deployment's name)");
		}
		Optional<String> namespace = Optional.ofNullable(properties.getNamespace())
			.filter((name) -> !name.isBlank())
			.or(() -> KubernetesApi.podNamespace(serviceAccount));
		if (namespace.isEmpty()) {
			return RollingRestart
				.unavailable("the pod's namespace is unknown: set steadypod.reload.rolling-restart.namespace");
		}
		try {
			return new RollingRestart(KubernetesApi.inCluster(environment, serviceAccount), "", namespace.get(),
					deployment);
		}
		catch (IllegalStateException ex) {
			return RollingRestart.unavailable(ex.getMessage());
		}
	}

	void addListener(RestartListener listener) {
		this.listeners.add(listener);
	}

	/** The latest request since start, if any. */
	Optional<RestartRequest> lastRequest() {
		return this.lastRequest;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (this.action != OnRestartRequired.ROLLING_RESTART) {
			return;
		}
		Optional<String> problem = this.rollingRestart.check();
		if (problem.isPresent()) {
			String message = "steadypod.reload.on-restart-required=rolling-restart cannot restart this application: "
					+ problem.get() + ". Changes that need a restart are applied and reported, but nothing restarts.";
			logger.warn(message);
			notifyProblem(message);
		}
		else {
			logger.info("Changes that need a restart will request one rolling restart of deployment "
					+ this.rollingRestart.target());
		}
	}

	/**
	 * Called after a change was applied, outside the pipeline's locks, when some of its
	 * keys only take effect after a restart.
	 * @param source where the change came from
	 * @param restartKeys the changed keys that need a restart to take effect
	 * @param contentHash the content hash now active for the source; the same in every
	 * replica for the same content, which makes the rolling restart idempotent
	 * @return what was done
	 */
	RestartRequest restartRequired(String source, List<String> restartKeys, String contentHash) {
		String hash = contentHash.substring(0, Math.min(HASH_LENGTH, contentHash.length()));
		RestartRequest request = switch (this.action) {
			case LOG -> request(source, restartKeys, hash, Status.NOT_TRIGGERED,
					"steadypod.reload.on-restart-required=log: the previous values stay in effect until the next"
							+ " restart (rolling-restart would roll the Deployment one pod at a time)");
			case SHUTDOWN -> request(source, restartKeys, hash, Status.SHUTTING_DOWN,
					"shutting down gracefully (steadypod.reload.on-restart-required=shutdown, not on Kubernetes)");
			case ROLLING_RESTART -> {
				RollingRestart.Attempt attempt = this.rollingRestart.request(hash,
						"steadypod: " + restartKeys + " from " + source + " need a restart (config " + hash + ")");
				yield request(source, restartKeys, hash, attempt.status(), attempt.detail());
			}
		};
		if (request.status() == Status.ROLLOUT_FAILED || request.status() == Status.NOT_TRIGGERED) {
			logger.warn("Changed keys " + restartKeys + " only take effect after a restart; no restart was triggered: "
					+ request.detail());
		}
		else {
			logger.warn("Changed keys " + restartKeys + " only take effect after a restart: " + request.detail());
		}
		this.lastRequest = Optional.of(request);
		if (request.status() == Status.ROLLOUT_REQUESTED || request.status() == Status.ROLLOUT_ALREADY_REQUESTED) {
			notifyProblem("");
		}
		for (RestartListener listener : this.listeners) {
			try {
				listener.onRestartRequest(request);
			}
			catch (RuntimeException ex) {
				logger.warn("Restart listener failed", ex);
			}
		}
		if (request.status() == Status.SHUTTING_DOWN) {
			this.shutdown.run();
		}
		return request;
	}

	private RestartRequest request(String source, List<String> keys, String hash, Status status, String detail) {
		return new RestartRequest(this.clock.instant(), source, keys, hash, this.action, status, detail);
	}

	private void notifyProblem(String problem) {
		for (RestartListener listener : this.listeners) {
			try {
				listener.onProblem(problem);
			}
			catch (RuntimeException ex) {
				logger.warn("Restart listener failed", ex);
			}
		}
	}

}
