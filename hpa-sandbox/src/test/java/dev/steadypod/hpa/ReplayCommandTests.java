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
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code replay} from the command line, good input and bad. */
class ReplayCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path dir;

	private HttpServer prometheus;

	/**
	 * The chart's values on in-flight requests alone, which the synthetic trace and the
	 * fake Prometheus have, for the tests of the command's mechanics.
	 */
	private Path values() throws IOException {
		return ChartValues.withOnly("inFlight", this.dir.resolve("values.yaml"));
	}

	@AfterEach
	void stopPrometheus() {
		if (this.prometheus != null) {
			this.prometheus.stop(0);
		}
	}

	@Test
	void replayPrintsTheDecisionsAndTheReport() throws Exception {
		Path trace = trace();
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace.toString(), "--profile", "spike",
				"--slo-ms", "150"))
			.as(this.err.toString())
			.isZero();
		String text = this.out.toString();
		assertThat(text).contains("hpa: 2..10 replicas on http_requests_in_flight 10 per pod, with a behavior")
			.contains("one pod takes")
			.contains("decisions (seed 1):")
			.containsPattern("\\d+:\\d\\d +\\d+ -> +\\d+ +ideal")
			.contains("right-sized:")
			.contains("scale-up lag P95:")
			.contains("pod-minutes beyond the ideal count per run:");
	}

	@Test
	void theChartsDefaultValuesReplayOnATraceWithThePoolColumns() throws Exception {
		Path trace = CommandTraces.poolBound(this.dir.resolve("pool.csv"));
		assertThat(run("replay", "--hpa", ChartValues.FILE.toString(), "--trace", trace.toString(), "--profile",
				"spike", "--decisions", "none"))
			.as(this.err.toString())
			.isZero();
		assertThat(this.out.toString())
			.containsPattern("hpa: 2\\.\\.10 replicas on [^\\n]*cpu[^\\n]*tomcat_threads_busy_ratio")
			.contains("right-sized:");
	}

	@Test
	void theChartsDefaultValuesOnATraceWithoutThePoolColumnsNameThem() throws Exception {
		assertThat(run("replay", "--hpa", ChartValues.FILE.toString(), "--trace", trace().toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains("error: the HPA scales on tomcat_threads_busy_ratio (busy / max web"
				+ " server threads), but trace.csv has no pool_busy and pool_max columns");
	}

	@Test
	void theSameSeedPrintsTheSameReplay() throws Exception {
		Path trace = trace();
		String[] args = { "replay", "--hpa", values().toString(), "--trace", trace.toString(), "--profile", "daily",
				"--seed", "7" };
		assertThat(run(args)).isZero();
		String first = this.out.toString();
		this.out.reset();
		assertThat(run(args)).isZero();
		assertThat(this.out.toString()).isEqualTo(first);
	}

	@Test
	void aLongReplayPrintsProgress() throws Exception {
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace().toString(), "--profile", "10800s:60",
				"--decisions", "none"))
			.isZero();
		assertThat(this.err.toString()).contains("stages: replayed 60 of 180 minutes")
			.contains("replayed 120 of 180 minutes");
	}

	@Test
	void aTraceWithoutTheNeededColumnsNamesThem() throws Exception {
		Path trace = Files.writeString(this.dir.resolve("t.csv"), "second,cpu,latency_ms\n1,0.5,20\n");
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace.toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains("the header lacks the columns completed_rps, in_flight");
	}

	@Test
	void anUnknownMetricInTheHpaIsNamed() throws Exception {
		Path hpa = Files.writeString(this.dir.resolve("hpa.yaml"), """
				apiVersion: autoscaling/v2
				kind: HorizontalPodAutoscaler
				spec:
				  maxReplicas: 5
				  metrics:
				    - type: External
				      external: {metric: {name: sqs_messages}, target: {type: Value, value: "30"}}
				""");
		assertThat(run("replay", "--hpa", hpa.toString(), "--trace", trace().toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains("is the metric 'External'").contains("which a replay cannot drive");
	}

	@Test
	void malformedYamlIsNamed() throws Exception {
		Path hpa = Files.writeString(this.dir.resolve("hpa.yaml"), "autoscaling: {minReplicas: 2\n");
		assertThat(run("replay", "--hpa", hpa.toString(), "--trace", trace().toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains("hpa.yaml is not valid YAML");
	}

	@Test
	void aMissingFileAndAnUnknownOptionAreNamed() throws Exception {
		assertThat(run("replay", "--hpa", "nowhere.yaml", "--trace", "t.csv")).isEqualTo(2);
		assertThat(this.err.toString()).contains("no such file: nowhere.yaml");
		assertThat(run("replay", "--hpa", values().toString(), "--trace", "t.csv", "--speed", "2")).isEqualTo(2);
		assertThat(this.err.toString()).contains("Unknown options: '--speed', '2'");
		assertThat(run("replay", "--hpa", values().toString())).isEqualTo(2);
		assertThat(this.err.toString())
			.contains("Missing required argument (specify one of these): (--trace=FILE | [--prometheus=URL");
	}

	@Test
	void aDurationADecisionsChoiceAndARangeThatDoNotParseAreNamed() throws Exception {
		String trace = trace().toString();
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace, "--startup", "33")).isEqualTo(2);
		assertThat(this.err.toString()).contains(
				"Invalid value for option '--startup': must be a duration such as 15s, 2m or 1h (s, m, h or d), was '33'");
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace, "--decisions", "some")).isEqualTo(2);
		assertThat(this.err.toString())
			.contains("Invalid value for option '--decisions': must be rescales, all or none, was 'some'");
		assertThat(run("replay", "--hpa", values().toString(), "--prometheus", "http://127.0.0.1:1", "--start",
				"yesterday", "--end", "2026-11-28T09:20:00Z"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains(
				"Invalid value for option '--start': must be an instant such as 2026-11-28T09:00:00Z, was 'yesterday'");
		assertThat(run("replay", "--hpa", values().toString(), "--prometheus", "http://127.0.0.1:1")).isEqualTo(2);
		assertThat(this.err.toString())
			.contains("Missing required argument(s): (--last=DURATION | [--start=INSTANT --end=INSTANT])");
	}

	@Test
	void replaysHelpGivesEachOptionsDefault() {
		assertThat(run("replay", "--help")).isZero();
		assertThat(this.out.toString()).contains("(--trace=FILE |")
			.contains("[--prometheus=URL")
			.containsPattern("--startup=DURATION +Pod creation to ready[^\\n]*\\n[^\\n]*\\n +Default: 33s")
			.containsPattern("--step=DURATION +The range query's resolution[^\\n]*\\n +Default: 15s")
			.contains("--decisions=WHICH");
	}

	@Test
	void aPrometheusRangeQueryIsATrace() throws Exception {
		String url = fakePrometheus(true);
		assertThat(run("replay", "--hpa", values().toString(), "--prometheus", url, "--selector", "namespace=\"shop\"",
				"--start", "2026-11-28T09:00:00Z", "--end", "2026-11-28T09:20:00Z", "--step", "15s"))
			.as(this.err.toString())
			.isZero();
		assertThat(this.err.toString())
			.contains("querying in_flight: sum(http_server_requests_active_seconds_count{namespace=\"shop\"})");
		assertThat(this.out.toString()).contains("trace: 81 samples").contains("report:");
	}

	@Test
	void theChartsDefaultValuesReplayOnAPrometheusRangeWithTomcatsThreadSeries() throws Exception {
		String url = fakePrometheus(true, true);
		assertThat(run("replay", "--hpa", ChartValues.FILE.toString(), "--prometheus", url, "--selector",
				"namespace=\"shop\"", "--start", "2026-11-28T09:00:00Z", "--end", "2026-11-28T09:20:00Z", "--step",
				"15s", "--decisions", "none"))
			.as(this.err.toString())
			.isZero();
		assertThat(this.err.toString())
			.contains("querying pool_busy: sum(tomcat_threads_busy_threads{namespace=\"shop\"})")
			.contains("querying pool_max: sum(tomcat_threads_config_max_threads{namespace=\"shop\"})");
		assertThat(this.out.toString())
			.containsPattern("hpa: 2\\.\\.10 replicas on [^\\n]*cpu[^\\n]*tomcat_threads_busy_ratio")
			.contains("capacity basis: server-side latency (the trace has no client view)")
			.contains("right-sized:");
	}

	@Test
	void theChartsDefaultValuesOnAPrometheusRangeWithoutTomcatsThreadSeriesNameThem() throws Exception {
		String url = fakePrometheus(true, false);
		assertThat(run("replay", "--hpa", ChartValues.FILE.toString(), "--prometheus", url, "--start",
				"2026-11-28T09:00:00Z", "--end", "2026-11-28T09:20:00Z"))
			.isEqualTo(2);
		assertThat(this.err.toString())
			.contains("no tomcat_threads_busy_threads or tomcat_threads_config_max_threads series in the range")
			.contains("error: the HPA scales on tomcat_threads_busy_ratio (busy / max web server threads), but the"
					+ " Prometheus range has no pool_busy and pool_max columns");
	}

	@Test
	void anEmptyRangeIsNamed() throws Exception {
		String url = fakePrometheus(false);
		assertThat(run("replay", "--hpa", values().toString(), "--prometheus", url, "--last", "30m")).isEqualTo(2);
		assertThat(this.err.toString()).contains("the range is empty")
			.contains("sum(http_server_requests_active_seconds_count{})");
	}

	@Test
	void aRangeTooLongForPrometheusIsNamed() throws Exception {
		assertThat(run("replay", "--hpa", values().toString(), "--prometheus", "http://127.0.0.1:1", "--last", "30d",
				"--step", "15s"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("Prometheus answers at most 11000");
	}

	@Test
	void theTracesMachineLineSetsTheProcessorsUnlessTheOptionIsGiven() throws Exception {
		Path trace = trace();
		List<String> lines = new ArrayList<>(Files.readAllLines(trace));
		lines.add(0, "# machine: 2 processors, 24 GiB");
		Files.write(trace, lines);
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace.toString(), "--profile", "spike",
				"--slo-ms", "150", "--decisions", "none"))
			.as(this.err.toString())
			.isZero();
		assertThat(this.out.toString())
			.contains("cpu: the trace's cpu column read as a share of 2 processors (the trace's '# machine' line);"
					+ " a starting pod uses 0.50 of them");
		this.out.reset();
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace.toString(), "--profile", "spike",
				"--slo-ms", "150", "--decisions", "none", "--processors", "1"))
			.as(this.err.toString())
			.isZero();
		assertThat(this.out.toString()).contains(
				"cpu: the trace's cpu column read as a share of 1 processors (--processors); a starting pod uses 1.00"
						+ " of them");
	}

	@Test
	void aTraceWithoutAMachineLineIsReadAsOneProcessor() throws Exception {
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace().toString(), "--profile", "spike",
				"--slo-ms", "150", "--decisions", "none"))
			.as(this.err.toString())
			.isZero();
		assertThat(this.out.toString())
			.contains("cpu: the trace's cpu column read as a share of 1 processors (the default)");
	}

	@Test
	void theClusterOptionsReachTheSettingsAndAreReported() throws Exception {
		String trace = trace().toString();
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace, "--profile", "spike", "--decisions",
				"none"))
			.as(this.err.toString())
			.isZero();
		assertThat(this.out.toString()).contains("rate() over [1m] as Prometheus 3 evaluates it (left-open ranges);"
				+ " HPAConfigurableTolerance on (an HPA's own tolerance applies)");
		this.out.reset();
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace, "--profile", "spike", "--decisions",
				"none", "--configurable-tolerance=false", "--adapter-rate-window", "2m", "--prometheus-version", "2"))
			.as(this.err.toString())
			.isZero();
		assertThat(this.out.toString()).contains("rate() over [2m] as Prometheus 2 evaluates it (closed ranges);"
				+ " HPAConfigurableTolerance off (the controller's tolerance for every HPA)");
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace, "--prometheus-version", "1"))
			.isEqualTo(2);
		assertThat(this.err.toString())
			.contains("Invalid value for option '--prometheus-version': must be 2 or 3, was '1'");
	}

	@Test
	void theFeatureGateDecidesWhetherTheHpasOwnToleranceApplies() throws Exception {
		Path hpa = Files.writeString(this.dir.resolve("hpa.yaml"),
				"""
						apiVersion: autoscaling/v2
						kind: HorizontalPodAutoscaler
						spec:
						  minReplicas: 1
						  maxReplicas: 10
						  metrics:
						    - type: Pods
						      pods: {metric: {name: http_requests_concurrency}, target: {type: AverageValue, averageValue: "10"}}
						  behavior:
						    scaleUp: {tolerance: "0.9"}
						    scaleDown: {tolerance: "0.9"}
						""");
		String[] args = { "replay", "--hpa", hpa.toString(), "--trace", trace().toString(), "--profile", "staged",
				"--slo-ms", "150" };
		assertThat(run(args)).as(this.err.toString()).isZero();
		String on = decisions(this.out.toString());
		this.out.reset();
		assertThat(run(concat(args, "--configurable-tolerance=false"))).as(this.err.toString()).isZero();
		String off = decisions(this.out.toString());
		assertThat(on.lines().count()).isLessThan(off.lines().count());
		this.out.reset();
		assertThat(run(concat(args, "--configurable-tolerance"))).isZero();
		assertThat(decisions(this.out.toString())).isEqualTo(on);
	}

	@Test
	void eachProposalIsPrintedWithItsMetricsName() throws Exception {
		Path hpa = Files.writeString(this.dir.resolve("hpa.yaml"), """
				apiVersion: autoscaling/v2
				kind: HorizontalPodAutoscaler
				spec:
				  maxReplicas: 10
				  metrics:
				    - type: Resource
				      resource: {name: cpu, target: {type: Utilization, averageUtilization: 80}}
				    - type: Pods
				      pods: {metric: {name: http_requests_concurrency}, target: {type: AverageValue, averageValue: "8"}}
				""");
		assertThat(run("replay", "--hpa", hpa.toString(), "--trace", trace().toString(), "--profile", "spike",
				"--slo-ms", "150"))
			.as(this.err.toString())
			.isZero();
		assertThat(this.out.toString())
			.containsPattern("cpu \\d+ % asks \\d+, http_requests_concurrency \\d+\\.\\d\\d/pod" + " asks \\d+")
			.doesNotContain("in flight");
	}

	@Test
	void aThreadPoolHpaOnATraceWithoutPoolColumnsIsNamed() throws Exception {
		Path hpa = Files.writeString(this.dir.resolve("hpa.yaml"),
				"""
						apiVersion: autoscaling/v2
						kind: HorizontalPodAutoscaler
						spec:
						  maxReplicas: 10
						  metrics:
						    - type: Pods
						      pods: {metric: {name: tomcat_threads_busy_ratio}, target: {type: AverageValue, averageValue: "0.8"}}
						""");
		assertThat(run("replay", "--hpa", hpa.toString(), "--trace", trace().toString())).isEqualTo(2);
		assertThat(this.err.toString()).contains("error: the HPA scales on tomcat_threads_busy_ratio (busy / max web"
				+ " server threads), but trace.csv has no pool_busy and pool_max columns");
		assertThat(this.out.toString()).isEmpty();
	}

	@Test
	void theTracesPodLineSetsTheCpuRequestUnlessTheOptionIsGiven() throws Exception {
		Path trace = trace();
		List<String> lines = new ArrayList<>(Files.readAllLines(trace));
		lines.add(0, "# pod: cpu request 500m, limit 1000m");
		Files.write(trace, lines);
		String[] args = { "replay", "--hpa", values().toString(), "--trace", trace.toString(), "--profile", "spike",
				"--slo-ms", "150", "--decisions", "none" };
		assertThat(run(args)).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains("cpu request: 500m per pod (the trace's '# pod' line)")
			.contains("capacity basis: server-side latency (the trace has no client view)");
		this.out.reset();
		assertThat(run(concat(args, "--cpu-request-millis", "250"))).isZero();
		assertThat(this.out.toString()).contains("cpu request: 250m per pod (--cpu-request-millis)");
		this.out.reset();
		assertThat(run("replay", "--hpa", values().toString(), "--trace", trace().toString(), "--profile", "spike",
				"--slo-ms", "150", "--decisions", "none"))
			.isZero();
		assertThat(this.out.toString()).contains("cpu request: 1000m per pod (the default)");
	}

	@Test
	void aTraceOfAJvmInsideACpuQuotaReadsItsCpuColumnAsAShareOfTheQuota() throws Exception {
		Path trace = trace();
		List<String> lines = new ArrayList<>(Files.readAllLines(trace));
		lines.add(0, "# cpu column: a share of 0.5 processors (the JVM's quota)");
		lines.add(0, "# machine: 2 processors");
		Files.write(trace, lines);
		String[] args = { "replay", "--hpa", values().toString(), "--trace", trace.toString(), "--profile", "spike",
				"--slo-ms", "150", "--decisions", "none" };
		assertThat(run(args)).as(this.err.toString()).isZero();
		assertThat(this.out.toString()).contains(
				"cpu: the trace's cpu column read as a share of 0.5 processors (the trace's '# cpu column' line)");
		this.out.reset();
		assertThat(run(concat(args, "--processors", "2"))).isZero();
		assertThat(this.out.toString()).contains("share of 2 processors (--processors)");
	}

	/** The decision lines of a replay's output. */
	private static String decisions(String output) {
		return output.substring(output.indexOf("decisions (seed"), output.indexOf("report:"));
	}

	private static String[] concat(String[] args, String... more) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	/** The noise-free synthetic trace, as a CSV file. */
	private Path trace() throws IOException {
		List<String> lines = new ArrayList<>();
		lines.add("second,target_rps,completed_rps,cpu,in_flight,latency_ms,gc_pause_ms,pods");
		long second = 0;
		for (int k = 1; k <= 24; k++) {
			double load = (k - 0.5) * 12.5;
			double latency = (load <= 200) ? 100 : 100 + 10 * (load - 200);
			for (int i = 0; i < 10; i++) {
				lines.add(String.format(Locale.ROOT, "%d,%.2f,%.2f,%.4f,%.2f,%.2f,0,1", second++, load, load,
						Math.min(1, load / 250), load * latency / 1000, latency));
			}
		}
		return Files.write(this.dir.resolve("trace.csv"), lines);
	}

	/**
	 * A stand-in for the Prometheus HTTP API: every range query answers one series with a
	 * fixed value per column (or nothing).
	 */
	private String fakePrometheus(boolean withData) throws IOException {
		return fakePrometheus(withData, withData);
	}

	/**
	 * A stand-in for the Prometheus HTTP API whose Tomcat thread series may be missing
	 * while the others are there.
	 */
	private String fakePrometheus(boolean withData, boolean withPool) throws IOException {
		this.prometheus = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.prometheus.createContext("/api/v1/query_range", (exchange) -> {
			String query = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
			Matcher range = Pattern.compile("start=(\\d+)&end=(\\d+)&step=(\\d+)").matcher(query);
			range.find();
			String promql = query.substring("query=".length(), query.indexOf("&start="));
			String value = value(promql);
			StringBuilder points = new StringBuilder();
			for (long t = Long.parseLong(range.group(1)); t <= Long.parseLong(range.group(2)); t += Long
				.parseLong(range.group(3))) {
				points.append((points.length() > 0) ? "," : "")
					.append("[")
					.append(t)
					.append(",\"")
					.append(value)
					.append("\"]");
			}
			boolean present = promql.contains("tomcat_threads_") ? withPool : withData;
			String result = present ? "[{\"metric\":{},\"values\":[" + points + "]}]" : "[]";
			respond(exchange,
					"{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":" + result + "}}");
		});
		this.prometheus.start();
		return "http://127.0.0.1:" + this.prometheus.getAddress().getPort();
	}

	/**
	 * 2 pods, 12 in flight, 100 requests a second of 50 ms, 40 % CPU, 1 ms GC a second,
	 * 10 of 400 Tomcat threads busy.
	 */
	private static String value(String promql) {
		if (promql.startsWith("sum(tomcat_threads_busy_threads")) {
			return "10";
		}
		if (promql.startsWith("sum(tomcat_threads_config_max_threads")) {
			return "400";
		}
		if (promql.startsWith("count(")) {
			return "2";
		}
		if (promql.startsWith("1000 * sum(rate(http")) {
			return "50";
		}
		if (promql.startsWith("1000 * sum(rate(jvm")) {
			return "1";
		}
		if (promql.startsWith("avg(")) {
			return "0.4";
		}
		if (promql.contains("active_seconds_count")) {
			return "12";
		}
		if (promql.startsWith("sum(rate(http_server_requests_seconds_count")) {
			return "100";
		}
		throw new IllegalArgumentException("unexpected query " + promql);
	}

	private static void respond(HttpExchange exchange, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

	private int run(String... args) {
		return HpaSandbox.run(args, new PrintStream(this.out), new PrintStream(this.err));
	}

}
