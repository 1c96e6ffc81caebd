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

package dev.steadypod.reload.kubernetes;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import org.springframework.util.unit.DataSize;

/**
 * Checks a ConfigMap's raw data the way spring-cloud-kubernetes will read it, before its
 * result is trusted: spring-cloud-kubernetes drops a ConfigMap it cannot parse, and skips
 * file-like keys it does not expect, without failing, so its result alone cannot tell
 * "empty" from "broken". Problems are described by ConfigMap, key, line and column only,
 * never with the offending text, which may hold a secret.
 */
final class ConfigMapContentCheck {

	private final String applicationName;

	private final List<String> activeProfiles;

	private final DataSize maxSize;

	ConfigMapContentCheck(String applicationName, List<String> activeProfiles, DataSize maxSize) {
		this.applicationName = applicationName;
		this.activeProfiles = List.copyOf(activeProfiles);
		this.maxSize = maxSize;
	}

	/**
	 * Which data keys spring-cloud-kubernetes reads as YAML or properties files, and
	 * which it skips. A single key named like a file is always read as a file; with
	 * several keys, only {@code <application name>.yaml} (or {@code .yml},
	 * {@code .properties}) and {@code <application name>-<profile>.yaml} are, every other
	 * file-like key is skipped, and plain keys are single properties.
	 */
	Shape shape(Map<String, String> data) {
		Set<String> fileKeys = new TreeSet<>();
		Set<String> skipped = new TreeSet<>();
		if (data.size() == 1) {
			String key = data.keySet().iterator().next();
			if (isFileKey(key)) {
				fileKeys.add(key);
			}
			return new Shape(new TreeSet<>(data.keySet()), fileKeys, skipped);
		}
		List<String> readFiles = new ArrayList<>();
		readFiles.add(this.applicationName);
		this.activeProfiles.forEach((profile) -> readFiles.add(this.applicationName + "-" + profile));
		for (String key : data.keySet()) {
			if (isFileKey(key)) {
				(readFiles.contains(key.split("\\.", 2)[0]) ? fileKeys : skipped).add(key);
			}
		}
		return new Shape(new TreeSet<>(data.keySet()), fileKeys, skipped);
	}

	/**
	 * What is wrong with a ConfigMap's data, compared with the shape of its last good
	 * content ({@code null} when there is none).
	 * @param id {@code namespace/name}, for messages
	 * @param data the ConfigMap's data
	 * @param lastGood the shape of the content last loaded or applied
	 * @return masked problem descriptions, empty when the data can be trusted
	 */
	List<String> problems(String id, Map<String, String> data, @Nullable Shape lastGood) {
		List<String> problems = new ArrayList<>();
		long size = 0;
		for (Map.Entry<String, String> entry : data.entrySet()) {
			size += entry.getKey().getBytes(StandardCharsets.UTF_8).length;
			size += (entry.getValue() != null) ? entry.getValue().getBytes(StandardCharsets.UTF_8).length : 0;
		}
		if (size > this.maxSize.toBytes()) {
			problems
				.add("ConfigMap " + id + " has " + size + " bytes of data, more than steadypod.reload.max-file-size ("
						+ this.maxSize.toBytes() + " bytes)");
			return problems;
		}
		Shape shape = shape(data);
		for (String key : shape.fileKeys()) {
			String problem = parseProblem(key, String.valueOf(data.get(key)));
			if (problem != null) {
				problems.add("ConfigMap " + id + ", key " + key + ": " + problem);
			}
		}
		Set<String> newlySkipped = new LinkedHashSet<>(shape.skippedKeys());
		if (lastGood != null) {
			newlySkipped.removeAll(lastGood.skippedKeys());
		}
		for (String key : newlySkipped) {
			problems.add("ConfigMap " + id + ", key " + key + ": skipped by spring-cloud-kubernetes, which reads"
					+ " only " + this.applicationName + ".yaml/.yml/.properties (and " + this.applicationName
					+ "-<profile>.yaml) from a ConfigMap with several keys; rename the key or give it a ConfigMap"
					+ " of its own");
		}
		if (lastGood != null) {
			Set<String> lost = new TreeSet<>(lastGood.fileKeys());
			lost.removeAll(data.keySet());
			List<String> newTextKeys = data.entrySet()
				.stream()
				.filter((entry) -> !lastGood.keys().contains(entry.getKey()) && !isFileKey(entry.getKey())
						&& entry.getValue() != null && entry.getValue().contains("\n"))
				.map(Map.Entry::getKey)
				.sorted()
				.toList();
			if (!lost.isEmpty() && !newTextKeys.isEmpty()) {
				problems.add("ConfigMap " + id + ": key " + String.join(", ", lost) + " is gone and the new key "
						+ String.join(", ", newTextKeys) + " holds several lines, which spring-cloud-kubernetes reads"
						+ " as one plain property, not as a file (keys named like files end in .yaml, .yml or"
						+ " .properties)");
			}
		}
		return problems;
	}

	private static @Nullable String parseProblem(String key, String content) {
		if (key.endsWith(".properties")) {
			try {
				new Properties().load(new StringReader(content));
				return null;
			}
			catch (IOException | IllegalArgumentException ex) {
				return "not a valid properties file (malformed \\uxxxx escape)";
			}
		}
		Yaml yaml = new Yaml(new SafeConstructor(new LoaderOptions()));
		int document = 0;
		try {
			for (Object loaded : yaml.loadAll(content)) {
				document++;
				if (loaded != null && !(loaded instanceof Map)) {
					return "YAML document " + document + " is not a mapping of property names to values";
				}
			}
			return null;
		}
		catch (MarkedYAMLException ex) {
			// The exception's message quotes the source line; only its position is
			// reported.
			Mark mark = (ex.getProblemMark() != null) ? ex.getProblemMark() : ex.getContextMark();
			return (mark != null)
					? "not valid YAML at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)
					: "not valid YAML";
		}
		catch (YAMLException ex) {
			return "not valid YAML";
		}
	}

	static boolean isFileKey(String key) {
		return key.endsWith(".yml") || key.endsWith(".yaml") || key.endsWith(".properties");
	}

	/**
	 * How spring-cloud-kubernetes reads a ConfigMap's data.
	 *
	 * @param keys every data key
	 * @param fileKeys the keys read as YAML or properties files
	 * @param skippedKeys the file-like keys it skips
	 */
	record Shape(Set<String> keys, Set<String> fileKeys, Set<String> skippedKeys) {

		Shape {
			keys = Set.copyOf(keys);
			fileKeys = Set.copyOf(fileKeys);
			skippedKeys = Set.copyOf(skippedKeys);
		}

	}

}
