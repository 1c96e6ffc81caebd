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
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;

import com.jayway.jsonpath.JsonPath;
import dev.steadypod.hpa.signal.PromQl.Sample;

/**
 * Instant queries to a real Prometheus at a chosen evaluation time (the API's
 * {@code time} parameter): a per-pod value, or the raw samples a range selector returns.
 */
final class PrometheusAtTime {

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

	private final int port;

	PrometheusAtTime(int port) {
		this.port = port;
	}

	/**
	 * The value of a query grouped by pod, for one pod.
	 * @return the pod's value, or empty when the result has no element for it
	 */
	OptionalDouble valueForPod(String promql, long evalMillis, String pod) throws IOException {
		String body = query(promql, evalMillis);
		List<Object> values = JsonPath.read(body, "$.data.result[?(@.metric.pod == '" + pod + "')].value[1]");
		if (values.size() > 1) {
			throw new IllegalStateException(promql + " returned " + values.size() + " elements for pod " + pod);
		}
		return values.isEmpty() ? OptionalDouble.empty()
				: OptionalDouble.of(Double.parseDouble(String.valueOf(values.get(0))));
	}

	/**
	 * The raw samples of a range selector such as {@code name{pod="a"}[2m]}, one list per
	 * label set, in time order as Prometheus returns them.
	 */
	List<List<Sample>> samples(String rangeSelector, long evalMillis) throws IOException {
		String body = query(rangeSelector, evalMillis);
		String type = JsonPath.read(body, "$.data.resultType");
		if (!"matrix".equals(type)) {
			throw new IllegalStateException(rangeSelector + " returned a " + type + ", not a matrix");
		}
		List<List<List<Object>>> series = JsonPath.read(body, "$.data.result[*].values");
		List<List<Sample>> result = new ArrayList<>();
		for (List<List<Object>> values : series) {
			result.add(values.stream()
				.map((v) -> new Sample(Math.round(((Number) v.get(0)).doubleValue() * 1000),
						Double.parseDouble(String.valueOf(v.get(1)))))
				.toList());
		}
		return result;
	}

	/**
	 * The server's version, from {@code /api/v1/status/buildinfo}.
	 */
	String version() throws IOException {
		return JsonPath.read(get("/api/v1/status/buildinfo"), "$.data.version");
	}

	private String query(String promql, long evalMillis) throws IOException {
		String body = get("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8) + "&time="
				+ (evalMillis / 1000) + "." + String.format("%03d", evalMillis % 1000));
		if (!"success".equals(JsonPath.read(body, "$.status"))) {
			throw new IllegalArgumentException("Prometheus rejected '" + promql + "': " + body);
		}
		return body;
	}

	private String get(String path) throws IOException {
		try {
			HttpResponse<String> response = this.http
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
					.timeout(Duration.ofSeconds(5))
					.build(), HttpResponse.BodyHandlers.ofString());
			return response.body();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException(ex);
		}
	}

}
