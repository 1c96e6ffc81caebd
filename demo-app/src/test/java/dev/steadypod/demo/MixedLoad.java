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

package dev.steadypod.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Closed-loop clients on the demo app, each sending its paths in turn, one request at a
 * time, until closed: a real load across several URIs and statuses, so the server's
 * request metrics have several series.
 */
final class MixedLoad implements AutoCloseable {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final int port;

	private final List<Thread> clients = new CopyOnWriteArrayList<>();

	private final Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();

	private final List<Exception> failures = new CopyOnWriteArrayList<>();

	private volatile boolean running = true;

	private MixedLoad(int port) {
		this.port = port;
	}

	static MixedLoad start(int port) {
		return new MixedLoad(port);
	}

	/**
	 * Starts one more client.
	 * @param paths the paths it requests in turn, e.g. {@code /work?ms=40}
	 * @return this load
	 */
	MixedLoad client(String... paths) {
		List<HttpRequest> requests = List.of(paths)
			.stream()
			.map((path) -> HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(30))
				.build())
			.toList();
		Thread client = new Thread(() -> run(requests), "mixed-load-" + this.clients.size());
		client.start();
		this.clients.add(client);
		return this;
	}

	private void run(List<HttpRequest> requests) {
		for (int i = 0; this.running; i++) {
			try {
				int status = this.http.send(requests.get(i % requests.size()), HttpResponse.BodyHandlers.discarding())
					.statusCode();
				this.statuses.computeIfAbsent(status, (s) -> new AtomicInteger()).incrementAndGet();
			}
			catch (IOException ex) {
				this.failures.add(ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
		}
	}

	/**
	 * How many responses came back with each status.
	 * @return status code to count
	 */
	Map<Integer, Integer> statuses() {
		Map<Integer, Integer> counts = new TreeMap<>();
		this.statuses.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	/**
	 * Stops the clients after their current request and waits for them.
	 * @throws IOException when a request failed
	 */
	@Override
	public void close() throws IOException, InterruptedException {
		this.running = false;
		for (Thread client : this.clients) {
			client.join(35_000);
		}
		if (!this.failures.isEmpty()) {
			IOException failed = new IOException(this.failures.size() + " requests failed");
			this.failures.forEach(failed::addSuppressed);
			throw failed;
		}
	}

}
