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

package dev.steadypod.reload;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The mount points of this process, from {@code /proc/self/mountinfo}. A watched file
 * that is a mount point of its own is a Kubernetes {@code subPath} mount: a bind mount
 * made at pod start that never receives ConfigMap updates.
 */
public final class MountInfo {

	private static final Path PROC_SELF_MOUNTINFO = Path.of("/proc/self/mountinfo");

	private final Set<Path> mountPoints;

	private MountInfo(Set<Path> mountPoints) {
		this.mountPoints = mountPoints;
	}

	/** Reads this process's mount table; empty where there is none (not Linux). */
	public static MountInfo read() {
		try {
			return Files.isReadable(PROC_SELF_MOUNTINFO) ? parse(Files.readString(PROC_SELF_MOUNTINFO))
					: new MountInfo(Set.of());
		}
		catch (IOException | RuntimeException ex) {
			return new MountInfo(Set.of());
		}
	}

	/**
	 * Parses mountinfo text: per line, the fifth field is the mount point, with spaces,
	 * tabs, newlines and backslashes octal-escaped.
	 * @param text the content of a mountinfo file
	 * @return the mount table
	 */
	public static MountInfo parse(String text) {
		Set<Path> points = new LinkedHashSet<>();
		for (String line : text.split("\n")) {
			String[] fields = line.trim().split(" ");
			if (fields.length >= 5) {
				points.add(Path.of(unescape(fields[4])));
			}
		}
		return new MountInfo(points);
	}

	/** Whether {@code path} (made absolute) is a mount point. */
	public boolean isMountPoint(Path path) {
		return this.mountPoints.contains(path.toAbsolutePath().normalize());
	}

	private static String unescape(String field) {
		StringBuilder result = new StringBuilder(field.length());
		for (int i = 0; i < field.length(); i++) {
			char c = field.charAt(i);
			if (c == '\\' && isOctal(field, i + 1)) {
				result.append((char) Integer.parseInt(field.substring(i + 1, i + 4), 8));
				i += 3;
			}
			else {
				result.append(c);
			}
		}
		return result.toString();
	}

	private static boolean isOctal(String text, int from) {
		if (from + 3 > text.length()) {
			return false;
		}
		for (int i = from; i < from + 3; i++) {
			if (text.charAt(i) < '0' || text.charAt(i) > '7') {
				return false;
			}
		}
		return true;
	}

}
