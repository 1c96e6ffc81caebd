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
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.Yaml;

/**
 * The chart's values.yaml for the command tests, as it is or with one signal chosen:
 * tests of a command's mechanics pick the signal their trace has, and keep the chart's
 * bounds and behavior whatever its default signals are.
 */
final class ChartValues {

	/** The chart's values, from the module's directory. */
	static final Path FILE = Path.of("..", "helm", "steadypod", "values.yaml");

	private static final List<String> SIGNALS = List.of("cpu", "inFlight", "concurrency", "requestsPerSecond",
			"threadPool");

	private ChartValues() {
	}

	/**
	 * The chart's values with only the given signal enabled, written to a file.
	 * @param signal the values key of the signal, e.g. {@code inFlight}
	 * @param file where to write them
	 * @return the file
	 */
	@SuppressWarnings("unchecked")
	static Path withOnly(String signal, Path file) throws IOException {
		if (!SIGNALS.contains(signal)) {
			throw new IllegalArgumentException("no signal '" + signal + "' in the chart; one of " + SIGNALS);
		}
		Map<String, Object> values = new Yaml().load(Files.readString(FILE));
		Map<String, Object> autoscaling = (Map<String, Object>) values.get("autoscaling");
		for (String name : SIGNALS) {
			((Map<String, Object>) autoscaling.get(name)).put("enabled", name.equals(signal));
		}
		return Files.writeString(file, new Yaml().dump(values));
	}

}
