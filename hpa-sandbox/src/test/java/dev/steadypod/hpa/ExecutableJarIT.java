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

package dev.steadypod.hpa;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The executable jar that {@code package} builds, run with {@code java -jar} in a process
 * of its own: the manifest's main class, picocli and every dependency inside it.
 */
class ExecutableJarIT {

	private static final Path JAR = Path.of(System.getProperty("hpa-sandbox.jar", "target/hpa-sandbox.jar"));

	@TempDir
	Path dir;

	@Test
	void replaysHelpListsItsOptionsAndExitsWithZero() throws Exception {
		Result result = run("replay", "--help");
		assertThat(result.exit()).as(result.err()).isZero();
		assertThat(result.out()).startsWith("Usage: hpa-sandbox replay [-hV]")
			.contains("--hpa=FILE")
			.containsPattern("--startup=DURATION[^\\n]*\\n[^\\n]*\\n +Default: 33s");
	}

	@Test
	void aBadOptionIsNamedAndExitsWithTwo() throws Exception {
		Result result = run("replay", "--hpa", "hpa.yaml", "--trace", "trace.csv", "--startup", "33");
		assertThat(result.exit()).isEqualTo(2);
		assertThat(result.err())
			.startsWith("error: Invalid value for option '--startup': must be a duration such as 15s, 2m or 1h")
			.contains("Run 'hpa-sandbox replay --help' for its options.");
		assertThat(result.out()).isEmpty();
	}

	@Test
	void theVersionIsTheModulesVersion() throws Exception {
		Result result = run("--version");
		assertThat(result.exit()).isZero();
		assertThat(result.out().strip()).isEqualTo("hpa-sandbox " + System.getProperty("hpa-sandbox.version"));
	}

	private Result run(String... args) throws IOException, InterruptedException {
		assertThat(JAR).as("built by package").isRegularFile();
		List<String> command = new ArrayList<>(
				List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
		command.addAll(List.of(args));
		Path out = this.dir.resolve("out.txt");
		Path err = this.dir.resolve("err.txt");
		Process process = new ProcessBuilder(command).directory(this.dir.toFile())
			.redirectOutput(out.toFile())
			.redirectError(err.toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("exited").isTrue();
		return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
	}

	private record Result(int exit, String out, String err) {

	}

}
