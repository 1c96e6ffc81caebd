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

package dev.steadypod.reload.kubernetes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.steadypod.reload.ConfigReloadPipeline;
import dev.steadypod.reload.ConfigReloadedEvent;
import dev.steadypod.testsupport.MockKubernetesApi;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The test application started against a mock Kubernetes API the way it runs in a pod:
 * ConfigMaps imported with {@code spring.config.import=kubernetes:},
 * spring-cloud-kubernetes' reload on, served over real HTTP on a random port.
 */
final class KubernetesReloadApp implements AutoCloseable {

	static final String NAMESPACE = "test";

	private final ConfigurableApplicationContext context;

	private final HttpClient http = HttpClient.newHttpClient();

	private final List<ConfigReloadedEvent> events;

	private KubernetesReloadApp(ConfigurableApplicationContext context, List<ConfigReloadedEvent> events) {
		this.context = context;
		this.events = events;
	}

	/**
	 * A mock API server holding the application's ConfigMap {@code app} (message
	 * {@code one}, limit 5), to register with {@code @RegisterExtension}.
	 */
	static MockKubernetesApi startApiWithAppConfigMap() {
		MockKubernetesApi api = MockKubernetesApi.start();
		api.putConfigMap(NAMESPACE, "app", KubernetesConfigReloadTests.yaml("message: one\n  limit: 5"));
		return api;
	}

	static KubernetesReloadApp start(MockKubernetesApi api, String... extraProperties) {
		return start(api, (context) -> {
		}, extraProperties);
	}

	/**
	 * Starts the application with an initializer, for example one that registers a bean
	 * the test observes.
	 */
	static KubernetesReloadApp start(MockKubernetesApi api,
			ApplicationContextInitializer<ConfigurableApplicationContext> initializer, String... extraProperties) {
		List<String> properties = new ArrayList<>(baseProperties(api));
		properties.addAll(List.of(extraProperties));
		List<ConfigReloadedEvent> events = new CopyOnWriteArrayList<>();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(KubernetesReloadTestApplication.class)
			.properties(properties.toArray(String[]::new))
			.listeners((ApplicationListener<ConfigReloadedEvent>) events::add)
			.initializers(initializer)
			.run();
		return new KubernetesReloadApp(context, events);
	}

	static List<String> baseProperties(MockKubernetesApi api) {
		return List.of("server.port=0", "spring.main.cloud-platform=kubernetes", "spring.application.name=app",
				"spring.config.import=kubernetes:", "spring.cloud.kubernetes.client.master-url=" + api.url(),
				"spring.cloud.kubernetes.client.namespace=" + NAMESPACE,
				"spring.cloud.kubernetes.client.trust-certs=true", "spring.cloud.kubernetes.reload.enabled=true",
				"spring.cloud.kubernetes.secrets.enabled=false", "management.endpoints.web.exposure.include=*",
				"logging.level.io.fabric8.mockwebserver=warn");
	}

	ConfigurableApplicationContext context() {
		return this.context;
	}

	ConfigReloadPipeline pipeline() {
		return this.context.getBean(ConfigReloadPipeline.class);
	}

	List<ConfigReloadedEvent> events() {
		return this.events;
	}

	/** {@code message|limit|suffix} as served by {@code GET /greeting}. */
	String greeting() {
		return get("/greeting");
	}

	/** The body of a GET on the application's port. */
	String get(String path) {
		return send(HttpRequest.newBuilder(uri(path)).build());
	}

	/** The body of a POST without content on the application's port. */
	String post(String path) {
		return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.context.getEnvironment().getProperty("local.server.port") + path);
	}

	private String send(HttpRequest request) {
		try {
			return this.http.send(request, HttpResponse.BodyHandlers.ofString()).body();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	String message() {
		return greeting().split("\\|", -1)[0];
	}

	double reloads(String source, String result) {
		Counter counter = this.context.getBean(MeterRegistry.class)
			.find("steadypod.config.reloads")
			.tags("source", source, "result", result)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	@Override
	public void close() {
		this.context.close();
	}

}
