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

package dev.steadypod.demo.chart;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real {@code promtool} (Debian package {@code prometheus}, which {@code .ci/run}
 * installs): checks and unit-tests rule files.
 */
final class Promtool {

	static final String MISSING = "the promtool binary is not on the PATH: install the Debian package 'prometheus'"
			+ " (apt-get install prometheus); .ci/run installs it";

	private final Path binary;

	private Promtool(Path binary) {
		this.binary = binary;
	}

	/**
	 * The promtool on the PATH. Skips the calling test when there is none, except under
	 * {@code CI=true}, where a missing promtool fails it.
	 */
	static Promtool require() {
		Optional<Path> binary = Stream.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, "promtool"))
			.filter(Files::isExecutable)
			.findFirst();
		if (binary.isEmpty() && "true".equals(System.getenv("CI"))) {
			fail("CI must run the promtool tests, but " + MISSING);
		}
		assumeTrue(binary.isPresent(), () -> "Skipped: " + MISSING);
		return new Promtool(binary.get());
	}

	/** {@code promtool check rules <file>}. */
	Result checkRules(Path rules) {
		return run(rules.getParent(), "check", "rules", rules.getFileName().toString());
	}

	/** {@code promtool test rules <file>}, run in the test file's directory. */
	Result testRules(Path tests) {
		return run(tests.getParent(), "test", "rules", tests.getFileName().toString());
	}

	private Result run(Path directory, String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(this.binary.toString());
		command.addAll(List.of(arguments));
		try {
			Process process = new ProcessBuilder(command).directory(directory.toFile())
				.redirectErrorStream(true)
				.start();
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(2, TimeUnit.MINUTES)) {
				process.destroyForcibly();
				throw new IllegalStateException("promtool did not finish: " + command);
			}
			return new Result(process.exitValue(), output);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * What promtool said.
	 *
	 * @param exitCode its exit code (0: success)
	 * @param output its standard output and error
	 */
	record Result(int exitCode, String output) {

		boolean succeeded() {
			return this.exitCode == 0;
		}

	}

}
