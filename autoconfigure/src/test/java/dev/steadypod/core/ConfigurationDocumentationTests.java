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

package dev.steadypod.core;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/configuration.md must list every {@code steadypod.*} property that the
 * configuration processor generated metadata for, with the same default, and every
 * property needs javadoc (it is the IDE's description).
 */
class ConfigurationDocumentationTests {

	private static final Path DOCS = Path.of("..", "docs", "configuration.md");

	private static final Path METADATA = Path.of("target", "classes", "META-INF", "spring-configuration-metadata.json");

	@Test
	void everyPropertyIsDocumentedWithItsDefaultAndHasADescription() throws Exception {
		List<Map<String, Object>> properties;
		// This module's own metadata, as the configuration processor wrote it
		// (dependencies ship theirs too).
		try (InputStream metadata = Files.newInputStream(METADATA)) {
			List<Map<String, Object>> all = JsonPath.read(metadata, "$.properties");
			properties = all.stream()
				.filter((property) -> property.get("name").toString().startsWith("steadypod."))
				.toList();
		}
		assertThat(properties).hasSizeGreaterThan(20);
		String docs = Files.readString(DOCS);
		List<String> problems = new ArrayList<>();
		for (Map<String, Object> property : properties) {
			String name = (String) property.get("name");
			if (property.get("description") == null || property.get("description").toString().isBlank()) {
				problems.add(name + " has no javadoc description");
			}
			String row = row(docs, name);
			if (row == null) {
				problems.add(name + " is missing from docs/configuration.md");
				continue;
			}
			Object defaultValue = property.get("defaultValue");
			if (defaultValue != null && !(defaultValue instanceof List) && !row.contains("`" + defaultValue + "`")) {
				problems.add(name + ": docs give a default other than `" + defaultValue + "`: " + row);
			}
		}
		assertThat(problems).isEmpty();
	}

	private static String row(String docs, String name) {
		for (String line : docs.split("\n")) {
			if (line.startsWith("| `" + name + "` |")) {
				return line;
			}
		}
		return null;
	}

}
