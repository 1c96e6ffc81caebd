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

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The property diff on the sources a reload really meets.
 */
class PropertySourcePatchTests {

	@TempDir
	Path dir;

	@Test
	void aLiveConfigTreeValueWhoseFileVanishedBeforeItWasReadCountsAsChanged() throws Exception {
		Path tree = Files.createDirectories(this.dir.resolve("tree"));
		Files.writeString(tree.resolve("sample.name"), "only-key");
		String name = "Config tree '" + tree + "'";
		MutablePropertySources live = new MutablePropertySources();
		live.addLast(
				new ConfigTreePropertySource(name, tree, ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE));
		live.addLast(new MapPropertySource("defaults", Map.of("sample.count", "1")));
		// The kubelet removed the last key before anything read it: Spring Boot reads the
		// file lazily and can no longer.
		Files.delete(tree.resolve("sample.name"));
		ConfigCandidate candidate = ConfigCandidate.builder("file")
			.propertySource(new MapPropertySource(name, Map.of()))
			.contentHash("empty")
			.build();
		MutablePropertySources candidateSources = PropertySourcePatch.candidateSources(live, candidate);
		assertThat(PropertySourcePatch.changedKeys(live, candidateSources, candidate)).containsExactly("sample.name");
	}

	@Test
	void unchangedValuesAreNotReported() {
		MutablePropertySources live = new MutablePropertySources();
		live.addLast(new MapPropertySource("application.yaml", Map.of("a.b", "1", "a.c", "2")));
		ConfigCandidate candidate = ConfigCandidate.builder("file")
			.propertySource(new MapPropertySource("application.yaml", Map.of("a.b", "1", "a.c", "3")))
			.contentHash("h")
			.build();
		MutablePropertySources candidateSources = PropertySourcePatch.candidateSources(live, candidate);
		assertThat(PropertySourcePatch.changedKeys(live, candidateSources, candidate)).containsExactly("a.c");
	}

}
