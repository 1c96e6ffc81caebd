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
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Reading metrics through the Prometheus HTTP API (a stand-in server here; the demo app's
 * tests use a real Prometheus).
 */
class PrometheusSourceTests {

	private final List<String> queries = new ArrayList<>();

	private HttpServer server;

	@AfterEach
	void stop() {
		if (this.server != null) {
			this.server.stop(0);
		}
	}

	@Test
	void oneInstantQueryReadsEveryMetricSummedByName() throws Exception {
		URI url = serve(200, """
				{"status":"success","data":{"resultType":"vector","result":[
				 {"metric":{"__name__":"http_server_requests_active_seconds_count"},"value":[1764320400.5,"7"]},
				 {"metric":{"__name__":"process_cpu_usage"},"value":[1764320400.5,"0.25"]},
				 {"metric":{"__name__":"jvm_gc_pause_seconds_sum"},"value":[1764320400.5,"NaN"]}]}}
				""");
		MetricsSource source = MetricsSource.prometheus(url, "{job=\"demo\"}");
		assertThat(source.read()).containsEntry("http_server_requests_active_seconds_count", 7.0)
			.containsEntry("process_cpu_usage", 0.25)
			.doesNotContainKey("jvm_gc_pause_seconds_sum");
		assertThat(this.queries).singleElement()
			.asString()
			.startsWith("{__name__=~\"http_server_requests_active_seconds_count|")
			.endsWith(",job=\"demo\"}");
	}

	@Test
	void aPrometheusWithoutTheSeriesSaysWhatToCheck() throws Exception {
		URI url = serve(200, "{\"status\":\"success\",\"data\":{\"resultType\":\"vector\",\"result\":[]}}");
		assertThatIllegalStateException().isThrownBy(() -> MetricsSource.prometheus(url, "job=\"demo\"").read())
			.withMessageContaining("has no http_server_requests_active_seconds_count series matching {job=\"demo\"}")
			.withMessageContaining("--selector");
	}

	@Test
	void aRejectedQueryCarriesPrometheusOwnError() throws Exception {
		URI url = serve(400,
				"{\"status\":\"error\",\"errorType\":\"bad_data\",\"error\":\"1:42: parse error: unexpected }\"}");
		assertThatIllegalArgumentException().isThrownBy(() -> MetricsSource.prometheus(url, "job=").read())
			.withMessageContaining("rejected")
			.withMessageContaining("parse error");
	}

	@Test
	void somethingThatIsNotPrometheusIsSaid() throws Exception {
		URI url = serve(200, "<html>hello</html>");
		assertThatIOException().isThrownBy(() -> MetricsSource.prometheus(url, "").read())
			.withMessageContaining("is it a Prometheus server?");
	}

	@Test
	void aRangeWithTomcatsThreadSeriesFillsThePoolColumnsWherePrometheusHasThem() throws Exception {
		URI url = serveRange((promql) -> {
			if (promql.startsWith("sum(tomcat_threads_busy_threads")) {
				return new String[] { "10", null, "16" };
			}
			if (promql.startsWith("sum(tomcat_threads_config_max_threads")) {
				return new String[] { "400", null, "400" };
			}
			return app(promql);
		});
		List<String> progress = new ArrayList<>();
		List<TraceSample> samples = range(url).fetch(progress::add);
		assertThat(this.queries).contains("sum(tomcat_threads_busy_threads{namespace=\"shop\"})",
				"sum(tomcat_threads_config_max_threads{namespace=\"shop\"})");
		assertThat(progress).contains("querying pool_busy: sum(tomcat_threads_busy_threads{namespace=\"shop\"})")
			.noneMatch((line) -> line.contains("stay empty"));
		assertThat(samples).extracting(TraceSample::second).containsExactly(0L, 15L, 30L);
		assertThat(samples).extracting(TraceSample::poolBusy).containsExactly(10.0, Double.NaN, 16.0);
		assertThat(samples).extracting(TraceSample::poolMax).containsExactly(400.0, Double.NaN, 400.0);
		assertThat(samples).extracting(TraceSample::hasPool).containsExactly(true, false, true);
		assertThat(samples.get(1).csv()).isEqualTo("15,100.00,100.00,0.4000,12,50.00,1.00,2,,,,,");
		assertThat(samples).noneMatch(TraceSample::hasClientView)
			.allMatch((sample) -> Double.isNaN(sample.outstanding()));
	}

	@Test
	void aRangeWithoutTomcatsThreadSeriesLeavesThePoolColumnsEmptyAndSaysSo() throws Exception {
		URI url = serveRange((promql) -> promql.contains("tomcat_threads_") ? new String[0] : app(promql));
		List<String> progress = new ArrayList<>();
		List<TraceSample> samples = range(url).fetch(progress::add);
		assertThat(samples).hasSize(3)
			.allMatch((sample) -> Double.isNaN(sample.poolBusy()) && Double.isNaN(sample.poolMax()))
			.noneMatch(TraceSample::hasPool);
		assertThat(samples.get(0).csv()).isEqualTo("0,100.00,100.00,0.4000,12,50.00,1.00,2,,,,,");
		assertThat(progress).anyMatch((line) -> line
			.startsWith("no tomcat_threads_busy_threads or tomcat_threads_config_max_threads series in the range: the"
					+ " pool_busy and pool_max columns stay empty"));
	}

	/** Three steps of 15 s of the pods in namespace shop. */
	private static PrometheusTrace range(URI url) {
		Instant start = Instant.parse("2026-11-28T09:00:00Z");
		return new PrometheusTrace(url, "namespace=\"shop\"", start, start.plusSeconds(30), Duration.ofSeconds(15),
				Duration.ofMinutes(1));
	}

	/**
	 * The app's own series at every step: 2 pods, 12 in flight, 100 requests a second of
	 * 50 ms, 40 % CPU, 1 ms GC a second.
	 */
	private static String[] app(String promql) {
		String value;
		if (promql.startsWith("count(")) {
			value = "2";
		}
		else if (promql.startsWith("1000 * sum(rate(http")) {
			value = "50";
		}
		else if (promql.startsWith("1000 * sum(rate(jvm")) {
			value = "1";
		}
		else if (promql.startsWith("avg(")) {
			value = "0.4";
		}
		else if (promql.startsWith("sum(http_server_requests_active_seconds_count")) {
			value = "12";
		}
		else if (promql.startsWith("sum(rate(http_server_requests_seconds_count")) {
			value = "100";
		}
		else {
			throw new IllegalArgumentException("unexpected query " + promql);
		}
		return new String[] { value, value, value };
	}

	/**
	 * A stand-in for the range API: each query answers one series whose value at the
	 * range's n-th step is the n-th the function gives (no point where it is null), or no
	 * series when it gives none.
	 */
	private URI serveRange(Function<String, String[]> values) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/v1/query_range", (exchange) -> {
			String raw = URLDecoder.decode(exchange.getRequestURI().getRawQuery(), StandardCharsets.UTF_8);
			Matcher range = Pattern.compile("&start=(\\d+)&end=(\\d+)&step=(\\d+)$").matcher(raw);
			if (!range.find()) {
				respond(exchange, 400, "{\"status\":\"error\",\"error\":\"no range in " + raw + "\"}");
				return;
			}
			String promql = raw.substring("query=".length(), range.start());
			this.queries.add(promql);
			String[] series = values.apply(promql);
			long start = Long.parseLong(range.group(1));
			long step = Long.parseLong(range.group(3));
			List<String> points = new ArrayList<>();
			for (int i = 0; i < series.length; i++) {
				if (series[i] != null) {
					points.add("[" + (start + i * step) + ",\"" + series[i] + "\"]");
				}
			}
			String result = (series.length == 0) ? "[]"
					: "[{\"metric\":{},\"values\":[" + String.join(",", points) + "]}]";
			respond(exchange, 200,
					"{\"status\":\"success\",\"data\":{\"resultType\":\"matrix\",\"result\":" + result + "}}");
		});
		this.server.start();
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private URI serve(int status, String body) throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/api/v1/query", (exchange) -> {
			String raw = exchange.getRequestURI().getRawQuery();
			this.queries.add(URLDecoder.decode(raw.substring("query=".length()), StandardCharsets.UTF_8));
			respond(exchange, status, body);
		});
		this.server.start();
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort());
	}

	private static void respond(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
		exchange.close();
	}

}
