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

/**
 * The time a cgroup's processes waited because they had used up their CPU quota, from the
 * cgroup's {@code cpu.stat}: {@code throttled_time} in nanoseconds in a cgroup v1
 * {@code cpu} controller directory (e.g. {@code /sys/fs/cgroup/cpu/NAME}),
 * {@code throttled_usec} in microseconds in a cgroup v2 directory. A pod whose CPU limit
 * is reached shows it here and nowhere in its own metrics: {@code process_cpu_usage}
 * stays at the quota while requests queue.
 *
 * @param cgroup the cgroup directory
 */
record CpuThrottling(Path cgroup) {

	/**
	 * The cgroup's throttled time so far.
	 * @return milliseconds since the cgroup was created
	 * @throws IOException when {@code cpu.stat} cannot be read
	 * @throws IllegalArgumentException when the directory has no {@code cpu.stat} or it
	 * counts no throttled time, naming what to give instead
	 */
	double throttledMillis() throws IOException {
		Path file = this.cgroup.resolve("cpu.stat");
		String text;
		try {
			text = Files.readString(file);
		}
		catch (NoSuchFileException ex) {
			throw new IllegalArgumentException(
					file + " does not exist: give the directory of a cgroup v1 cpu"
							+ " controller (e.g. /sys/fs/cgroup/cpu/NAME) or of a cgroup v2 group, which hold cpu.stat",
					ex);
		}
		return throttledMillis(text, file);
	}

	/**
	 * Reads the throttled time of a {@code cpu.stat}: {@code key value} lines.
	 * @param file where the text came from, for messages
	 * @throws IllegalArgumentException when it counts no throttled time or the count is
	 * not a number, naming the file
	 */
	static double throttledMillis(String cpuStat, Path file) {
		for (String line : cpuStat.split("\n")) {
			String[] fields = line.strip().split("\\s+");
			if (fields.length != 2) {
				continue;
			}
			double perMilli = switch (fields[0]) {
				case "throttled_time" -> 1e6;
				case "throttled_usec" -> 1e3;
				default -> Double.NaN;
			};
			if (!Double.isNaN(perMilli)) {
				try {
					return Long.parseLong(fields[1]) / perMilli;
				}
				catch (NumberFormatException ex) {
					throw new IllegalArgumentException(
							file + ": " + fields[0] + " is not a whole number: '" + line.strip() + "'", ex);
				}
			}
		}
		throw new IllegalArgumentException(file + " has neither throttled_time (cgroup v1, nanoseconds) nor"
				+ " throttled_usec (cgroup v2, microseconds): is it the cpu.stat of a cgroup with the cpu controller?");
	}

}
