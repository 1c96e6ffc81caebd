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

package com.example.consumer;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.steadypod.demo.docs.Curl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The README's front page, run against an application that has only the starter (no
 * exposure, no endpoint settings of its own) on Kubernetes, with the one line the README
 * asks for: {@code management.server.port}. Every {@code curl} of the README's shell
 * blocks to the management port (8081 there, a free port here) must answer as the README
 * says: the HTTP status its comment starts with, or 2xx, and the content this test knows
 * for that endpoint. A command the README adds or drops without this test following
 * fails it.
 */
class ReadmeFrontPageTests {

	private static final Pattern FENCE = Pattern.compile("(?ms)^```(bash|sh|shell)\\n(.*?)^```");

	private static final Pattern HEADING = Pattern.compile("(?m)^## (.*)$");

	/** What each endpoint the README shows must contain. */
	private static final Map<String, List<String>> DOCUMENTED = Map.of("/actuator/health/liveness",
			List.of("\"status\":\"UP\"", "\"warmup\"", "\"deadlockedThreads\"", "\"applicationConnector\""),
			"/actuator/health/readiness", List.of("\"status\":\"UP\""), "/actuator/prometheus",
			List.of("http_server_requests_active_seconds_count"), "/actuator/configreload",
			List.of("\"watchedPaths\"", "\"outcomes\""), "/actuator/warmup",
			List.of("\"phase\":\"WARM\"", "\"recommendedProbesYaml\""), "/actuator/info",
			List.of("\"steadypod\"", "\"features\""));

	private static RunningConsumer app;

	@BeforeAll
	static void startWithOnlyTheStarterAndTheManagementPortLine() {
		app = RunningConsumer.start("management.server.port=0");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void everyManagementPortCommandOfTheReadmeAnswersAsDocumented() throws IOException {
		List<Curl> curls = managementCurls();
		assertThat(curls).extracting(Curl::path).containsExactlyInAnyOrderElementsOf(DOCUMENTED.keySet());
		// The in-flight series appears with the first request the application serves.
		app.get("/greeting");
		for (Curl curl : curls) {
			await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
				HttpResponse<String> response = app.request(curl.method(), app.managementPort(), curl.path());
				assertThat(curl.answers(response.statusCode())).as("%s answered %d", curl.line(), response.statusCode())
					.isTrue();
				assertThat(response.body()).as(curl.line()).contains(DOCUMENTED.get(curl.path()));
			});
		}
	}

	@Test
	void applicationPortCommandsOfTheReadmeAreOnlyInItsDemoSection() throws IOException {
		String readme = Files.readString(readme());
		Matcher headings = HEADING.matcher(readme);
		List<String> outsideDemo = new ArrayList<>();
		int start = 0;
		String heading = "";
		while (true) {
			boolean more = headings.find();
			String section = readme.substring(start, more ? headings.start() : readme.length());
			if (!heading.toLowerCase().contains("demo")) {
				curls(section).stream().filter((curl) -> curl.port() != 8081).forEach((curl) -> outsideDemo.add(curl.line()));
			}
			if (!more) {
				break;
			}
			heading = headings.group(1);
			start = headings.end();
		}
		assertThat(outsideDemo).as("commands on the application port belong to the demo's section").isEmpty();
	}

	@Test
	void theConfigReloadWriteOperationIsOffByDefault() {
		assertThat(app.request("GET", app.managementPort(), "/actuator/configreload").statusCode()).isEqualTo(200);
		assertThat(app.request("POST", app.managementPort(), "/actuator/configreload").statusCode()).isEqualTo(405);
	}

	@Test
	void steadypodsEndpointsStayOffTheSharedApplicationPort() {
		try (RunningConsumer shared = RunningConsumer.start()) {
			assertThat(shared.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
			shared.get("/greeting");
			assertThat(shared.get("/actuator/prometheus").body()).contains("http_server_requests_active_seconds_count");
			assertThat(shared.get("/actuator/configreload").statusCode()).isEqualTo(404);
			assertThat(shared.get("/actuator/warmup").statusCode()).isEqualTo(404);
			assertThat(shared.get("/actuator/info").statusCode()).isEqualTo(404);
		}
	}

	private static List<Curl> managementCurls() throws IOException {
		return curls(Files.readString(readme())).stream().filter((curl) -> curl.port() == 8081).toList();
	}

	static List<Curl> curls(String markdown) {
		List<Curl> curls = new ArrayList<>();
		Matcher fence = FENCE.matcher(markdown);
		while (fence.find()) {
			for (String line : fence.group(2).split("\n")) {
				if (line.strip().startsWith("curl ")) {
					Curl curl = Curl.parse(line.strip());
					if (curl == null) {
						throw new IllegalStateException("No localhost:8080 or :8081 URL in: " + line);
					}
					curls.add(curl);
				}
			}
		}
		return curls;
	}

	/** The repository's README.md: the consumer builds run below the repository. */
	private static Path readme() {
		Path directory = Path.of("").toAbsolutePath();
		while (directory != null) {
			Path candidate = directory.resolve("README.md");
			if (Files.isRegularFile(candidate) && Files.isDirectory(directory.resolve("consumers"))) {
				return candidate;
			}
			directory = directory.getParent();
		}
		throw new IllegalStateException("No README.md above " + Path.of("").toAbsolutePath());
	}

}
