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

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Checks of a ConfigMap's raw data, the way spring-cloud-kubernetes will read it.
 */
class ConfigMapContentCheckTests {

	private final ConfigMapContentCheck check = new ConfigMapContentCheck("orders", List.of("prod"),
			DataSize.ofKilobytes(1));

	@Test
	void wellFormedYamlAndPropertiesHaveNoProblem() {
		assertThat(this.check.problems("shop/orders", Map.of("application.yaml", "a:\n b: 1\n---\nc: 2\n"), null))
			.isEmpty();
		assertThat(this.check.problems("shop/orders", Map.of("orders.properties", "a.b=1\n", "plain", "x"), null))
			.isEmpty();
	}

	@Test
	void malformedYamlIsReportedByKeyLineAndColumnWithoutItsText() {
		List<String> problems = this.check.problems("shop/orders",
				Map.of("application.yaml", "db:\n  user: app\n  password: \"hunter2-SECRET\n"), null);
		assertThat(problems).singleElement()
			.asString()
			.startsWith("ConfigMap shop/orders, key application.yaml: not valid YAML at line 4, column 1")
			.doesNotContain("hunter2");
	}

	@Test
	void yamlThatIsNotAMappingIsReported() {
		assertThat(this.check.problems("shop/orders", Map.of("application.yaml", "a.b=1\n"), null)).singleElement()
			.asString()
			.contains("YAML document 1 is not a mapping");
	}

	@Test
	void malformedPropertiesEscapeIsReported() {
		assertThat(this.check.problems("shop/orders", Map.of("application.properties", "a=\\u12\n"), null))
			.singleElement()
			.asString()
			.contains("not a valid properties file");
	}

	@Test
	void fileKeysSkippedInAConfigMapWithSeveralKeysAreReportedUnlessTheyWereSkippedBefore() {
		Map<String, String> data = Map.of("application.yaml", "a: 1\n", "orders-prod.yaml", "b: 2\n", "other-app.yaml",
				"c: 3\n", "plain", "x");
		ConfigMapContentCheck.Shape shape = this.check.shape(data);
		assertThat(shape.fileKeys()).containsExactly("orders-prod.yaml");
		assertThat(shape.skippedKeys()).containsExactlyInAnyOrder("application.yaml", "other-app.yaml");
		assertThat(this.check.problems("shop/orders", data, null)).hasSize(2)
			.allSatisfy((problem) -> assertThat(problem).contains("skipped by spring-cloud-kubernetes"));
		// A shared ConfigMap that always held other applications' files: nothing new.
		assertThat(this.check.problems("shop/orders", data, shape)).isEmpty();
	}

	@Test
	void aSingleFileKeyIsReadWhateverItsName() {
		assertThat(this.check.shape(Map.of("anything.yml", "a: 1\n")).fileKeys()).containsExactly("anything.yml");
	}

	@Test
	void fileKeyRenamedIntoAPlainMultiLinePropertyIsReported() {
		ConfigMapContentCheck.Shape before = this.check.shape(Map.of("application.yaml", "a:\n b: 1\n"));
		assertThat(this.check.problems("shop/orders", Map.of("application.yaml.bak", "a:\n b: 1\n"), before))
			.singleElement()
			.asString()
			.contains("key application.yaml is gone and the new key application.yaml.bak holds several lines");
		// Moving to plain single-line keys is a deliberate change.
		assertThat(this.check.problems("shop/orders", Map.of("a.b", "1"), before)).isEmpty();
	}

	@Test
	void dataLargerThanTheLimitIsReportedWithoutParsing() {
		assertThat(this.check.problems("shop/orders", Map.of("application.yaml", "a: " + "x".repeat(2000)), null))
			.singleElement()
			.asString()
			.contains("more than steadypod.reload.max-file-size (1024 bytes)");
	}

	@Test
	void emptyDataIsNoProblem() {
		assertThat(this.check.problems("shop/orders", Map.of(), null)).isEmpty();
	}

}
