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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts a real Spring Boot application on a background thread, so a test can probe its
 * management port while start-up (and warm-up) is still running, exactly as the kubelet
 * does. Ports are random.
 */
public final class StartingApplication implements AutoCloseable {

	private final CompletableFuture<Integer> managementPort = new CompletableFuture<>();

	private final CompletableFuture<ConfigurableApplicationContext> context = new CompletableFuture<>();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private StartingApplication() {
	}

	/**
	 * Starts the application.
	 * @param source the application's configuration class
	 * @param beans extra singletons (e.g. warm-up tasks) registered before refresh
	 * @param args command-line arguments
	 * @return the starting application
	 */
	public static StartingApplication start(Class<?> source, Map<String, Object> beans, String... args) {
		StartingApplication starting = new StartingApplication();
		SpringApplication application = new SpringApplication(source);
		Map<String, Object> singletons = new LinkedHashMap<>(beans);
		application.addInitializers((context) -> singletons.forEach(context.getBeanFactory()::registerSingleton));
		application.addListeners((ApplicationListener<ApplicationEvent>) (event) -> {
			if (event instanceof WebServerInitializedEvent initialized
					&& "management".equals(initialized.getApplicationContext().getServerNamespace())) {
				starting.managementPort.complete(initialized.getWebServer().getPort());
			}
		});
		Thread thread = new Thread(() -> {
			try {
				starting.context.complete(application.run(args));
			}
			catch (Throwable ex) {
				starting.context.completeExceptionally(ex);
				starting.managementPort.completeExceptionally(ex);
			}
		}, "starting-application");
		thread.setDaemon(true);
		thread.start();
		return starting;
	}

	/**
	 * The management port, as soon as the management server is up.
	 * @return the port
	 * @throws Exception if start-up failed or took longer than a minute
	 */
	public int managementPort() throws Exception {
		return this.managementPort.get(60, TimeUnit.SECONDS);
	}

	/**
	 * The context, once {@code SpringApplication.run} has returned.
	 * @return the context
	 * @throws Exception if start-up failed or took longer than a minute
	 */
	public ConfigurableApplicationContext context() throws Exception {
		return this.context.get(60, TimeUnit.SECONDS);
	}

	public boolean isStarted() {
		return this.context.isDone();
	}

	/**
	 * GET on the management port.
	 * @param path the path
	 * @return the response
	 * @throws Exception if the request fails
	 */
	public HttpResponse<String> getManagement(String path) throws Exception {
		return get(managementPort(), path);
	}

	public HttpResponse<String> get(int port, String path) throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(5))
			.build();
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Override
	public void close() throws Exception {
		try {
			this.context.get(60, TimeUnit.SECONDS).close();
		}
		catch (java.util.concurrent.ExecutionException ex) {
			// Start-up failed: nothing is running.
		}
	}

}
