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

package dev.steadypod.demo.docs;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.steadypod.demo.docs.Documentation.Block;
import dev.steadypod.demo.docs.Documentation.Page;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every command a page shows can be copied and run: each shell block passes
 * {@code bash -n} and uses no placeholder it does not define, each {@code curl} to
 * {@code localhost:8080} or {@code localhost:8081} answers against the real demo app as
 * its comment says, and each relative link leads to a file and heading that exist.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "spring.config.import=", "demo.warmup.duration=0s" })
class DocumentedCommandsTests {

	private static final Pattern ANGLE_PLACEHOLDER = Pattern.compile("<[A-Za-z][\\w .:/-]*>");

	private static final Pattern NAMED_PLACEHOLDER = Pattern.compile("\\b(NS|YOUR_\\w+)\\b");

	private static final Pattern VARIABLE = Pattern.compile("\\$\\{?([A-Za-z_]\\w*)");

	private static final Pattern ASSIGNMENT = Pattern.compile("(?m)^\\s*(?:export\\s+)?([A-Za-z_]\\w*)=");

	// Variables every shell has.
	private static final Set<String> ENVIRONMENT = Set.of("HOME", "PATH", "PWD", "USER", "JAVA_HOME");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)\\s]+)\\)");

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	@Autowired
	private Environment environment;

	@Test
	void everyShellBlockPassesBashSyntaxCheck(@TempDir Path directory) throws Exception {
		List<String> problems = new ArrayList<>();
		List<Block> blocks = Documentation.pages().stream().flatMap((page) -> page.shellBlocks().stream()).toList();
		assertThat(blocks).hasSizeGreaterThan(20);
		for (Block block : blocks) {
			Path script = Files.writeString(directory.resolve("block.sh"), block.content());
			Process bash = new ProcessBuilder("bash", "-n", script.toString()).redirectErrorStream(true).start();
			String output = new String(bash.getInputStream().readAllBytes());
			assertThat(bash.waitFor(30, TimeUnit.SECONDS)).isTrue();
			if (bash.exitValue() != 0) {
				problems.add(block + ": " + output.strip());
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void noShellBlockUsesAPlaceholderItDoesNotDefine() {
		List<String> problems = new ArrayList<>();
		for (Page page : Documentation.pages()) {
			for (Block block : page.shellBlocks()) {
				problems.addAll(placeholders(block));
			}
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void placeholderCheckFindsWhatAReaderCouldNotRun() {
		Page page = new Page(Documentation.ROOT.resolve("planted.md"), "");
		assertThat(placeholders(new Block(page, "bash", "kubectl get hpa -n NS\n", 1))).hasSize(1);
		assertThat(placeholders(new Block(page, "bash", "helm upgrade <release> helm/steadypod\n", 1))).hasSize(1);
		assertThat(placeholders(new Block(page, "bash", "docker push YOUR_REGISTRY/app\n", 1))).hasSize(1);
		assertThat(placeholders(new Block(page, "bash", "kubectl -n \"$NAMESPACE\" get pods\n", 1))).hasSize(1);
		assertThat(placeholders(new Block(page, "bash",
				"NAMESPACE=shop   # the app's namespace\nkubectl -n \"$NAMESPACE\" get pods   # <pods>\n", 1)))
			.isEmpty();
	}

	@Test
	void everyLocalCurlAnswersAgainstTheDemoAsItsCommentSays() throws Exception {
		List<String> problems = new ArrayList<>();
		int run = 0;
		for (Page page : Documentation.pages()) {
			for (Block block : page.shellBlocks()) {
				for (String line : block.content().split("\n")) {
					if (!line.strip().startsWith("curl ")) {
						continue;
					}
					Curl curl = Curl.parse(line.strip());
					if (curl == null) {
						continue;
					}
					run++;
					int status = send(curl);
					if (!curl.answers(status)) {
						problems.add(block + ": '" + curl.line() + "' answered " + status);
					}
				}
			}
		}
		assertThat(run).as("local curl commands found").isGreaterThanOrEqualTo(10);
		assertThat(problems).isEmpty();
	}

	@Test
	void everyRelativeLinkLeadsToAFileAndHeadingThatExist() {
		List<String> problems = new ArrayList<>();
		for (Page page : Documentation.pages()) {
			Matcher link = LINK.matcher(page.text());
			while (link.find()) {
				String target = link.group(1);
				if (target.matches("^[a-z]+:.*")) {
					continue;
				}
				int hash = target.indexOf('#');
				String file = (hash >= 0) ? target.substring(0, hash) : target;
				Path resolved = file.isEmpty() ? page.path() : page.path().getParent().resolve(file).normalize();
				String where = page.name() + ":" + page.lineOf(link.start()) + " " + target;
				if (!Files.exists(resolved)) {
					problems.add(where + ": no such file");
					continue;
				}
				if (hash >= 0 && resolved.toString().endsWith(".md")
						&& !anchors(Page.read(resolved)).contains(target.substring(hash + 1))) {
					problems.add(where + ": no such heading");
				}
			}
		}
		assertThat(problems).isEmpty();
	}

	static List<String> placeholders(Block block) {
		List<String> problems = new ArrayList<>();
		Set<String> assigned = new HashSet<>();
		Matcher assignment = ASSIGNMENT.matcher(block.content());
		while (assignment.find()) {
			assigned.add(assignment.group(1));
		}
		for (String line : block.content().split("\n")) {
			String command = withoutComment(line);
			for (Pattern pattern : List.of(ANGLE_PLACEHOLDER, NAMED_PLACEHOLDER)) {
				Matcher placeholder = pattern.matcher(command);
				while (placeholder.find()) {
					problems.add(block + ": placeholder " + placeholder.group() + " in '" + line.strip() + "'");
				}
			}
			Matcher variable = VARIABLE.matcher(command);
			while (variable.find()) {
				String name = variable.group(1);
				if (!assigned.contains(name) && !ENVIRONMENT.contains(name)) {
					problems.add(block + ": $" + name + " is not set in the block, in '" + line.strip() + "'");
				}
			}
		}
		return problems;
	}

	/**
	 * The line without a trailing shell comment ({@code #} after a space, outside
	 * quotes).
	 */
	private static String withoutComment(String line) {
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote != 0) {
				quote = (c == quote) ? 0 : quote;
			}
			else if (c == '\'' || c == '"') {
				quote = c;
			}
			else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
				return line.substring(0, i);
			}
		}
		return line;
	}

	/** GitHub's anchors for the headings of a page. */
	static Set<String> anchors(Page page) {
		Set<String> anchors = new LinkedHashSet<>();
		String outsideFences = page.text().replaceAll("(?ms)^ *```.*?^ *```", "");
		for (String line : outsideFences.split("\n")) {
			if (line.matches("^#{1,6} .*")) {
				String heading = line.replaceFirst("^#+ ", "").strip().toLowerCase(Locale.ROOT);
				anchors.add(heading.replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-'));
			}
		}
		return anchors;
	}

	private int send(Curl curl) throws IOException, InterruptedException {
		String port = this.environment
			.getProperty((curl.port() == 8081) ? "local.management.port" : "local.server.port");
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + curl.path()))
			.method(curl.method(), HttpRequest.BodyPublishers.noBody())
			.timeout(Duration.ofSeconds(30))
			.build();
		return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
	}

}
