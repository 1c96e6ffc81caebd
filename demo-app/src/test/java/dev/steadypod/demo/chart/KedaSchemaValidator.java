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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Validates objects against KEDA's own schema with the npm package
 * {@code @kubernetes-models/keda} (generated from KEDA's CRDs), run by Node. The package
 * is installed with npm into {@code target/keda-validator} the first time.
 */
final class KedaSchemaValidator {

	static final String PACKAGE = "@kubernetes-models/keda@2.0.0";

	private static final Path HOME = Path.of("target", "keda-validator").toAbsolutePath();

	private static final String SCRIPT = """
			import { readFileSync } from "node:fs";
			import { ScaledObject } from "@kubernetes-models/keda/keda.sh/v1alpha1/ScaledObject";
			const object = new ScaledObject(JSON.parse(readFileSync(process.argv[2], "utf8")));
			try {
			  object.validate();
			  console.log("valid");
			} catch (error) {
			  console.log("invalid: " + error.message);
			  process.exitCode = 2;
			}
			""";

	private KedaSchemaValidator() {
	}

	/**
	 * Why validation cannot run here, if it cannot: node or npm missing.
	 * @return the reason, or empty when both are on the PATH
	 */
	static Optional<String> unavailableReason() {
		for (String tool : List.of("node", "npm")) {
			if (onPath(tool).isEmpty()) {
				return Optional.of(tool + " is not on the PATH: install Node.js 20 or newer (with npm) to validate"
						+ " the ScaledObject against KEDA's schema");
			}
		}
		return Optional.empty();
	}

	/**
	 * Validates a ScaledObject.
	 * @param json the object as JSON
	 * @return {@code valid}, or {@code invalid: } and the schema violations
	 */
	static String validateScaledObject(String json) throws IOException, InterruptedException {
		install();
		Path input = Files.createTempFile(HOME, "scaledobject-", ".json");
		try {
			Files.writeString(input, json);
			return run(List.of(onPath("node").orElseThrow().toString(), "validate.mjs", input.toString()));
		}
		finally {
			Files.deleteIfExists(input);
		}
	}

	private static void install() throws IOException, InterruptedException {
		Files.createDirectories(HOME);
		Files.writeString(HOME.resolve("validate.mjs"), SCRIPT);
		if (Files.isDirectory(HOME.resolve("node_modules/@kubernetes-models/keda"))) {
			return;
		}
		Files.writeString(HOME.resolve("package.json"),
				"{\"name\":\"keda-validator\",\"private\":true,\"type\":\"module\"}");
		String output = run(List.of(onPath("npm").orElseThrow().toString(), "install", "--no-audit", "--no-fund",
				"--loglevel=error", PACKAGE));
		if (!Files.isDirectory(HOME.resolve("node_modules/@kubernetes-models/keda"))) {
			throw new IOException("npm install " + PACKAGE + " failed: " + output);
		}
	}

	private static String run(List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(command).directory(HOME.toFile()).redirectErrorStream(true).start();
		if (!process.waitFor(5, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IOException(String.join(" ", command) + " did not finish within 5 minutes");
		}
		return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
	}

	private static Optional<Path> onPath(String tool) {
		String path = System.getenv().getOrDefault("PATH", "");
		return Stream.of(path.split(File.pathSeparator))
			.filter((dir) -> !dir.isEmpty())
			.map((dir) -> Path.of(dir, tool))
			.filter(Files::isExecutable)
			.findFirst();
	}

}
