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

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Set;

import dev.steadypod.hpa.signal.PromQl.RangeBounds;
import dev.steadypod.hpa.signal.PromQl.Sample;
import dev.steadypod.hpa.signal.Signal;
import dev.steadypod.testsupport.PrometheusServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sandbox's {@link Signal}s against a real Prometheus: the demo app under a real load
 * of several URIs and statuses for over a minute, scraped every second with the labels
 * Kubernetes service discovery attaches; at several evaluation times each signal's
 * per-pod query, answered by Prometheus, equals {@link Signal#evaluate} over the raw
 * samples the same Prometheus holds. A replay that computes its signals this way scales
 * on what a cluster's HPA would see.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "spring.config.import=",
				// Tomcat's thread-pool gauges come from its MBeans.
				"server.tomcat.mbeanregistry.enabled=true" })
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SignalsAgreeWithPrometheusTests {

	private static final String NAMESPACE = "shop";

	private static final String POD = "demo-7d9f-x2k4q";

	/** As prometheus-adapter writes them for one pod. */
	private static final String MATCHERS = "namespace=\"" + NAMESPACE + "\",pod=~\"" + POD + "\"";

	/** Wider than the rate window and the lookback: the selection is Signal's to make. */
	private static final String RAW_RANGE = "[6m]";

	private static final double RELATIVE = 1e-9;

	private static final Set<Signal> PROMETHEUS_SIGNALS = EnumSet.complementOf(EnumSet.of(Signal.CPU));

	@Autowired
	private Environment environment;

	private PrometheusServer prometheus;

	@BeforeAll
	void startPrometheus(@TempDir Path workDir) throws Exception {
		Path binary = ScrapingPrometheus.binary("the signal queries").orElse(null);
		if (binary == null) {
			return;
		}
		// The in-flight timer is registered on the first request.
		SlowRequests.start(port("local.server.port"), 1, Duration.ZERO).close();
		this.prometheus = ScrapingPrometheus.scrape(binary, workDir, this.environment,
				Map.of("namespace", NAMESPACE, "pod", POD), Duration.ofSeconds(15));
	}

	@AfterAll
	void stopPrometheus() {
		if (this.prometheus != null) {
			this.prometheus.close();
		}
	}

	@Test
	void eachSignalEqualsWhatPrometheusComputesFromTheSameScrapes() throws Exception {
		assumeTrue(this.prometheus != null, () -> "Skipped: " + ScrapingPrometheus.MISSING);
		PrometheusAtTime api = new PrometheusAtTime(this.prometheus.port());
		String version = api.version();
		RangeBounds bounds = (Integer.parseInt(version.split("\\.")[0]) >= 3) ? RangeBounds.LEFT_OPEN
				: RangeBounds.CLOSED;
		long loadStart = System.currentTimeMillis();
		Map<Integer, Integer> statuses;
		try (MixedLoad load = MixedLoad.start(port("local.server.port"))) {
			load.client("/work?ms=40", "/work?ms=-1")
				.client("/work?ms=150&cpuMs=1", "/greeting")
				.client("/work?ms=80", "/greeting")
				.client("/work?ms=300");
			awaitScrapedUntil(api, loadStart + 30_000);
			// Series that begin inside later rate windows: extrapolation from a series'
			// start, not from the window's.
			load.client("/missing", "/work?ms=20");
			awaitScrapedUntil(api, loadStart + 66_000);
			statuses = load.statuses();
		}
		long loadEnd = System.currentTimeMillis();
		awaitScrapedUntil(api, loadEnd + 4_000);
		assertThat(statuses).containsKeys(200, 400, 404);

		// A scrape exactly one window before an evaluation time: on the range's start.
		long boundary = scrapeTimes(api, loadStart + 62_000).stream()
			.filter((t) -> t >= loadStart + 2_000)
			.findFirst()
			.orElseThrow() + Signal.RATE_WINDOW.toMillis();
		Map<String, Long> times = new LinkedHashMap<>();
		times.put("15 s into the load", loadStart + 15_000);
		times.put("5 s after the late series began", loadStart + 35_000);
		times.put("45.321 s into the load", loadStart + 45_321);
		times.put("a window after a scrape", boundary);
		times.put("66 s into the load", loadStart + 66_000);
		times.put("3 s after the load", loadEnd + 3_000);

		List<String> agreements = new ArrayList<>();
		for (Map.Entry<String, Long> time : times.entrySet()) {
			long eval = time.getValue();
			for (Signal signal : PROMETHEUS_SIGNALS) {
				OptionalDouble fromPrometheus = api.valueForPod(signal.perPodQuery(MATCHERS), eval, POD);
				Map<String, List<List<Sample>>> scrapes = rawSamples(api, signal, eval);
				OptionalDouble fromSignal = signal.evaluate(scrapes, eval, Signal.RATE_WINDOW, bounds);
				String what = signal + " " + time.getKey() + " (Prometheus " + version + ", " + bounds + ")";
				if (eval <= loadEnd) {
					assertThat(fromPrometheus).as(what + " has a value under load").isPresent();
				}
				assertThat(fromSignal.isPresent()).as(what + ": both have a value or neither")
					.isEqualTo(fromPrometheus.isPresent());
				if (fromPrometheus.isPresent()) {
					double expected = fromPrometheus.getAsDouble();
					assertThat(fromSignal.getAsDouble()).as(what)
						.isCloseTo(expected, offset(RELATIVE * Math.abs(expected)));
					agreements.add(what + ": " + expected + " from " + seriesCount(scrapes) + " series");
				}
				if (eval == boundary && signal.perPodQuery(MATCHERS).contains("rate(")) {
					// The sample on the range's start decides: the other bounds disagree.
					RangeBounds other = (bounds == RangeBounds.CLOSED) ? RangeBounds.LEFT_OPEN : RangeBounds.CLOSED;
					assertThat(signal.evaluate(scrapes, eval, Signal.RATE_WINDOW, other).getAsDouble())
						.as(what + " with " + other)
						.isNotCloseTo(fromPrometheus.getAsDouble(), offset(RELATIVE * fromPrometheus.getAsDouble()));
				}
			}
		}
		System.out
			.println("Load " + statuses + "; Signal agreed with Prometheus:\n  " + String.join("\n  ", agreements));
	}

	private static Map<String, List<List<Sample>>> rawSamples(PrometheusAtTime api, Signal signal, long eval)
			throws Exception {
		Map<String, List<List<Sample>>> scrapes = new LinkedHashMap<>();
		for (String name : signal.seriesNames()) {
			scrapes.put(name, api.samples(name + "{" + MATCHERS + "}" + RAW_RANGE, eval));
		}
		return scrapes;
	}

	private static String seriesCount(Map<String, List<List<Sample>>> scrapes) {
		return String.join(" / ", scrapes.values().stream().map((series) -> String.valueOf(series.size())).toList());
	}

	/** The times Prometheus scraped the pod, up to {@code eval}. */
	private static List<Long> scrapeTimes(PrometheusAtTime api, long eval) throws Exception {
		return api.samples("up{" + MATCHERS + "}" + RAW_RANGE, eval)
			.stream()
			.flatMap(List::stream)
			.map(Sample::timeMillis)
			.toList();
	}

	/** Waits until Prometheus holds a scrape at or after {@code millis}. */
	private static void awaitScrapedUntil(PrometheusAtTime api, long millis) {
		long now = System.currentTimeMillis();
		await("a scrape at or after " + millis).atMost(Duration.ofMillis(Math.max(0, millis - now) + 10_000))
			.pollInterval(Duration.ofMillis(500))
			.until(() -> api.valueForPod("max(timestamp(up{" + MATCHERS + "})) by (pod)", System.currentTimeMillis(),
					POD), (last) -> last.isPresent() && last.getAsDouble() * 1000 >= millis);
	}

	private int port(String property) {
		return this.environment.getRequiredProperty(property, Integer.class);
	}

}
