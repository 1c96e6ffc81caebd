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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;

/**
 * Calls the application's own endpoints on its own port before readiness opens, so the
 * JIT compiles the request path and the pools fill before the first real user arrives.
 */
public class HttpSelfWarmupTask implements WarmupTask {

	private final WarmupProperties.Http properties;

	private final Environment environment;

	private final HttpClient client;

	public HttpSelfWarmupTask(WarmupProperties.Http properties, Environment environment) {
		this.properties = properties;
		this.environment = environment;
		this.client = HttpClient.newBuilder().connectTimeout(properties.getTimeout()).build();
	}

	@Override
	public String name() {
		return "http-self-warm-up";
	}

	@Override
	public void run() throws Exception {
		Integer port = this.environment.getProperty("local.server.port", Integer.class);
		if (port == null) {
			throw new IllegalStateException("The application port is not known (local.server.port is not set)");
		}
		List<String> failures = new ArrayList<>();
		for (String path : this.properties.getPaths()) {
			URI uri = URI.create("http://127.0.0.1:" + port + (path.startsWith("/") ? path : "/" + path));
			HttpRequest request = HttpRequest.newBuilder(uri).timeout(this.properties.getTimeout()).GET().build();
			for (int i = 0; i < this.properties.getRequests(); i++) {
				int status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
				if (status >= 400) {
					failures.add("GET " + path + " answered " + status);
					break;
				}
			}
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException(String.join("; ", failures));
		}
	}

}
