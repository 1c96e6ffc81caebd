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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import dev.steadypod.testsupport.StartingApplication;
import org.apache.tomcat.util.threads.ThreadPoolExecutor;
import org.junit.jupiter.api.Test;

import org.springframework.boot.tomcat.TomcatWebServer;
import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The saturation killer: the application's Tomcat limited to 4 threads and 12 slow
 * requests in flight. Probes on the management port have their own threads and answer at
 * once; probes on the application port queue behind the user requests and blow the
 * kubelet's default 1s timeout. The second test documents that failure mode; both log the
 * latencies they measured.
 */
class ProbeLatencyUnderSaturationTests {

	private static final int THREADS = 4;

	private static final int SLOW_REQUESTS = 12;

	private static final int PROBES = 50;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	@Test
	void livenessOnTheManagementPortAnswersWithin200msAndStaysUpWhileTheApplicationPoolIsSaturated() throws Exception {
		try (StartingApplication app = StartingApplication.start(DemoApplication.class, Map.of(),
				args("--management.server.port=0"))) {
			WebServerApplicationContext context = (WebServerApplicationContext) app.context();
			// By the time a pod is under load, the startup and liveness probes have
			// called this path many
			// times; do the same so the measurement is of a warm probe path, not of its
			// first call.
			for (int i = 0; i < 10; i++) {
				assertThat(app.getManagement("/actuator/health/liveness").statusCode()).isEqualTo(200);
			}
			saturate(context, 2000);
			List<Long> latencies = new ArrayList<>();
			for (int i = 0; i < PROBES; i++) {
				long start = System.nanoTime();
				HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
				latencies.add((System.nanoTime() - start) / 1_000_000);
				assertThat(liveness.statusCode()).as(liveness.body()).isEqualTo(200);
				// The liveness group is UP (200) and holds the application-connector
				// check.
				assertThat(liveness.body()).contains("\"applicationConnector\":{");
			}
			assertThat(executor(context).getActiveCount()).as("still saturated after the probes").isEqualTo(THREADS);
			report("management port", latencies);
			assertThat(latencies).as("latencies in ms, in order")
				.allSatisfy((millis) -> assertThat(millis).isLessThan(200));
		}
	}

	@Test
	void livenessOnTheApplicationPortQueuesBehindUserRequestsAndExceedsTheKubeletTimeout() throws Exception {
		try (StartingApplication app = StartingApplication.start(DemoApplication.class, Map.of(),
				args("--management.server.port="))) {
			WebServerApplicationContext context = (WebServerApplicationContext) app.context();
			int port = context.getWebServer().getPort();
			saturate(context, 1500);
			List<CompletableFuture<Long>> probes = new ArrayList<>();
			for (int i = 0; i < PROBES; i++) {
				long start = System.nanoTime();
				probes.add(this.http
					.sendAsync(request(port, "/actuator/health/liveness", Duration.ofSeconds(30)),
							HttpResponse.BodyHandlers.ofString())
					.thenApply((response) -> (System.nanoTime() - start) / 1_000_000));
				Thread.sleep(20);
			}
			List<Long> latencies = probes.stream().map(CompletableFuture::join).toList();
			report("application port", latencies);
			long beyondKubeletTimeout = latencies.stream().filter((millis) -> millis > 1000).count();
			assertThat(beyondKubeletTimeout).as("probes slower than the default timeoutSeconds: 1")
				.isGreaterThan(PROBES / 2);
		}
	}

	private void saturate(WebServerApplicationContext context, long millis) {
		int port = context.getWebServer().getPort();
		for (int i = 0; i < SLOW_REQUESTS; i++) {
			// Fire and forget: these hold the pool; the server is stopped before they
			// would all finish.
			this.http.sendAsync(request(port, "/work?ms=" + millis, Duration.ofSeconds(60)),
					HttpResponse.BodyHandlers.discarding());
		}
		ThreadPoolExecutor executor = executor(context);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> executor.getActiveCount() == THREADS && executor.getQueue().size() == SLOW_REQUESTS - THREADS);
	}

	private static ThreadPoolExecutor executor(WebServerApplicationContext context) {
		TomcatWebServer server = (TomcatWebServer) context.getWebServer();
		return (ThreadPoolExecutor) server.getTomcat().getConnector().getProtocolHandler().getExecutor();
	}

	private static HttpRequest request(int port, String path, Duration timeout) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(timeout).build();
	}

	private static void report(String where, List<Long> latencies) {
		List<Long> sorted = latencies.stream().sorted().toList();
		System.out.printf(
				"Liveness probe latency on the %s with %d of %d request threads busy and %d queued: "
						+ "median %d ms, worst %d ms (%d probes)%n",
				where, THREADS, THREADS, SLOW_REQUESTS - THREADS, sorted.get(sorted.size() / 2),
				sorted.get(sorted.size() - 1), sorted.size());
	}

	private static String[] args(String managementPort) {
		return new String[] { "--server.port=0", managementPort, "--server.tomcat.threads.max=" + THREADS,
				"--server.tomcat.threads.min-spare=" + THREADS, "--server.shutdown=immediate",
				"--demo.warmup.duration=0s", "--spring.config.import=", "--spring.main.banner-mode=off" };
	}

}
