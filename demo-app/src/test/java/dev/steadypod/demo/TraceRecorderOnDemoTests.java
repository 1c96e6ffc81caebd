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

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.steadypod.hpa.HpaSandbox;
import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.record.MetricsSource;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceRecorder;
import dev.steadypod.hpa.record.TraceSample;
import dev.steadypod.testsupport.PrometheusServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The HPA sandbox's recorder on the real demo app: an open-loop load of {@code /work}
 * requests that hold, burn CPU and allocate, sampled every second from the management
 * port's {@code /actuator/prometheus}, or through a real Prometheus scraping it, next to
 * what the load generator saw and the demo's Tomcat request pool (which the demo exports
 * through its own configuration).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"spring.config.import=", "server.tomcat.threads.max=" + TraceRecorderOnDemoTests.POOL_THREADS })
class TraceRecorderOnDemoTests {

	static final int POOL_THREADS = 37;

	@Autowired
	private Environment environment;

	@Test
	void recordsInFlightRequestsCpuAndLatencyEverySecond(@TempDir Path dir) throws Exception {
		int app = this.environment.getRequiredProperty("local.server.port", Integer.class);
		int management = this.environment.getRequiredProperty("local.management.port", Integer.class);
		// The in-flight timer exists from the first request on.
		SlowRequests.start(app, 1, java.time.Duration.ZERO).close();
		TraceRecorder.Settings settings = new TraceRecorder.Settings(
				URI.create("http://127.0.0.1:" + app + "/work?ms=200&cpuMs=2&allocKb=64"),
				URI.create("http://127.0.0.1:" + management + "/actuator/prometheus"),
				LoadProfile.parse("3s:10->40,4s:40"), 500);
		List<String> progress = new ArrayList<>();
		TraceRecorder.Trace trace = new TraceRecorder().record(settings, progress::add);
		assertThat(trace.samples()).extracting(TraceSample::second).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
		assertThat(trace.sent()).isBetween(150L, 260L);
		assertThat(trace.failed()).isZero();
		// 40 requests a second held 200 ms each: about 8 in flight on the plateau.
		assertThat(trace.samples()).extracting(TraceSample::inFlight).anySatisfy((v) -> assertThat(v).isGreaterThan(2));
		assertThat(trace.samples()).extracting(TraceSample::completedRps)
			.anySatisfy((v) -> assertThat(v).isGreaterThan(20));
		assertThat(trace.samples()).extracting(TraceSample::latencyMs)
			.anySatisfy((v) -> assertThat(v).isGreaterThanOrEqualTo(200));
		assertThat(trace.samples()).extracting(TraceSample::cpu).anySatisfy((v) -> assertThat(v).isPositive());
		assertSeenByTheLoadGeneratorAndThePool(trace, exportedPoolMax(management));
		Path file = dir.resolve("trace.csv");
		TraceCsv.write(file, List.of("test"), trace.samples());
		assertThat(TraceCsv.read(file))
			.extracting(TraceSample::second, TraceSample::inFlight, TraceSample::outstanding, TraceSample::poolMax)
			.containsExactlyElementsOf(trace.samples()
				.stream()
				.map((sample) -> org.assertj.core.groups.Tuple.tuple(sample.second(), sample.inFlight(),
						sample.outstanding(), sample.poolMax()))
				.toList());
	}

	/**
	 * The sum of the {@code tomcat_threads_config_max_threads} series the app exports,
	 * after checking that one of them is its own connector's configured limit. Micrometer
	 * reads every Tomcat thread pool registered in the JVM's MBean server, so in this
	 * test JVM the series of other test classes' cached contexts appear next to this
	 * app's.
	 */
	static double exportedPoolMax(int management) throws Exception {
		String scrape = java.net.http.HttpClient.newHttpClient()
			.send(java.net.http.HttpRequest
				.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/prometheus"))
				.build(), java.net.http.HttpResponse.BodyHandlers.ofString())
			.body();
		List<String> series = scrape.lines()
			.filter((line) -> line.startsWith("tomcat_threads_config_max_threads{"))
			.toList();
		// On a random port Tomcat names its connector http-nio-auto-N, so this app's pool
		// is the
		// one with the limit only this test sets.
		assertThat(series).extracting((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.containsOnlyOnce((double) POOL_THREADS);
		return series.stream()
			.mapToDouble((line) -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
			.sum();
	}

	/**
	 * The load generator's latency includes the server's (and the network and any queue
	 * in front of the pool); requests are outstanding while held; the pool's limit is
	 * what the app exports (its own connector's configured limit, see
	 * {@link #exportedPoolMax}).
	 */
	private static void assertSeenByTheLoadGeneratorAndThePool(TraceRecorder.Trace trace, double poolMax) {
		List<TraceSample> answered = trace.samples()
			.stream()
			.filter((sample) -> sample.hasClientView() && sample.completedRps() > 0)
			.toList();
		assertThat(answered).isNotEmpty();
		double client = answered.stream().mapToDouble(TraceSample::clientLatencyMs).average().orElseThrow();
		double server = answered.stream().mapToDouble(TraceSample::latencyMs).average().orElseThrow();
		assertThat(client).isGreaterThanOrEqualTo(server);
		assertThat(trace.samples()).allSatisfy((sample) -> assertThat(sample.outstanding()).isNotNaN());
		assertThat(trace.samples()).extracting(TraceSample::outstanding)
			.anySatisfy((v) -> assertThat(v).isGreaterThan(2));
		assertThat(trace.samples()).allSatisfy((sample) -> {
			assertThat(sample.hasPool()).isTrue();
			assertThat(sample.poolMax()).isEqualTo(poolMax);
			assertThat(sample.poolBusy()).isBetween(0.0, poolMax);
		});
		assertThat(trace.samples()).extracting(TraceSample::poolBusy).anySatisfy((v) -> assertThat(v).isPositive());
		assertThat(trace.samples()).allSatisfy((sample) -> assertThat(sample.throttledMs()).isNaN());
	}

	@Test
	void recordsThroughARealPrometheusScrapingTheApp(@TempDir Path dir) throws Exception {
		Path binary = PrometheusServer.binary().orElse(null);
		if (binary == null && "true".equals(System.getenv("CI"))) {
			fail("CI must record through a real Prometheus, but the prometheus binary is not on the PATH: install"
					+ " the Debian package '" + PrometheusServer.DEBIAN_PACKAGE + "'; .ci/run installs it");
		}
		assumeTrue(binary != null, "Skipped: the prometheus binary is not on the PATH");
		int app = this.environment.getRequiredProperty("local.server.port", Integer.class);
		int management = this.environment.getRequiredProperty("local.management.port", Integer.class);
		SlowRequests.start(app, 1, java.time.Duration.ZERO).close();
		try (PrometheusServer prometheus = PrometheusServer.start(binary, dir, "127.0.0.1:" + management,
				"/actuator/prometheus", Map.of("app", "demo"))) {
			MetricsSource source = MetricsSource.prometheus(URI.create("http://127.0.0.1:" + prometheus.port()),
					"app=\"demo\"");
			// Prometheus has the series once it has scraped the app.
			await("first scrape").atMost(java.time.Duration.ofSeconds(15))
				.ignoreExceptionsInstanceOf(IllegalStateException.class)
				.until(() -> source.read().containsKey("http_server_requests_active_seconds_count"));
			TraceRecorder.Settings settings = new TraceRecorder.Settings(
					URI.create("http://127.0.0.1:" + app + "/work?ms=200&cpuMs=2&allocKb=64"), source,
					LoadProfile.parse("3s:10->40,5s:40"), 500);
			TraceRecorder.Trace trace = new TraceRecorder().record(settings, (line) -> {
			});
			assertThat(trace.stoppedEarly()).isNull();
			assertThat(trace.samples()).hasSize(8);
			assertThat(trace.failed()).isZero();
			assertThat(trace.samples()).extracting(TraceSample::inFlight)
				.anySatisfy((v) -> assertThat(v).isGreaterThan(2));
			assertThat(trace.samples()).extracting(TraceSample::completedRps)
				.anySatisfy((v) -> assertThat(v).isGreaterThan(20));
			assertThat(trace.samples()).extracting(TraceSample::latencyMs)
				.anySatisfy((v) -> assertThat(v).isGreaterThanOrEqualTo(200));
			assertSeenByTheLoadGeneratorAndThePool(trace, exportedPoolMax(management));
			assertThat(source.description()).contains("Prometheus at http://127.0.0.1:" + prometheus.port());
		}
	}

	@Test
	void recordingFromAnEndpointThatIsNotPrometheusFailsWithTheOffendingLine() {
		int management = this.environment.getRequiredProperty("local.management.port", Integer.class);
		ByteArrayOutputStream err = new ByteArrayOutputStream();
		int exit = HpaSandbox.run(new String[] { "record", "--request",
				"http://127.0.0.1:" + management + "/actuator/health", "--metrics",
				"http://127.0.0.1:" + management + "/actuator/health", "--profile", "1s:1", "--out", "x.csv" },
				new PrintStream(new ByteArrayOutputStream()), new PrintStream(err));
		assertThat(exit).isEqualTo(2);
		assertThat(err.toString()).contains("error: line 1 is not a Prometheus sample");
	}

}
