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
import java.util.ArrayList;
import java.util.List;

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
