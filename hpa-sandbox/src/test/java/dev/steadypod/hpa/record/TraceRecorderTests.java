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

package dev.steadypod.hpa.record;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The recorder against a stand-in app on 127.0.0.1 (the demo app's tests record the real
 * one): the optional columns are filled from what the app and its cgroup offer, and left
 * empty where they offer nothing.
 */
class TraceRecorderTests {

	private static final String SERVER_METRICS = """
			http_server_requests_active_seconds_count{method="GET",uri="UNKNOWN"} 1
			http_server_requests_seconds_count{uri="/work"} %d
			http_server_requests_seconds_sum{uri="/work"} %d.5
			process_cpu_usage 0.25
			""";

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void anAppWithoutTomcatMetricsAndNoCgroupLeavesThoseColumnsEmpty() throws Exception {
		URI base = serve(() -> "");
		TraceRecorder.Trace trace = new TraceRecorder().record(new TraceRecorder.Settings(base.resolve("/work"),
				base.resolve("/metrics"), LoadProfile.parse("3s:20"), 100), (line) -> {
				});
		assertThat(trace.stoppedEarly()).isNull();
		assertThat(trace.samples()).hasSize(3).allSatisfy((sample) -> {
			assertThat(sample.hasPool()).isFalse();
			assertThat(sample.throttledMs()).isNaN();
			assertThat(sample.outstanding()).isBetween(0.0, 100.0);
		});
		// Some second saw answers.
		assertThat(trace.samples()).anySatisfy((sample) -> assertThat(sample.clientLatencyMs()).isPositive());
	}

	@Test
	void thePoolAndTheCgroupsThrottledTimeAreRecordedEverySecond(@TempDir Path cgroup) throws Exception {
		Path cpuStat = cgroup.resolve("cpu.stat");
		AtomicInteger reads = new AtomicInteger();
		Files.writeString(cpuStat, "nr_periods 0\nnr_throttled 0\nthrottled_time 0\n");
		URI base = serve(() -> {
			// Each second the cgroup is throttled for another 40 ms (in nanoseconds).
			int read = reads.incrementAndGet();
			try {
				Files.writeString(cpuStat, "nr_periods " + read * 10 + "\nnr_throttled " + read * 4
						+ "\nthrottled_time " + read * 40_000_000L + "\n");
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return "tomcat_threads_busy_threads{name=\"http-nio-8080\"} 3.0\n"
					+ "tomcat_threads_config_max_threads{name=\"http-nio-8080\"} 20.0\n";
		});
		TraceRecorder.Trace trace = new TraceRecorder().record(new TraceRecorder.Settings(base.resolve("/work"),
				MetricsSource.scrape(base.resolve("/metrics")), LoadProfile.parse("3s:20"), 100, cgroup), (line) -> {
				});
		assertThat(trace.stoppedEarly()).isNull();
		assertThat(trace.samples()).hasSize(3).allSatisfy((sample) -> {
			assertThat(sample.poolBusy()).isEqualTo(3);
			assertThat(sample.poolMax()).isEqualTo(20);
			assertThat(sample.throttledMs()).isPositive();
		});
	}

	@Test
	void aCgroupThatGoesAwayEndsTheRecordingWithWhatWasRecorded(@TempDir Path cgroup) throws Exception {
		Path cpuStat = cgroup.resolve("cpu.stat");
		Files.writeString(cpuStat, "throttled_usec 0\n");
		AtomicInteger reads = new AtomicInteger();
		URI base = serve(() -> {
			if (reads.incrementAndGet() == 3) {
				try {
					Files.delete(cpuStat);
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}
			return "";
		});
		TraceRecorder.Trace trace = new TraceRecorder().record(new TraceRecorder.Settings(base.resolve("/work"),
				MetricsSource.scrape(base.resolve("/metrics")), LoadProfile.parse("5s:10"), 100, cgroup), (line) -> {
				});
		assertThat(trace.samples()).hasSize(1);
		assertThat(trace.stoppedEarly()).startsWith("stopped early after 1 s: reading the " + cpuStat + " failed")
			.contains("does not exist");
	}

	/**
	 * A stand-in app: {@code /work} answers at once, {@code /metrics} adds to its text.
	 */
	private URI serve(java.util.function.Supplier<String> moreMetrics) throws IOException {
		AtomicInteger work = new AtomicInteger();
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/work", (exchange) -> {
			work.incrementAndGet();
			respond(exchange, "{}");
		});
		this.server.createContext("/metrics", (exchange) -> respond(exchange,
				String.format(SERVER_METRICS, work.get(), work.get()) + moreMetrics.get()));
		this.server.start();
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private static void respond(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
