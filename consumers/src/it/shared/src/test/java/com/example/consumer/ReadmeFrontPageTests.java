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
				assertThat(curl.answers(response.statusCode())).as("%s answered %d", curl, response.statusCode())
					.isTrue();
				assertThat(response.body()).as(curl.toString()).contains(DOCUMENTED.get(curl.path()));
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
					curls.add(Curl.parse(line.strip()));
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

	/**
	 * One documented {@code curl} to localhost: method, port, path and query, and the status
	 * the comment after it starts with (any 2xx when it names none).
	 */
	record Curl(String line, String method, int port, String path, int documentedStatus) {

		private static final Pattern URL = Pattern.compile("(?:https?://)?(?:localhost|127\\.0\\.0\\.1):(\\d+)(/\\S*)");

		private static final Pattern STATUS = Pattern.compile("^(\\d{3})\\b");

		static Curl parse(String line) {
			int hash = line.indexOf(" #");
			String command = (hash >= 0) ? line.substring(0, hash) : line;
			String comment = (hash >= 0) ? line.substring(hash + 2).strip() : "";
			String method = "GET";
			Matcher url = null;
			List<String> words = words(command);
			for (int i = 1; i < words.size(); i++) {
				String word = words.get(i);
				if (word.equals("-X") || word.equals("--request")) {
					method = words.get(++i);
				}
				else if (word.equals("-o") || word.equals("-H") || word.equals("-d")) {
					i++;
				}
				else if (!word.startsWith("-")) {
					Matcher matcher = URL.matcher(word);
					if (matcher.matches()) {
						url = matcher;
					}
				}
			}
			if (url == null) {
				throw new IllegalStateException("No localhost URL in: " + line);
			}
			Matcher status = STATUS.matcher(comment);
			return new Curl(line, method, Integer.parseInt(url.group(1)), url.group(2),
					status.find() ? Integer.parseInt(status.group(1)) : 0);
		}

		boolean answers(int status) {
			return (this.documentedStatus != 0) ? status == this.documentedStatus : status >= 200 && status < 300;
		}

		private static List<String> words(String command) {
			List<String> words = new ArrayList<>();
			StringBuilder word = new StringBuilder();
			char quote = 0;
			for (char c : command.toCharArray()) {
				if (quote != 0) {
					if (c == quote) {
						quote = 0;
					}
					else {
						word.append(c);
					}
				}
				else if (c == '\'' || c == '"') {
					quote = c;
				}
				else if (Character.isWhitespace(c)) {
					if (!word.isEmpty()) {
						words.add(word.toString());
						word.setLength(0);
					}
				}
				else {
					word.append(c);
				}
			}
			if (!word.isEmpty()) {
				words.add(word.toString());
			}
			return words;
		}

		@Override
		public String toString() {
			return this.line;
		}

	}

}
