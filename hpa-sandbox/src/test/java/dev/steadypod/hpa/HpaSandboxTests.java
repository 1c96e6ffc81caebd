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

package dev.steadypod.hpa;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.steadypod.hpa.record.TraceCsv;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's answers to bad input. */
class HpaSandboxTests {

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void noCommandPrintsTheUsage() {
		assertThat(run()).isEqualTo(2);
		assertThat(this.err.toString()).contains("error: give a command: record, replay, compare")
			.contains("Usage: hpa-sandbox [-hV] [COMMAND]")
			.containsPattern("(?m)^  record +Drive an app");
	}

	@Test
	void anUnknownCommandIsNamed() {
		assertThat(run("simulate")).isEqualTo(2);
		assertThat(this.err.toString()).contains("unknown command 'simulate'")
			.contains("Commands:")
			.containsPattern("(?m)^  record ")
			.containsPattern("(?m)^  replay ")
			.containsPattern("(?m)^  compare ")
			.containsPattern("(?m)^  recommend ");
	}

	@Test
	void aMissingOptionIsNamed() {
		assertThat(run("record", "--request", "http://127.0.0.1:1/work", "--profile", "1s:1", "--out", "t.csv"))
			.isEqualTo(2);
		assertThat(this.err.toString())
			.contains("error: Missing required argument (specify one of these): (--metrics=URL | [--prometheus=URL")
			.contains("Run 'hpa-sandbox record --help' for its options.");
	}

	@Test
	void aSelectorNeedsAPrometheusAndTheSourcesExcludeEachOther() {
		assertThat(run("record", "--request", "http://127.0.0.1:1/work", "--metrics", "http://127.0.0.1:1/m",
				"--selector", "job=\"demo\"", "--profile", "1s:1", "--out", "t.csv"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("error: Missing required argument(s): --prometheus=URL");
		this.err.reset();
		assertThat(run("record", "--request", "http://127.0.0.1:1/work", "--metrics", "http://127.0.0.1:1/m",
				"--prometheus", "http://127.0.0.1:1", "--profile", "1s:1", "--out", "t.csv"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("--metrics=URL and [--prometheus=URL")
			.contains("are mutually exclusive");
	}

	@Test
	void aCountBelowItsMinimumIsNamed() {
		assertThat(run("record", "--request", "http://127.0.0.1:1/work", "--metrics", "http://127.0.0.1:1/m",
				"--profile", "1s:1", "--out", "t.csv", "--max-outstanding", "0"))
			.isEqualTo(2);
		assertThat(this.err.toString())
			.contains("Invalid value for option '--max-outstanding': must be a whole number of at least 1, was '0'");
	}

	@Test
	void eachCommandsHelpListsItsOptionsWithTheirDefaults() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		for (String command : new String[] { "record", "replay", "compare", "recommend" }) {
			out.reset();
			assertThat(
					HpaSandbox.run(new String[] { command, "--help" }, new PrintStream(out), new PrintStream(this.err)))
				.isZero();
			assertThat(out.toString()).startsWith("Usage: hpa-sandbox " + command + " [-hV]").contains("  -h, --help");
		}
		out.reset();
		assertThat(HpaSandbox.run(new String[] { "record", "--help" }, new PrintStream(out), new PrintStream(this.err)))
			.isZero();
		assertThat(out.toString()).contains("--request=URL")
			.containsPattern("\\(--metrics=URL \\| \\[--prometheus=URL\\s+\\[--selector=MATCHERS]]\\)")
			.contains("--cgroup=DIR")
			.containsPattern("--max-outstanding=N +Requests in flight beyond which sends are skipped and counted.\\s+"
					+ "Default: 2000");
		assertThat(this.err.toString()).isEmpty();
	}

	@Test
	void aBadProfileAndANonHttpUrlAreExplained() {
		assertThat(run("record", "--request", "http://127.0.0.1:1/work", "--metrics", "http://127.0.0.1:1/m",
				"--profile", "fast", "--out", "t.csv"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("Invalid value for option '--profile': stage 'fast' is not");
		assertThat(run("record", "--request", "ftp://x/work", "--metrics", "http://127.0.0.1:1/m", "--profile", "1s:1",
				"--out", "t.csv"))
			.isEqualTo(2);
		assertThat(this.err.toString())
			.contains("Invalid value for option '--request': must be an http(s) URL, was 'ftp://x/work'");
	}

	@Test
	void anUnreachableAppIsAnIoFailure() {
		assertThat(run("record", "--request", "http://127.0.0.1:1/work", "--metrics", "http://127.0.0.1:1/m",
				"--profile", "1s:1", "--out", "t.csv"))
			.isEqualTo(1);
		assertThat(this.err.toString()).startsWith("error:");
	}

	@Test
	void aFailingScrapeKeepsWhatWasRecordedAndSaysWhereItStopped(@TempDir Path dir) throws Exception {
		AtomicInteger scrapes = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/work", (exchange) -> respond(exchange, 200, "{}"));
		server.createContext("/metrics", (exchange) -> {
			if (scrapes.incrementAndGet() <= 3) {
				respond(exchange, 200, "http_server_requests_active_seconds_count 2\nprocess_cpu_usage 0.5\n");
			}
			else {
				respond(exchange, 503, "overloaded");
			}
		});
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			Path out = dir.resolve("trace.csv");
			assertThat(run("record", "--request", base + "/work", "--metrics", base + "/metrics", "--profile", "10s:5",
					"--out", out.toString()))
				.isEqualTo(1);
			assertThat(this.err.toString()).contains("stopped early after 2 s").contains("answered 503");
			assertThat(TraceCsv.read(out)).hasSize(2);
			assertThat(Files.readString(out)).contains("# stopped early after 2 s");
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void eachNoteIsALineOfTheTracesHeader(@TempDir Path dir) throws Exception {
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/work", (exchange) -> respond(exchange, 200, "{}"));
		server.createContext("/metrics", (exchange) -> respond(exchange, 200,
				"http_server_requests_active_seconds_count 2\nprocess_cpu_usage 0.5\n"));
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			Path out = dir.resolve("trace.csv");
			assertThat(run("record", "--request", base + "/work", "--metrics", base + "/metrics", "--profile", "2s:2",
					"--out", out.toString(), "--note", "machine: 2 processors, 24 GiB", "--note",
					"pod: cpu request 500m, limit none"))
				.as(this.err.toString())
				.isZero();
			assertThat(Files.readAllLines(out)).contains("# machine: 2 processors, 24 GiB",
					"# pod: cpu request 500m, limit none");
			assertThat(TraceCsv.machineProcessors(out)).hasValue(2);
			assertThat(TraceCsv.podCpuRequestMillis(out)).hasValue(500);
		}
		finally {
			server.stop(0);
		}
	}

	@Test
	void throughPrometheusASecondWithoutAFreshScrapeIsSkippedAndCounted(@TempDir Path dir) throws Exception {
		AtomicInteger reads = new AtomicInteger();
		HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/work", (exchange) -> respond(exchange, 200, "{}"));
		server.createContext("/api/v1/query", (exchange) -> {
			int read = reads.incrementAndGet();
			// The third read finds the series stale, as after a failed scrape.
			String result = (read == 3) ? "[]"
					: "[{\"metric\":{\"__name__\":\"http_server_requests_active_seconds_count\",\"job\":\"demo\"},"
							+ "\"value\":[1764320400," + "\"" + read + "\"]}]";
			respond(exchange, 200,
					"{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":" + result + "}}");
		});
		server.start();
		try {
			String base = "http://127.0.0.1:" + server.getAddress().getPort();
			Path out = dir.resolve("trace.csv");
			assertThat(run("record", "--request", base + "/work", "--prometheus", base, "--selector", "job=\"demo\"",
					"--profile", "4s:5", "--out", out.toString()))
				.isZero();
			assertThat(TraceCsv.read(out)).extracting((sample) -> sample.second()).containsExactly(1L, 3L, 4L);
			assertThat(Files.readString(out))
				.contains("seconds skipped (no fresh in-flight series, e.g. a failed scrape) 1")
				.contains("metrics queried every second from Prometheus at " + base);
		}
		finally {
			server.stop(0);
		}
	}

	private static void respond(HttpExchange exchange, int status, String body) throws java.io.IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private int run(String... args) {
		return HpaSandbox.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(this.err));
	}

}
