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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A trace as CSV: {@code #} comment lines saying how it was made, the header
 * {@value TraceSample#HEADER}, one row per second.
 */
public final class TraceCsv {

	private TraceCsv() {
	}

	public static void write(Path file, List<String> provenance, List<TraceSample> samples) throws IOException {
		List<String> lines = new ArrayList<>();
		provenance.forEach((line) -> lines.add("# " + line));
		lines.add(TraceSample.HEADER);
		samples.forEach((sample) -> lines.add(sample.csv()));
		Files.write(file, lines);
	}

	/**
	 * Reads a trace written by {@link #write}.
	 * @throws IllegalArgumentException naming the file and line that does not parse
	 */
	public static List<TraceSample> read(Path file) throws IOException {
		List<TraceSample> samples = new ArrayList<>();
		List<String> lines = Files.readAllLines(file);
		boolean header = false;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			if (!header) {
				if (!line.equals(TraceSample.HEADER)) {
					throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected the header '"
							+ TraceSample.HEADER + "', found '" + line + "'");
				}
				header = true;
				continue;
			}
			String[] f = line.split(",");
			try {
				samples.add(new TraceSample(Long.parseLong(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2]),
						Double.parseDouble(f[3]), Double.parseDouble(f[4]), Double.parseDouble(f[5]),
						Double.parseDouble(f[6])));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected 7 numbers ("
						+ TraceSample.HEADER + "), found '" + line + "'", ex);
			}
		}
		if (samples.isEmpty()) {
			throw new IllegalArgumentException(file + " holds no samples");
		}
		return samples;
	}

}
