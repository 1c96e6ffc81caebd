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

package dev.steadypod.testsupport;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One sample of the Prometheus text exposition format: series name, labels and value.
 *
 * @param name the series name, e.g. {@code http_server_requests_active_seconds_count}
 * @param labels the labels in the order they were written
 * @param value the sample value
 */
public record PrometheusSample(String name, Map<String, String> labels, double value) {

	/**
	 * Parses the text that {@code /actuator/prometheus} returns (format 0.0.4, or
	 * OpenMetrics text): comments and blank lines are skipped, label values are
	 * unescaped.
	 * @param exposition the scraped text
	 * @return every sample, in order
	 * @throws IllegalArgumentException naming the line that is not a valid sample
	 */
	public static List<PrometheusSample> parse(String exposition) {
		return exposition.lines()
			.filter((line) -> !line.isBlank() && !line.startsWith("#"))
			.map(PrometheusSample::parseLine)
			.toList();
	}

	/**
	 * Returns this sample with labels added, as a scrape configuration attaches target
	 * labels.
	 * @param extra the labels to add
	 * @return a new sample
	 */
	public PrometheusSample withLabels(Map<String, String> extra) {
		Map<String, String> all = new LinkedHashMap<>(this.labels);
		all.putAll(extra);
		return new PrometheusSample(this.name, all, this.value);
	}

	static PrometheusSample parseLine(String line) {
		try {
			int i = 0;
			while (i < line.length() && line.charAt(i) != '{' && line.charAt(i) != ' ') {
				i++;
			}
			String name = line.substring(0, i);
			if (name.isEmpty()) {
				throw new IllegalArgumentException("no series name");
			}
			Map<String, String> labels = new LinkedHashMap<>();
			if (i < line.length() && line.charAt(i) == '{') {
				i++;
				while (line.charAt(i) != '}') {
					int eq = line.indexOf('=', i);
					String label = line.substring(i, eq).trim();
					if (line.charAt(eq + 1) != '"') {
						throw new IllegalArgumentException("label value of '" + label + "' is not quoted");
					}
					StringBuilder value = new StringBuilder();
					int j = eq + 2;
					for (char c = line.charAt(j); c != '"'; c = line.charAt(++j)) {
						if (c == '\\') {
							char escaped = line.charAt(++j);
							value.append((escaped == 'n') ? '\n' : escaped);
						}
						else {
							value.append(c);
						}
					}
					labels.put(label, value.toString());
					i = j + 1;
					if (line.charAt(i) == ',') {
						i++;
					}
				}
				i++;
			}
			String[] rest = line.substring(i).trim().split("\\s+");
			return new PrometheusSample(name, labels, parseValue(rest[0]));
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException("Not a Prometheus sample line: '" + line + "' (" + ex.getMessage() + ")",
					ex);
		}
	}

	private static double parseValue(String text) {
		return switch (text) {
			case "+Inf" -> Double.POSITIVE_INFINITY;
			case "-Inf" -> Double.NEGATIVE_INFINITY;
			case "NaN" -> Double.NaN;
			default -> Double.parseDouble(text);
		};
	}

}
