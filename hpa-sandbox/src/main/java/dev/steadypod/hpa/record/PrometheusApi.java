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
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * The parts of the Prometheus HTTP API a trace needs: instant queries grouped by metric
 * name, and range queries of one series.
 */
final class PrometheusApi {

	private final URI server;

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(5))
		.build();

	PrometheusApi(URI server) {
		this.server = URI.create(server.toString().replaceAll("/+$", "") + "/");
	}

	/**
	 * Label matchers without braces: {@code {job="demo"}} and {@code job="demo"} both
	 * give {@code job="demo"}.
	 */
	static String matchers(String selector) {
		String text = selector.strip();
		if (text.startsWith("{") && text.endsWith("}")) {
			text = text.substring(1, text.length() - 1).strip();
		}
		return text;
	}

	/**
	 * Runs an instant query whose result carries {@code __name__}.
	 * @return metric name to value
	 */
	Map<String, Double> instant(String query) throws IOException, InterruptedException {
		Map<String, Object> data = get("api/v1/query?query=" + encode(query), query);
		Map<String, Double> values = new HashMap<>();
		for (Map<String, Object> series : results(data)) {
			Map<?, ?> metric = (Map<?, ?>) series.get("metric");
			double value = number(((List<?>) series.get("value")).get(1));
			if (!Double.isNaN(value)) {
				values.merge(String.valueOf(metric.get("__name__")), value, Double::sum);
			}
		}
		return values;
	}

	/**
	 * Runs a range query whose result is one series (or none).
	 * @return timestamp (epoch seconds) to value, empty when the query matched nothing
	 */
	TreeMap<Long, Double> range(String query, Instant start, Instant end, Duration step)
			throws IOException, InterruptedException {
		Map<String, Object> data = get("api/v1/query_range?query=" + encode(query) + "&start=" + start.getEpochSecond()
				+ "&end=" + end.getEpochSecond() + "&step=" + step.toSeconds(), query);
		TreeMap<Long, Double> values = new TreeMap<>();
		List<Map<String, Object>> results = results(data);
		if (results.size() > 1) {
			throw new IllegalArgumentException(
					"Prometheus answered '" + query + "' with " + results.size() + " series where one was expected");
		}
		for (Map<String, Object> series : results) {
			for (Object point : (List<?>) series.get("values")) {
				List<?> pair = (List<?>) point;
				values.put((long) number(pair.get(0)), number(pair.get(1)));
			}
		}
		return values;
	}

	@SuppressWarnings("unchecked")
	private static List<Map<String, Object>> results(Map<String, Object> data) {
		return (List<Map<String, Object>>) data.get("result");
	}

	private static double number(Object value) {
		return (value instanceof Number number) ? number.doubleValue() : Double.parseDouble(String.valueOf(value));
	}

	@SuppressWarnings("unchecked")
	private Map<String, Object> get(String path, String query) throws IOException, InterruptedException {
		URI uri = this.server.resolve(path);
		HttpResponse<String> response = this.http.send(
				HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30)).build(),
				HttpResponse.BodyHandlers.ofString());
		Map<String, Object> body;
		try {
			LoaderOptions options = new LoaderOptions();
			options.setCodePointLimit(256 * 1024 * 1024);
			Object parsed = new Yaml(new SafeConstructor(options)).load(response.body());
			if (!(parsed instanceof Map<?, ?> map)) {
				throw new YAMLException("not a JSON object");
			}
			body = (Map<String, Object>) map;
		}
		catch (YAMLException ex) {
			throw new IOException(
					this.server + " answered " + response.statusCode()
							+ " with something other than the Prometheus HTTP API's JSON: is it a Prometheus server?",
					ex);
		}
		if (!"success".equals(body.get("status"))) {
			throw new IllegalArgumentException(
					"Prometheus at " + this.server + " rejected '" + query + "': " + body.get("error"));
		}
		return (Map<String, Object>) body.get("data");
	}

	private static String encode(String text) {
		return URLEncoder.encode(text, StandardCharsets.UTF_8);
	}

	URI server() {
		return this.server;
	}

}
