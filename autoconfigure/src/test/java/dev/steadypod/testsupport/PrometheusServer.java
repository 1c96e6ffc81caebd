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

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A real Prometheus (the {@code prometheus} binary of Debian's package of that name) on
 * 127.0.0.1, on a free port, with its data in a directory the caller owns, scraping one
 * target every second. {@link #close()} stops it and every process it started.
 */
public final class PrometheusServer implements AutoCloseable {

	/** The Debian package that provides the binary. */
	public static final String DEBIAN_PACKAGE = "prometheus";

	private final Process process;

	private final int port;

	private final Path log;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private PrometheusServer(Process process, int port, Path log) {
		this.process = process;
		this.port = port;
		this.log = log;
	}

	/**
	 * Finds the {@code prometheus} binary on the PATH.
	 * @return the binary, or empty when the package is not installed
	 */
	public static Optional<Path> binary() {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, "prometheus"))
			.filter(Files::isExecutable)
			.findFirst();
	}

	/**
	 * Starts Prometheus scraping one target every second, as Kubernetes service discovery
	 * would configure it: the target's labels (e.g. {@code namespace}, {@code pod}) are
	 * attached to every series scraped from it.
	 * @param binary the prometheus binary
	 * @param workDir an empty directory for the configuration, the data and the log
	 * @param target the target as {@code host:port}
	 * @param metricsPath the path to scrape, e.g. {@code /actuator/prometheus}
	 * @param targetLabels labels attached to the target
	 * @return the running server, answering its HTTP API
	 * @throws IOException when it cannot be started
	 */
	public static PrometheusServer start(Path binary, Path workDir, String target, String metricsPath,
			Map<String, String> targetLabels) throws IOException {
		String labels = targetLabels.entrySet()
			.stream()
			.map((e) -> "          " + e.getKey() + ": \"" + e.getValue() + "\"")
			.collect(Collectors.joining("\n"));
		Path config = Files.writeString(workDir.resolve("prometheus.yml"), """
				global:
				  scrape_interval: 1s
				  scrape_timeout: 1s
				  evaluation_interval: 1s
				scrape_configs:
				  - job_name: steadypod
				    metrics_path: %s
				    static_configs:
				      - targets: ["%s"]
				        labels:
				%s
				""".formatted(metricsPath, target, labels));
		Path log = workDir.resolve("prometheus.log");
		int port = freePort();
		Process process = new ProcessBuilder(binary.toString(), "--config.file=" + config,
				"--storage.tsdb.path=" + workDir.resolve("data"), "--web.listen-address=127.0.0.1:" + port,
				"--log.level=warn")
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		PrometheusServer server = new PrometheusServer(process, port, log);
		try {
			server.awaitReady(Duration.ofSeconds(20));
		}
		catch (RuntimeException | IOException ex) {
			server.close();
			throw ex;
		}
		return server;
	}

	private static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private void awaitReady(Duration timeout) throws IOException {
		try {
			Awaitility.await("prometheus ready on port " + this.port)
				.atMost(timeout)
				.pollInterval(Duration.ofMillis(100))
				.ignoreExceptionsInstanceOf(IOException.class)
				.until(() -> {
					if (!this.process.isAlive()) {
						throw new IllegalStateException(
								"prometheus exited with " + this.process.exitValue() + ": " + log());
					}
					return get("/-/ready").statusCode() == 200;
				});
		}
		catch (ConditionTimeoutException ex) {
			throw new IOException("prometheus not ready after " + timeout + ": " + log(), ex);
		}
	}

	public int port() {
		return this.port;
	}

	/**
	 * The health of the scrape targets, from {@code /api/v1/targets}.
	 * @return one of {@code up}, {@code down} or {@code unknown} per target, in order
	 * @throws IOException on a failed request
	 */
	public List<String> targetHealth() throws IOException {
		return JsonPath.read(get("/api/v1/targets?state=active").body(), "$.data.activeTargets[*].health");
	}

	/**
	 * Runs an instant query through the HTTP API.
	 * @param promql the query
	 * @return the vector result as label set to value
	 * @throws PrometheusQueryException with Prometheus' own error message when it rejects
	 * the query
	 * @throws IOException on a failed request
	 */
	@SuppressWarnings("unchecked")
	public Map<Map<String, String>, Double> query(String promql) throws IOException {
		HttpResponse<String> response = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
		String body = response.body();
		if (!"success".equals(JsonPath.read(body, "$.status"))) {
			throw new PrometheusQueryException(promql,
					JsonPath.read(body, "$.errorType") + ": " + JsonPath.read(body, "$.error"));
		}
		List<Map<String, Object>> result = JsonPath.read(body, "$.data.result");
		return result.stream()
			.collect(Collectors.toMap((r) -> Map.copyOf((Map<String, String>) r.get("metric")),
					(r) -> Double.parseDouble(String.valueOf(((List<?>) r.get("value")).get(1)))));
	}

	private HttpResponse<String> get(String path) throws IOException {
		try {
			return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.timeout(Duration.ofSeconds(5))
				.build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

	/**
	 * @return what Prometheus logged so far
	 */
	public String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	/**
	 * Stops Prometheus and anything it started, forcibly if it does not stop within 10
	 * seconds.
	 */
	@Override
	public void close() {
		List<ProcessHandle> descendants = this.process.descendants().toList();
		this.process.destroy();
		descendants.forEach(ProcessHandle::destroy);
		try {
			if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
	}

	/** Prometheus rejected a query; the message is Prometheus' own. */
	public static final class PrometheusQueryException extends IllegalArgumentException {

		PrometheusQueryException(String query, String error) {
			super("Prometheus rejected '" + query + "': " + error);
		}

	}

}
