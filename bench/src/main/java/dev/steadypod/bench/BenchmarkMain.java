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

package dev.steadypod.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Runs the benchmark scenarios against the demo app jar and writes {@code benchmarks.md}
 * and {@code benchmarks.json}.
 */
public final class BenchmarkMain {

	private BenchmarkMain() {
	}

	public static void main(String[] args) throws Exception {
		Map<String, String> options = new HashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (!arg.startsWith("--") || eq < 0) {
				throw new IllegalArgumentException("Expected --name=value, got '" + arg + "'");
			}
			options.put(arg.substring(2, eq), arg.substring(eq + 1));
		}
		Path jar = Path.of(required(options, "demo-jar"));
		if (!Files.isRegularFile(jar)) {
			throw new IllegalArgumentException("Demo app jar not found at " + jar
					+ ": build it first (./mvnw -B -Pbench -pl bench -am verify -DskipTests does)");
		}
		Path output = Path.of(required(options, "output"));
		Path work = Files.createDirectories(output.resolve("work"));
		BenchContext context = new BenchContext(jar, work, Files.createDirectories(output.resolve("logs")));
		List<Scenario> all = List.of(new VolumeReloadScenario(), new ApiReloadScenario(),
				new ReloadUnderTrafficScenario(), new ProbeSaturationScenario(), new StarterCostScenario(),
				new SelfWarmupScenario(), new LongRequestReloadScenario(), new MalformedConfigMapScenario(),
				new ProbeRestartScenario(), new DependencyOutageScenario(), new DeadlockCheckCostScenario());
		Set<String> selected = Arrays.stream(options.getOrDefault("scenarios", "").split(","))
			.map(String::trim)
			.filter((s) -> !s.isEmpty())
			.collect(Collectors.toSet());
		Set<String> known = all.stream().map(Scenario::id).collect(Collectors.toSet());
		if (!known.containsAll(selected)) {
			throw new IllegalArgumentException("Unknown scenario in " + selected + "; known: " + known);
		}
		Report report = new Report();
		long start = System.nanoTime();
		for (Scenario scenario : all) {
			if (selected.isEmpty() || selected.contains(scenario.id())) {
				System.out.println("[bench] running " + scenario.id());
				scenario.run(context, report);
			}
		}
		Duration took = Duration.ofNanos(System.nanoTime() - start);
		report.write(output, took);
		System.out.println();
		System.out.println(report.markdown());
		System.out.println("[bench] wrote " + output.resolve("benchmarks.md") + " and "
				+ output.resolve("benchmarks.json") + " in " + took.toSeconds() + " s");
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null || value.isBlank()) {
			throw new IllegalArgumentException("Missing --" + name + "=...");
		}
		return value;
	}

}
