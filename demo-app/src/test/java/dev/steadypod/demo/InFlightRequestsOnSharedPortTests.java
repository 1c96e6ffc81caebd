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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import dev.steadypod.metrics.InFlightSignalCheck;
import dev.steadypod.testsupport.PrometheusAdapterRule;
import dev.steadypod.testsupport.PrometheusSample;
import dev.steadypod.testsupport.SeriesSelector;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Why Steadypod warns when the management endpoints share the application port: every
 * scrape is then a request in flight of its own, so an idle pod reports one and the HPA
 * sees load that is not there.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=", "spring.config.import=" })
class InFlightRequestsOnSharedPortTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private Environment environment;

	@Autowired
	private InFlightSignalCheck check;

	@Test
	void scrapeOnTheApplicationPortCountsItselfAndTheCheckSaysSo() throws Exception {
		int port = this.environment.getRequiredProperty("local.server.port", Integer.class);
		send(port, "/greeting");
		SeriesSelector selector = PrometheusAdapterRule.load().seriesSelector();
		HttpResponse<String> scrape = send(port, "/actuator/prometheus");
		assertThat(scrape.statusCode()).isEqualTo(200);
		double inFlight = PrometheusSample.parse(scrape.body())
			.stream()
			.map((sample) -> sample.withLabels(Map.of("namespace", "shop", "pod", "demo-0")))
			.filter(selector::selects)
			.mapToDouble(PrometheusSample::value)
			.sum();
		assertThat(inFlight).isEqualTo(1);
		assertThat(this.check.problems()).singleElement()
			.asString()
			.contains("share the application port")
			.contains("management.server.port");
	}

	private HttpResponse<String> send(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
