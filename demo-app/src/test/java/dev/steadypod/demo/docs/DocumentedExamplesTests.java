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

package dev.steadypod.demo.docs;

import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.steadypod.demo.docs.Documentation.Block;
import dev.steadypod.reload.ConfigReloadEndpoint.OutcomeDescriptor;
import dev.steadypod.reload.ConfigReloadEndpoint.StatusDescriptor;
import dev.steadypod.reload.ConfigReloadEndpoint.WatchedPathDescriptor;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Code examples and reference tables on the pages follow the code: the Spring Security
 * filter chain of docs/using-it-in-your-app.md is the one the {@code security-boot-4.1}
 * consumer build starts and tests, and the field table of docs/troubleshooting.md lists
 * exactly what {@code /actuator/configreload} returns.
 */
class DocumentedExamplesTests {

	@Test
	void theSpringSecurityExampleIsTheOneTheSecurityConsumerBuildTests() throws Exception {
		List<Block> java = Documentation.page("docs/using-it-in-your-app.md")
			.blocks()
			.stream()
			.filter((block) -> block.language().equals("java"))
			.toList();
		assertThat(java).hasSize(1);
		List<String> tested = lines(Files.readString(Documentation.ROOT.resolve(
				"consumers/src/it/security-boot-4.1/src/main/java/com/example/consumer/security/ManagementSecurityConfiguration.java")));
		List<String> documented = lines(java.get(0).content());
		// Every documented line, in order, in the tested class (which adds a header,
		// imports and javadoc).
		int next = 0;
		for (String line : documented) {
			int found = tested.subList(next, tested.size()).indexOf(line);
			assertThat(found).as("documented line '%s' in the tested class, after line %d", line, next).isNotNegative();
			next += found + 1;
		}
	}

	private static List<String> lines(String text) {
		return Arrays.stream(text.split("\n")).map(String::strip).filter((line) -> !line.isEmpty()).toList();
	}

	@Test
	void theConfigReloadFieldTableListsExactlyTheFieldsTheEndpointReturns() {
		String table = Documentation.page("docs/troubleshooting.md")
			.sectionText("## The fields of `/actuator/configreload`");
		Set<String> documented = new LinkedHashSet<>();
		Matcher row = Pattern.compile("(?m)^\\| `([^`]+)` \\|").matcher(table);
		while (row.find()) {
			documented.add(row.group(1));
		}
		Set<String> returned = new LinkedHashSet<>();
		for (RecordComponent component : StatusDescriptor.class.getRecordComponents()) {
			switch (component.getName()) {
				case "watchedPaths" -> names(WatchedPathDescriptor.class, "watchedPaths[].", returned);
				case "outcomes" -> {
					returned.add("outcomes[]");
					names(OutcomeDescriptor.class, "outcomes[].", returned);
				}
				default -> returned.add(component.getName());
			}
		}
		assertThat(documented).containsExactlyInAnyOrderElementsOf(returned);
	}

	private static void names(Class<? extends Record> type, String prefix, Set<String> names) {
		for (RecordComponent component : type.getRecordComponents()) {
			names.add(prefix + component.getName());
		}
	}

}
