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

package dev.steadypod.testsupport;

import java.net.InetAddress;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A Kubernetes API server for tests: fabric8's {@link KubernetesMockServer} in CRUD mode
 * (lists, gets, updates and watches behave like the real API server's), on 127.0.0.1 over
 * plain HTTP, with the faults real clusters produce: RBAC denials (HTTP 403 for chosen
 * verbs on ConfigMaps), watches answered with HTTP 410 Gone ("too old resource version"),
 * and a restart of the API server that drops every connection while keeping the stored
 * objects, as etcd does. The application's front end records the requests it serves, so
 * that a test can count the application's round trips. Registered with
 * {@code @RegisterExtension} on an instance field, it is closed after each test.
 */
public final class MockKubernetesApi implements AutoCloseable, AfterEachCallback {

	private final Map<ServerRequest, Queue<ServerResponse>> responses;

	private final FaultInjectingDispatcher dispatcher;

	/** The application's front end: the faults, plus a record of its requests. */
	private final RecordingDispatcher appDispatcher;

	private final int port;

	private KubernetesMockServer server;

	/**
	 * A second front end on the same store, for the test's own writes while the first is
	 * down.
	 */
	private final KubernetesMockServer adminServer;

	private final KubernetesClient client;

	private MockKubernetesApi(Map<ServerRequest, Queue<ServerResponse>> responses, FaultInjectingDispatcher dispatcher,
			RecordingDispatcher appDispatcher, KubernetesMockServer server, KubernetesMockServer adminServer) {
		this.responses = responses;
		this.dispatcher = dispatcher;
		this.appDispatcher = appDispatcher;
		this.server = server;
		this.port = server.getPort();
		this.adminServer = adminServer;
		this.client = adminServer.createClient();
	}

	/** Starts a server on a random port. */
	public static MockKubernetesApi start() {
		Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
		FaultInjectingDispatcher dispatcher = new FaultInjectingDispatcher(new KubernetesMixedDispatcher(responses));
		RecordingDispatcher appDispatcher = new RecordingDispatcher(dispatcher);
		KubernetesMockServer server = newServer(responses, appDispatcher);
		server.start(loopback(), 0);
		KubernetesMockServer admin = newServer(responses, dispatcher);
		admin.start(loopback(), 0);
		return new MockKubernetesApi(responses, dispatcher, appDispatcher, server, admin);
	}

	private static KubernetesMockServer newServer(Map<ServerRequest, Queue<ServerResponse>> responses,
			Dispatcher dispatcher) {
		return new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
	}

	private static InetAddress loopback() {
		try {
			return InetAddress.getByName("127.0.0.1");
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** {@code http://127.0.0.1:port}. */
	public String url() {
		return "http://127.0.0.1:" + this.port;
	}

	/**
	 * A client for the test's own reads and writes. It goes through a second front end on
	 * the same store, so it keeps working while the application's API server is stopped.
	 */
	public KubernetesClient client() {
		return this.client;
	}

	/** Creates or replaces a ConfigMap. */
	public ConfigMap putConfigMap(String namespace, String name, Map<String, String> data) {
		return putConfigMap(namespace, name, data, null);
	}

	/**
	 * Creates or replaces a ConfigMap labelled {@code part-of=<partOf>} (none when
	 * {@code null}).
	 */
	public ConfigMap putConfigMap(String namespace, String name, Map<String, String> data, String partOf) {
		ConfigMap configMap = new ConfigMapBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(namespace)
			.withLabels((partOf != null) ? Map.of("part-of", partOf) : Map.of())
			.endMetadata()
			.withData(data)
			.build();
		return this.client.configMaps()
			.inNamespace(namespace)
			.resource(configMap)
			.createOr((existing) -> existing.update());
	}

	/**
	 * Replaces the data of an existing ConfigMap with one PATCH, after reading it.
	 * @return {@link System#nanoTime()} just before the PATCH was sent
	 */
	public long updateConfigMap(String namespace, String name, Map<String, String> data) {
		long[] sent = new long[1];
		this.client.configMaps().inNamespace(namespace).withName(name).edit((existing) -> {
			ConfigMap updated = new ConfigMapBuilder(existing).withData(data).build();
			sent[0] = System.nanoTime();
			return updated;
		});
		return sent[0];
	}

	/**
	 * Creates or replaces an Opaque Secret; the values are stored base64-encoded, as the
	 * API server stores them.
	 */
	public Secret putSecret(String namespace, String name, Map<String, String> values) {
		Map<String, String> data = new LinkedHashMap<>();
		values.forEach((key, value) -> data.put(key,
				Base64.getEncoder().encodeToString(value.getBytes(StandardCharsets.UTF_8))));
		Secret secret = new SecretBuilder().withNewMetadata()
			.withName(name)
			.withNamespace(namespace)
			.endMetadata()
			.withType("Opaque")
			.withData(data)
			.build();
		return this.client.secrets().inNamespace(namespace).resource(secret).createOr((existing) -> existing.update());
	}

	/** Deletes a ConfigMap. */
	public void deleteConfigMap(String namespace, String name) {
		this.client.configMaps().inNamespace(namespace).withName(name).delete();
	}

	/** Deletes a Secret. */
	public void deleteSecret(String namespace, String name) {
		this.client.secrets().inNamespace(namespace).withName(name).delete();
	}

	/**
	 * Answers requests for ConfigMaps with the given verbs ({@code get}, {@code list},
	 * {@code watch}) with HTTP 403 Forbidden, as the API server does for a service
	 * account without the RBAC rule; no verbs lifts the denial.
	 */
	public void forbidConfigMaps(String... verbs) {
		this.dispatcher.forbidden.clear();
		this.dispatcher.forbidden.addAll(Set.of(verbs));
	}

	/**
	 * Allows reading Secrets only as an RBAC Role with these rules does (HTTP 403 for
	 * anything else): the verbs ({@code get}, {@code list}, {@code watch}), and, when
	 * names are given, only requests naming one of them ({@code resourceNames}: a
	 * {@code get} by name, a {@code list} or {@code watch} with the field selector
	 * {@code metadata.name=<name>}). {@code null} lifts the restriction. Applies to the
	 * test's own requests too: write the Secrets first.
	 */
	public void grantSecrets(@Nullable Set<String> resourceNames, String... verbs) {
		this.dispatcher.secretRole = (resourceNames != null) ? new SecretRole(Set.copyOf(resourceNames), Set.of(verbs))
				: null;
	}

	/** Answers the next {@code count} ConfigMap watch requests with HTTP 410 Gone. */
	public void failNextWatchesWithGone(int count) {
		this.dispatcher.goneWatches.set(count);
	}

	/** How many ConfigMap watch requests were answered with 410 Gone so far. */
	public int goneWatchesServed() {
		return this.dispatcher.goneServed.get();
	}

	/**
	 * The requests the application's front end served since start or the last
	 * {@link #clearRequests()}, as {@code METHOD path?query}, in arrival order (the
	 * test's own requests through {@link #client()} are not among them).
	 */
	public List<String> requests() {
		return List.copyOf(this.appDispatcher.requests);
	}

	/** Forgets the requests recorded so far. */
	public void clearRequests() {
		this.appDispatcher.requests.clear();
	}

	/**
	 * Runs {@code action} once, when the application next lists ConfigMaps, just before
	 * the list is answered: a change that lands at that exact moment, before any watch
	 * has delivered it.
	 */
	public void beforeNextConfigMapList(Runnable action) {
		this.appDispatcher.beforeNextList.set(action);
	}

	/**
	 * Stops the API server, dropping every open connection and watch; {@link #restart()}
	 * brings it back on the same port with the same stored objects.
	 */
	public synchronized void stop() {
		this.server.shutdown();
	}

	/** Starts the API server again on the same port, keeping the stored objects. */
	public synchronized void restart() {
		this.server = newServer(this.responses, this.appDispatcher);
		this.server.start(loopback(), this.port);
	}

	/**
	 * Closes the server after each test, when registered with {@code @RegisterExtension}.
	 */
	@Override
	public void afterEach(ExtensionContext context) {
		close();
	}

	@Override
	public synchronized void close() {
		this.client.close();
		this.server.shutdown();
		this.adminServer.shutdown();
	}

	/**
	 * Records the requests of the application's front end and runs the action armed for
	 * its next ConfigMap list.
	 */
	private static final class RecordingDispatcher extends Dispatcher {

		private final Dispatcher delegate;

		private final List<String> requests = new CopyOnWriteArrayList<>();

		private final AtomicReference<Runnable> beforeNextList = new AtomicReference<>();

		RecordingDispatcher(Dispatcher delegate) {
			this.delegate = delegate;
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			this.requests.add(request.getMethod() + " " + request.getPath());
			if ("list".equals(FaultInjectingDispatcher.configMapVerb(request))) {
				Runnable action = this.beforeNextList.getAndSet(null);
				if (action != null) {
					action.run();
				}
			}
			return this.delegate.dispatch(request);
		}

		@Override
		public void shutdown() {
			// The stored objects outlive a restart of the server; nothing to release.
		}

	}

	/**
	 * Puts RBAC denials and 410 Gone answers in front of the CRUD dispatcher, which keeps
	 * the stored objects across restarts of the server.
	 */
	private static final class FaultInjectingDispatcher extends Dispatcher {

		private final Dispatcher delegate;

		private final Set<String> forbidden = ConcurrentHashMap.newKeySet();

		private final AtomicInteger goneWatches = new AtomicInteger();

		private final AtomicInteger goneServed = new AtomicInteger();

		private volatile @Nullable SecretRole secretRole;

		FaultInjectingDispatcher(Dispatcher delegate) {
			this.delegate = delegate;
		}

		@Override
		public MockResponse dispatch(RecordedRequest request) {
			String path = request.getPath();
			String verb = configMapVerb(request);
			if (verb != null && this.forbidden.contains(verb)) {
				return status(403, "Forbidden", "configmaps is forbidden: User \"system:serviceaccount:"
						+ namespaceOf(path) + ":default\" cannot " + verb
						+ " resource \"configmaps\" in API group \"\" in the namespace \"" + namespaceOf(path) + "\"");
			}
			if ("watch".equals(verb) && this.goneWatches.getAndUpdate((n) -> Math.max(0, n - 1)) > 0) {
				this.goneServed.incrementAndGet();
				return status(410, "Expired", "too old resource version");
			}
			SecretRole role = this.secretRole;
			String secretVerb = verb("secrets", request);
			if (role != null && secretVerb != null && !role.allows(secretVerb, secretName(request))) {
				return status(403, "Forbidden",
						"secrets is forbidden: User \"system:serviceaccount:" + namespaceOf(path) + ":default\" cannot "
								+ secretVerb + " resource \"secrets\" in API group \"\" in the namespace \""
								+ namespaceOf(path) + "\"");
			}
			return this.delegate.dispatch(request);
		}

		/**
		 * The Secret a request names: the last path segment of a get, the
		 * {@code metadata.name} field selector of a list or watch, else {@code null}.
		 */
		private static @Nullable String secretName(RecordedRequest request) {
			String path = request.getPath();
			int query = path.indexOf('?');
			String resource = (query >= 0) ? path.substring(0, query) : path;
			if (!resource.endsWith("/secrets")) {
				return resource.substring(resource.lastIndexOf('/') + 1);
			}
			if (query < 0) {
				return null;
			}
			for (String parameter : path.substring(query + 1).split("&")) {
				String decoded = URLDecoder.decode(parameter, StandardCharsets.UTF_8);
				if (decoded.startsWith("fieldSelector=metadata.name=")) {
					return decoded.substring("fieldSelector=metadata.name=".length());
				}
			}
			return null;
		}

		@Override
		public void shutdown() {
			// The stored objects outlive a restart of the server; nothing to release.
		}

		private static String configMapVerb(RecordedRequest request) {
			return verb("configmaps", request);
		}

		private static @Nullable String verb(String resourceType, RecordedRequest request) {
			String path = request.getPath();
			int query = path.indexOf('?');
			String resource = (query >= 0) ? path.substring(0, query) : path;
			if (!resource.contains("/" + resourceType) || !"GET".equalsIgnoreCase(request.getMethod())) {
				return null;
			}
			if (path.contains("watch=true")) {
				return "watch";
			}
			return resource.endsWith("/" + resourceType) ? "list" : "get";
		}

		private static String namespaceOf(String path) {
			int start = path.indexOf("/namespaces/");
			if (start < 0) {
				return "";
			}
			String rest = path.substring(start + "/namespaces/".length());
			int end = rest.indexOf('/');
			return (end >= 0) ? rest.substring(0, end) : rest;
		}

		private static MockResponse status(int code, String reason, String message) {
			String body = "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},\"status\":\"Failure\",\"message\":\""
					+ message.replace("\"", "\\\"") + "\",\"reason\":\"" + reason + "\",\"code\":" + code + "}";
			return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json").setBody(body);
		}

	}

	/** A Role's rule on Secrets: its verbs, limited to {@code resourceNames} if any. */
	private record SecretRole(Set<String> resourceNames, Set<String> verbs) {

		boolean allows(String verb, @Nullable String name) {
			return this.verbs.contains(verb)
					&& (this.resourceNames.isEmpty() || (name != null && this.resourceNames.contains(name)));
		}

	}

}
