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

package dev.steadypod.demo.chart;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the values table of helm/README.md in sync with the chart's values.yaml: every
 * value is documented, with its real default and a meaning.
 */
class SteadypodChartReadmeTests {

	private static final Pattern ROW = Pattern.compile("^\\| `([^`]+)` \\| `(.*)` \\| (.*) \\|$");

	@Test
	void everyValueIsDocumentedInTheReadme() {
		Map<String, Row> rows = readmeRows();
		List<String> undocumented = leaves(SteadypodChart.defaultValues()).keySet()
			.stream()
			.filter((leaf) -> rows.keySet().stream().noneMatch((name) -> covers(name, leaf)))
			.toList();
		assertThat(undocumented).as("values missing from helm/README.md").isEmpty();
	}

	@Test
	void everyDocumentedDefaultIsTheDefaultInValuesYaml() {
		Map<String, Object> values = SteadypodChart.defaultValues();
		Map<String, Row> rows = readmeRows();
		assertThat(rows).isNotEmpty();
		rows.forEach((name, row) -> {
			assertThat(exists(values, name)).as("%s is in helm/README.md but not in values.yaml", name).isTrue();
			Object documented = new Yaml().load(row.defaultJson());
			assertThat(documented).as("default of %s in helm/README.md", name)
				.isEqualTo(SteadypodChartRenderingTests.value(values, name));
			assertThat(row.meaning()).as("meaning of %s", name).isNotBlank();
		});
	}

	@Test
	void theSyncCheckNoticesAMissingValue() {
		Map<String, Object> values = SteadypodChart.defaultValues();
		Map<String, Object> extra = new LinkedHashMap<>(values);
		extra.put("undocumentedSwitch", true);
		Map<String, Row> rows = readmeRows();
		assertThat(leaves(extra).keySet())
			.filteredOn((leaf) -> rows.keySet().stream().noneMatch((n) -> covers(n, leaf)))
			.containsExactly("undocumentedSwitch");
	}

	private static boolean covers(String documented, String leaf) {
		return leaf.equals(documented) || leaf.startsWith(documented + ".");
	}

	@SuppressWarnings("unchecked")
	private static boolean exists(Map<String, Object> values, String dottedPath) {
		Object node = values;
		for (String key : dottedPath.split("\\.")) {
			if (!(node instanceof Map<?, ?> map) || !map.containsKey(key)) {
				return false;
			}
			node = ((Map<String, Object>) map).get(key);
		}
		return true;
	}

	/** Scalars, lists and empty maps, by dotted path. */
	@SuppressWarnings("unchecked")
	private static Map<String, Object> leaves(Map<String, Object> values) {
		Map<String, Object> leaves = new LinkedHashMap<>();
		List<Object[]> todo = new ArrayList<>();
		values.forEach((key, value) -> todo.add(new Object[] { key, value }));
		while (!todo.isEmpty()) {
			Object[] entry = todo.remove(0);
			String path = (String) entry[0];
			if (entry[1] instanceof Map<?, ?> map && !map.isEmpty()) {
				((Map<String, Object>) map).forEach((key, value) -> todo.add(new Object[] { path + "." + key, value }));
			}
			else {
				leaves.put(path, entry[1]);
			}
		}
		return leaves;
	}

	private static Map<String, Row> readmeRows() {
		String readme = SteadypodChart.read(SteadypodChart.DIRECTORY.resolveSibling("README.md"));
		String section = readme.substring(readme.indexOf("## Values"));
		int next = section.indexOf("\n## ", 3);
		section = (next > 0) ? section.substring(0, next) : section;
		Map<String, Row> rows = new LinkedHashMap<>();
		for (String line : section.split("\n")) {
			Matcher matcher = ROW.matcher(line);
			if (matcher.matches()) {
				Row previous = rows.put(matcher.group(1), new Row(matcher.group(2), matcher.group(3)));
				assertThat(previous).as("%s documented twice", matcher.group(1)).isNull();
			}
		}
		return rows;
	}

	private record Row(String defaultJson, String meaning) {
	}

}
