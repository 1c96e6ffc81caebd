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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A trace as CSV: {@code #} comment lines saying how it was made, the header
 * {@value TraceSample#HEADER}, one row per second. Columns are found by name, so a
 * spreadsheet or another tool can write them in any order; {@code target_rps},
 * {@code gc_pause_ms}, {@code pods} and the load generator's, pool and throttling columns
 * may be left out (traces recorded before those columns existed have none of them), and
 * an optional column's value may be empty where it was not measured.
 */
public final class TraceCsv {

	static final List<String> REQUIRED = List.of("second", "completed_rps", "cpu", "in_flight", "latency_ms");

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
	 * The line 'record' writes about the machine, {@code # machine: N processors, ...}.
	 */
	private static final Pattern MACHINE = Pattern.compile("^#\\s*machine:\\s*(\\d+) processors\\b");

	/**
	 * The recording machine's processor count from the trace's {@code # machine: N
	 * processors} line, the count {@code process_cpu_usage} (the {@code cpu} column) is a
	 * share of.
	 * @param file the trace
	 * @return the count, or empty when the trace has no such line
	 * @throws IOException when the file cannot be read
	 */
	public static OptionalInt machineProcessors(Path file) throws IOException {
		OptionalDouble processors = positiveNumber(file, MACHINE);
		return processors.isPresent() ? OptionalInt.of((int) processors.getAsDouble()) : OptionalInt.empty();
	}

	/**
	 * The line a recording script writes about the pod,
	 * {@code # pod: cpu request <N>m, ...}.
	 */
	private static final Pattern POD_CPU_REQUEST = Pattern.compile("^#\\s*pod:\\s*cpu request\\s+(\\d{1,9})m\\b");

	/**
	 * The recorded pod's CPU request from the trace's {@code # pod: cpu request <N>m}
	 * line: the share CPU utilisation is a share of when the trace is replayed or
	 * recommended from, so that a trace of a pod with half a core's request is not
	 * replayed as one with a whole core.
	 * @param file the trace
	 * @return the request in millicores, or empty when the trace has no such line
	 * @throws IOException when the file cannot be read
	 */
	public static OptionalInt podCpuRequestMillis(Path file) throws IOException {
		OptionalDouble millis = positiveNumber(file, POD_CPU_REQUEST);
		return millis.isPresent() ? OptionalInt.of((int) millis.getAsDouble()) : OptionalInt.empty();
	}

	/** The line a trace writes when its cpu column is not a share of the machine. */
	private static final Pattern CPU_COLUMN = Pattern
		.compile("^#\\s*cpu column:\\s*a share of (\\d+(?:\\.\\d+)?) processors\\b");

	/**
	 * The processors the trace's {@code cpu} column is a share of when that is not the
	 * machine's, from its {@code # cpu column: a share of N processors} line: a JVM
	 * inside a CPU quota reports {@code process_cpu_usage} as a share of its quota (0.5
	 * for half a processor), not of the machine's processors.
	 * @param file the trace
	 * @return the count, or empty when the trace has no such line
	 * @throws IOException when the file cannot be read
	 */
	public static OptionalDouble cpuColumnProcessors(Path file) throws IOException {
		return positiveNumber(file, CPU_COLUMN);
	}

	/**
	 * The number the first {@code #} line matching a pattern captures, when it is
	 * positive: a provenance line that says 0 says nothing usable.
	 */
	private static OptionalDouble positiveNumber(Path file, Pattern line) throws IOException {
		for (String text : Files.readAllLines(file)) {
			Matcher matcher = line.matcher(text.strip());
			if (matcher.find()) {
				double value = Double.parseDouble(matcher.group(1));
				return (value > 0) ? OptionalDouble.of(value) : OptionalDouble.empty();
			}
		}
		return OptionalDouble.empty();
	}

	/**
	 * Reads a trace.
	 * @throws IllegalArgumentException naming the file and line that does not parse, or
	 * the columns the header lacks
	 * @throws NoSuchFileException when there is no such file
	 */
	public static List<TraceSample> read(Path file) throws IOException {
		List<TraceSample> samples = new ArrayList<>();
		List<String> lines = Files.readAllLines(file);
		Map<String, Integer> columns = null;
		for (int i = 0; i < lines.size(); i++) {
			String line = lines.get(i).strip();
			if (line.isEmpty() || line.startsWith("#")) {
				continue;
			}
			if (columns == null) {
				columns = columns(file, i + 1, line);
				continue;
			}
			String[] f = line.split(",", -1);
			if (f.length != columns.size()) {
				throw new IllegalArgumentException(file + " line " + (i + 1) + ": expected " + columns.size()
						+ " values as the header names, found " + f.length + " in '" + line + "'");
			}
			try {
				double completed = number(f, columns, "completed_rps", Double.NaN);
				samples.add(new TraceSample((long) number(f, columns, "second", 0),
						number(f, columns, "target_rps", completed), completed, number(f, columns, "cpu", 0),
						number(f, columns, "in_flight", 0), number(f, columns, "latency_ms", 0),
						number(f, columns, "gc_pause_ms", 0), (int) number(f, columns, "pods", 1),
						optional(f, columns, "client_latency_ms"), optional(f, columns, "outstanding"),
						optional(f, columns, "pool_busy"), optional(f, columns, "pool_max"),
						optional(f, columns, "throttled_ms")));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException(
						file + " line " + (i + 1) + ": expected numbers (and at least one pod), found '" + line + "'",
						ex);
			}
		}
		if (columns == null) {
			throw new IllegalArgumentException(file + " has no header line: it needs at least the columns "
					+ String.join(",", REQUIRED) + " (" + TraceSample.HEADER + " in full)");
		}
		if (samples.isEmpty()) {
			throw new IllegalArgumentException(file + " holds no samples");
		}
		return samples;
	}

	private static Map<String, Integer> columns(Path file, int number, String header) {
		Map<String, Integer> columns = new HashMap<>();
		String[] names = header.split(",");
		for (int i = 0; i < names.length; i++) {
			columns.put(names[i].strip(), i);
		}
		List<String> missing = REQUIRED.stream().filter((name) -> !columns.containsKey(name)).toList();
		if (!missing.isEmpty()) {
			throw new IllegalArgumentException(file + " line " + number + ": the header lacks the column"
					+ ((missing.size() > 1) ? "s " : " ") + String.join(", ", missing) + "; found '" + header
					+ "', expected " + TraceSample.HEADER + " (only " + String.join(",", REQUIRED) + " are required)");
		}
		return columns;
	}

	/** An optional column: NaN when the trace lacks it or left the value empty. */
	private static double optional(String[] fields, Map<String, Integer> columns, String name) {
		Integer index = columns.get(name);
		if (index == null || fields[index].isBlank()) {
			return Double.NaN;
		}
		return number(fields, columns, name, Double.NaN);
	}

	private static double number(String[] fields, Map<String, Integer> columns, String name, double absent) {
		Integer index = columns.get(name);
		if (index == null) {
			return absent;
		}
		double value = Double.parseDouble(fields[index].strip());
		if (Double.isNaN(value) || Double.isInfinite(value)) {
			throw new NumberFormatException(name + " is " + value);
		}
		return value;
	}

}
