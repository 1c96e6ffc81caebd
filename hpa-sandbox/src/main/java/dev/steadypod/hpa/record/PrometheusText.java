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

package dev.steadypod.hpa.record;

import java.util.HashMap;
import java.util.Map;

/**
 * The Prometheus text exposition format, read just enough for a trace: each metric's
 * value summed over all its label sets.
 */
final class PrometheusText {

	private PrometheusText() {
	}

	/**
	 * Sums every sample per metric name.
	 * @param text a scrape
	 * @return metric name to the sum over its series
	 * @throws IllegalArgumentException naming the line that is not a sample
	 */
	static Map<String, Double> sums(String text) {
		Map<String, Double> sums = new HashMap<>();
		int number = 0;
		for (String line : text.split("\n")) {
			number++;
			String trimmed = line.strip();
			if (trimmed.isEmpty() || trimmed.startsWith("#")) {
				continue;
			}
			int labels = trimmed.indexOf('{');
			int nameEnd = (labels >= 0) ? labels : trimmed.indexOf(' ');
			int valueStart = (labels >= 0) ? trimmed.indexOf("} ", labels) + 2 : nameEnd + 1;
			if (nameEnd <= 0 || valueStart <= 1) {
				throw new IllegalArgumentException("line " + number + " is not a Prometheus sample: " + line);
			}
			String[] rest = trimmed.substring(valueStart).strip().split("\\s+");
			double value;
			try {
				value = Double.parseDouble(rest[0]);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("line " + number + " has no numeric value: " + line, ex);
			}
			if (!Double.isNaN(value)) {
				sums.merge(trimmed.substring(0, nameEnd), value, Double::sum);
			}
		}
		return sums;
	}

}
