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
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where the recorder reads an app's metrics each second: each metric's value summed over
 * its series.
 */
public interface MetricsSource {

	/**
	 * The metrics a trace is made of. The web server's pool ({@code tomcat_threads_*}) is
	 * optional: an app that does not export it leaves the pool columns empty.
	 */
	List<String> METRICS = List.of(TraceRecorder.IN_FLIGHT, TraceRecorder.REQUESTS_COUNT, TraceRecorder.REQUESTS_SUM,
			TraceRecorder.GC_PAUSE_SUM, TraceRecorder.CPU, TraceRecorder.POOL_BUSY, TraceRecorder.POOL_MAX);

	/**
	 * Reads the metrics now.
	 * @return metric name to its value summed over its series
	 * @throws IOException when the source cannot be read
	 * @throws IllegalStateException when it answers but lacks the in-flight series
	 */
	Map<String, Double> read() throws IOException, InterruptedException;

	/** What is read, for the trace's header. */
	String description();

	/**
	 * Scrapes an app's Prometheus endpoint directly, e.g.
	 * {@code http://127.0.0.1:8081/actuator/prometheus}.
	 */
	static MetricsSource scrape(URI endpoint) {
		HttpClient http = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(Duration.ofSeconds(2))
			.build();
		return new MetricsSource() {

			@Override
			public Map<String, Double> read() throws IOException, InterruptedException {
				HttpResponse<String> response = http.send(
						HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10)).build(),
						HttpResponse.BodyHandlers.ofString());
				if (response.statusCode() != 200) {
					throw new IOException(endpoint + " answered " + response.statusCode());
				}
				Map<String, Double> sums = PrometheusText.sums(response.body());
				if (!sums.containsKey(TraceRecorder.IN_FLIGHT)) {
					throw new IllegalStateException(endpoint + " has no " + TraceRecorder.IN_FLIGHT
							+ " series: the app must use Spring Boot's servlet or WebFlux request observation and"
							+ " have served at least one request (Steadypod's starter turns the observation on)");
				}
				return sums;
			}

			@Override
			public String description() {
				return "metrics scraped directly from " + endpoint;
			}

		};
	}

	/**
	 * Asks a Prometheus server that scrapes the app, with one instant query per read: the
	 * latest scraped value of each metric, summed over the series that match the
	 * selector.
	 * @param server the server, e.g. {@code http://127.0.0.1:9090}
	 * @param selector label matchers that pick the app's series, e.g. {@code job="demo"},
	 * or empty for every series
	 */
	static MetricsSource prometheus(URI server, String selector) {
		PrometheusApi api = new PrometheusApi(server);
		String matchers = PrometheusApi.matchers(selector);
		// Every matching series, summed here per name: Prometheus' aggregations drop the
		// name even when grouping by it.
		String query = "{__name__=~\"" + String.join("|", METRICS) + "\"" + (matchers.isEmpty() ? "" : "," + matchers)
				+ "}";
		return new MetricsSource() {

			@Override
			public Map<String, Double> read() throws IOException, InterruptedException {
				Map<String, Double> sums = api.instant(query);
				if (!sums.containsKey(TraceRecorder.IN_FLIGHT)) {
					throw new IllegalStateException("Prometheus at " + server + " has no " + TraceRecorder.IN_FLIGHT
							+ " series" + (matchers.isEmpty() ? "" : " matching {" + matchers + "}")
							+ ": check that it scrapes the app (its /targets page), that the app has served a"
							+ " request, and the --selector");
				}
				return sums;
			}

			@Override
			public String description() {
				return "metrics queried every second from Prometheus at " + server + ": " + query;
			}

		};
	}

}
