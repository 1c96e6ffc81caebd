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

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.json.JsonParseException;
import org.springframework.boot.json.JsonParserFactory;

import dev.steadypod.reload.RestartRequest.Status;

/**
 * Requests one rolling restart of the pod's Deployment by setting the pod-template
 * annotation {@value #ANNOTATION} to the new configuration hash with a merge PATCH. Every
 * replica sees the same change and patches the same value, so the first patch starts a
 * rollout (which honours the Deployment's {@code maxSurge} and {@code maxUnavailable})
 * and the others change nothing.
 * <p>
 * A replica also skips the patch when the annotation changed since it started: a rollout
 * was requested after this pod was created, so it is about to be replaced by a pod that
 * reads the current configuration. That keeps two routes seeing the same change (the API
 * route, then the volume a minute later) from rolling the Deployment twice.
 */
final class RollingRestart {

	/** The pod-template annotation that carries the configuration hash. */
	static final String ANNOTATION = "steadypod.dev/config-hash";

	/** Shown by {@code kubectl rollout history}; not part of the pod template. */
	static final String CHANGE_CAUSE = "kubernetes.io/change-cause";

	private final @Nullable KubernetesApi api;

	private final String unavailable;

	private final String namespace;

	private final String deployment;

	/** The annotation's value when this pod started; empty when unknown. */
	private volatile Optional<String> startedWith = Optional.empty();

	RollingRestart(@Nullable KubernetesApi api, String unavailable, String namespace, String deployment) {
		this.api = api;
		this.unavailable = unavailable;
		this.namespace = namespace;
		this.deployment = deployment;
	}

	static RollingRestart unavailable(String reason) {
		return new RollingRestart(null, reason, "", "");
	}

	/** Where the patch goes, for messages: {@code namespace/name}. */
	String target() {
		return this.namespace + "/" + this.deployment;
	}

	/**
	 * Reads the Deployment once at start-up, so that a missing permission shows at once
	 * rather than at the first restart-required change, and remembers the annotation this
	 * pod started with.
	 * @return the problem, or empty when the Deployment can be read
	 */
	Optional<String> check() {
		Read read = read();
		if (read.failure().isPresent()) {
			return read.failure().map(Attempt::detail);
		}
		this.startedWith = Optional.of(read.annotation());
		return Optional.empty();
	}

	/**
	 * Requests a rolling restart unless one is already requested.
	 * @param configHash the value for the annotation, the same in every replica for the
	 * same content
	 * @param changeCause what changed, for {@code kubectl rollout history}
	 * @return what happened
	 */
	Attempt request(String configHash, String changeCause) {
		Read read = read();
		if (read.failure().isPresent()) {
			return read.failure().get();
		}
		String current = read.annotation();
		if (current.equals(configHash)) {
			return new Attempt(Status.ROLLOUT_ALREADY_REQUESTED, "deployment " + target() + " already carries "
					+ ANNOTATION + "=" + configHash + " (another replica requested the rolling restart)");
		}
		Optional<String> startedWith = this.startedWith;
		if (startedWith.isPresent() && !startedWith.get().equals(current)) {
			return new Attempt(Status.ROLLOUT_ALREADY_REQUESTED,
					"a rolling restart of deployment " + target() + " was requested after this pod started ("
							+ ANNOTATION + "=" + current + "); its replacement reads the current configuration");
		}
		String patch = "{\"metadata\":{\"annotations\":{" + json(CHANGE_CAUSE) + ":" + json(changeCause)
				+ "}},\"spec\":{\"template\":{\"metadata\":{\"annotations\":{" + json(ANNOTATION) + ":"
				+ json(configHash) + "}}}}}";
		try {
			KubernetesApi.Response response = api().mergePatch(path(), patch);
			if (!response.isSuccessful()) {
				return failed(response.status(), "patch");
			}
			return new Attempt(Status.ROLLOUT_REQUESTED,
					"set " + ANNOTATION + "=" + configHash + " on deployment " + target());
		}
		catch (IOException ex) {
			return new Attempt(Status.ROLLOUT_FAILED, "cannot reach the Kubernetes API: " + ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return new Attempt(Status.ROLLOUT_FAILED, "interrupted while calling the Kubernetes API");
		}
	}

	/** Reads the Deployment's annotation (empty when absent). */
	private Read read() {
		if (this.api == null) {
			return Read.failed(new Attempt(Status.ROLLOUT_FAILED, this.unavailable));
		}
		try {
			KubernetesApi.Response response = this.api.get(path());
			if (!response.isSuccessful()) {
				return Read.failed(failed(response.status(), "get"));
			}
			Map<String, Object> deployment = JsonParserFactory.getJsonParser().parseMap(response.body());
			if ("Recreate".equals(field(deployment, "spec", "strategy", "type"))) {
				return Read.failed(new Attempt(Status.ROLLOUT_FAILED, "deployment " + target()
						+ " uses the Recreate strategy, which stops every pod at once: use RollingUpdate"));
			}
			return new Read(field(deployment, "spec", "template", "metadata", "annotations", ANNOTATION),
					Optional.empty());
		}
		catch (IOException ex) {
			return Read.failed(new Attempt(Status.ROLLOUT_FAILED, "cannot reach the Kubernetes API: " + ex));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Read.failed(new Attempt(Status.ROLLOUT_FAILED, "interrupted while calling the Kubernetes API"));
		}
		catch (JsonParseException ex) {
			return Read.failed(new Attempt(Status.ROLLOUT_FAILED,
					"unreadable deployment " + target() + " from the Kubernetes API"));
		}
	}

	private KubernetesApi api() {
		if (this.api == null) {
			throw new IllegalStateException(this.unavailable);
		}
		return this.api;
	}

	private Attempt failed(int status, String verb) {
		String reason = switch (status) {
			case 401 -> "the Kubernetes API refused the service-account token (HTTP 401)";
			case 403 -> "the service account may not " + verb + " deployment " + target()
					+ " (HTTP 403): grant get and patch on deployments, resourceNames [" + this.deployment
					+ "], in namespace " + this.namespace
					+ " (the chart does with configReload.onRestartRequired=rolling-restart)";
			case 404 -> "deployment " + target()
					+ " not found (HTTP 404): set steadypod.reload.rolling-restart.deployment and namespace";
			default -> "the Kubernetes API answered HTTP " + status + " to " + verb + " deployment " + target();
		};
		return new Attempt(Status.ROLLOUT_FAILED, reason);
	}

	private String path() {
		return "/apis/apps/v1/namespaces/" + encode(this.namespace) + "/deployments/" + encode(this.deployment);
	}

	private static String field(Map<String, Object> json, String... path) {
		Object node = json;
		for (String field : path) {
			if (!(node instanceof Map<?, ?> map) || !map.containsKey(field)) {
				return "";
			}
			node = map.get(field);
		}
		return (node != null) ? node.toString() : "";
	}

	private static String encode(String segment) {
		return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
	}

	private static String json(String value) {
		StringBuilder json = new StringBuilder("\"");
		for (char c : value.toCharArray()) {
			switch (c) {
				case '"' -> json.append("\\\"");
				case '\\' -> json.append("\\\\");
				default -> {
					if (c < 0x20) {
						json.append(String.format("\\u%04x", (int) c));
					}
					else {
						json.append(c);
					}
				}
			}
		}
		return json.append('"').toString();
	}

	/** The status of one attempt and its detail for the log and the endpoint. */
	record Attempt(Status status, String detail) {

	}

	/** The Deployment's annotation, or why it could not be read. */
	private record Read(String annotation, Optional<Attempt> failure) {

		static Read failed(Attempt failure) {
			return new Read("", Optional.of(failure));
		}

	}

}
