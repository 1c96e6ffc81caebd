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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The results of one benchmark run: a Markdown table and the same rows as JSON.
 */
final class Report {

	private final Map<String, Object> machine = new LinkedHashMap<>();

	private final List<Row> rows = new ArrayList<>();

	private final List<Goal> goals = new ArrayList<>();

	private final OffsetDateTime started = OffsetDateTime.now(ZoneOffset.UTC);

	Report() {
		this.machine.put("date", this.started.toString());
		this.machine.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
		this.machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
				+ System.getProperty("os.arch"));
		this.machine.put("cores", Runtime.getRuntime().availableProcessors());
		this.machine.put("cpu", cpuModel());
		this.machine.put("memoryGiB", memoryGiB());
	}

	/**
	 * One line of the table: what was measured for Steadypod and for its comparison, and
	 * their ratio.
	 *
	 * @param scenario the scenario title
	 * @param measure what is measured (e.g. "swap to new value served")
	 * @param steadypod Steadypod's figure, formatted
	 * @param comparisonName what it is compared with
	 * @param comparison the comparison's figure, formatted
	 * @param ratio comparison divided by Steadypod (or the ratio the scenario defines),
	 * NaN when none
	 * @param ratioMeaning what the ratio means
	 */
	record Row(String scenario, String measure, String steadypod, String comparisonName, String comparison,
			double ratio, String ratioMeaning) {
	}

	/**
	 * A goal from the issue and whether this run met it.
	 */
	record Goal(String goal, String measured, boolean met) {
	}

	void add(Row row) {
		this.rows.add(row);
		System.out.printf(Locale.ROOT, "[bench] %s | %s | %s | %s %s | %s%n", row.scenario(), row.measure(),
				row.steadypod(), row.comparisonName(), row.comparison(), ratio(row));
	}

	void goal(String goal, String measured, boolean met) {
		this.goals.add(new Goal(goal, measured, met));
		System.out.printf(Locale.ROOT, "[bench] goal %s: %s -> %s%n", goal, measured, met ? "met" : "NOT met");
	}

	void write(Path directory, Duration took) throws IOException {
		Files.createDirectories(directory);
		this.machine.put("benchmarkSeconds", took.toSeconds());
		Files.writeString(directory.resolve("benchmarks.md"), markdown());
		Map<String, Object> json = new LinkedHashMap<>();
		json.put("machine", this.machine);
		json.put("rows", this.rows);
		json.put("goals", this.goals);
		new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
			.writeValue(directory.resolve("benchmarks.json").toFile(), json);
	}

	String markdown() {
		StringBuilder md = new StringBuilder();
		md.append("Run: ")
			.append(this.machine.get("date"))
			.append("; JDK ")
			.append(this.machine.get("jdk"))
			.append("; ")
			.append(this.machine.get("cores"))
			.append(" cores (")
			.append(this.machine.get("cpu"))
			.append("), ")
			.append(this.machine.get("memoryGiB"))
			.append(" GiB; ")
			.append(this.machine.get("os"))
			.append("; whole run ")
			.append(this.machine.getOrDefault("benchmarkSeconds", "?"))
			.append(" s.\n\n");
		md.append("| scenario | measure | Steadypod | comparison | comparison value | ratio |\n");
		md.append("| --- | --- | --- | --- | --- | --- |\n");
		for (Row row : this.rows) {
			md.append("| ")
				.append(row.scenario())
				.append(" | ")
				.append(row.measure())
				.append(" | ")
				.append(row.steadypod())
				.append(" | ")
				.append(row.comparisonName())
				.append(" | ")
				.append(row.comparison())
				.append(" | ")
				.append(ratio(row))
				.append(" |\n");
		}
		if (!this.goals.isEmpty()) {
			md.append("\n| goal | measured | met |\n| --- | --- | --- |\n");
			for (Goal goal : this.goals) {
				md.append("| ")
					.append(goal.goal())
					.append(" | ")
					.append(goal.measured())
					.append(" | ")
					.append(goal.met() ? "yes" : "no")
					.append(" |\n");
			}
		}
		return md.toString();
	}

	private static String ratio(Row row) {
		if (Double.isNaN(row.ratio())) {
			return "";
		}
		return String.format(Locale.ROOT, "%.2fx %s", row.ratio(), row.ratioMeaning());
	}

	private static String cpuModel() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
				if (line.startsWith("model name")) {
					return line.substring(line.indexOf(':') + 1).trim();
				}
			}
		}
		catch (IOException ex) {
			// not Linux: the JDK and core count still describe the run
		}
		return "unknown CPU";
	}

	private static long memoryGiB() {
		try {
			for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
				if (line.startsWith("MemTotal:")) {
					long kib = Long.parseLong(line.replaceAll("\\D+", ""));
					return Math.round(kib / 1024.0 / 1024.0);
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			// unknown memory size is reported as 0
		}
		return 0;
	}

}
