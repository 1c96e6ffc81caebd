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

package dev.steadypod.bench;

import java.io.IOException;
import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * fabric8's mock API server in CRUD mode (with watches) on loopback, warmed up before a
 * scenario measures through it, and the benchmark's client of it.
 * <p>
 * The mock stands in for a long-running API server. Cold, in the benchmark's JVM, it
 * answers a request in 15–20 ms instead of about 4 ms, which would add the same harness
 * time to every route's figure. The warm-up uses a namespace of its own, so the
 * application under test starts as cold as it would.
 */
final class MockApiServer implements AutoCloseable {

	/**
	 * The mock logs every request at INFO, on the thread that answers it; kept here so
	 * that the level set below holds (loggers are only weakly referenced).
	 */
	private static final Logger REQUEST_LOG = Logger.getLogger(MockWebServer.class.getName());

	static {
		REQUEST_LOG.setLevel(Level.WARNING);
	}

	private static final int WARM_UP_ROUNDS = 300;

	private static final String WARM_UP_NAMESPACE = "bench-warm-up";

	private final KubernetesMockServer server;

	private final KubernetesClient client;

	private MockApiServer(KubernetesMockServer server) {
		this.server = server;
		this.client = server.createClient();
	}

	/** Starts the mock on a free loopback port and warms it up. */
	static MockApiServer start() throws IOException {
		KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
				new KubernetesCrudDispatcher(List.of()), false);
		server.init(InetAddress.getByName("127.0.0.1"), 0);
		MockApiServer api = new MockApiServer(server);
		api.warmUp();
		return api;
	}

	/** The API server's URL, for the application's master URL. */
	String url() {
		return this.server.url("/");
	}

	KubernetesClient client() {
		return this.client;
	}

	/**
	 * Writes a ConfigMap's new data with one PUT: the client would otherwise read it
	 * first to learn its resourceVersion, a round trip that is not part of the change.
	 * @return the ConfigMap as stored
	 */
	ConfigMap replaceData(ConfigMap current, Map<String, String> data) {
		ConfigMap next = new ConfigMapBuilder(current).withData(data).build();
		return this.client.configMaps().inNamespace(current.getMetadata().getNamespace()).resource(next).update();
	}

	/** Creates a ConfigMap. */
	ConfigMap create(String namespace, String name, Map<String, String> data) {
		return this.client.configMaps()
			.inNamespace(namespace)
			.resource(new ConfigMapBuilder().withNewMetadata()
				.withName(name)
				.withNamespace(namespace)
				.endMetadata()
				.withData(data)
				.build())
			.create();
	}

	/**
	 * Lists, reads, updates and watches a ConfigMap of its own namespace until the mock
	 * and this client have run each request type often enough to be compiled.
	 */
	private void warmUp() {
		ConfigMap configMap = create(WARM_UP_NAMESPACE, "warm-up", Map.of("application.yaml", "warm: 0\n"));
		Watcher<ConfigMap> ignore = new Watcher<>() {

			@Override
			public void eventReceived(Action action, ConfigMap resource) {
			}

			@Override
			public void onClose(WatcherException cause) {
			}

		};
		try (Watch watch = this.client.configMaps().inNamespace(WARM_UP_NAMESPACE).watch(ignore)) {
			for (int i = 1; i <= WARM_UP_ROUNDS; i++) {
				this.client.configMaps().inNamespace(WARM_UP_NAMESPACE).list();
				this.client.configMaps().inNamespace(WARM_UP_NAMESPACE).withName("warm-up").get();
				configMap = replaceData(configMap, Map.of("application.yaml", "warm: " + i + "\n"));
			}
		}
		this.client.configMaps().inNamespace(WARM_UP_NAMESPACE).withName("warm-up").delete();
	}

	@Override
	public void close() {
		this.client.close();
		this.server.destroy();
	}

}
