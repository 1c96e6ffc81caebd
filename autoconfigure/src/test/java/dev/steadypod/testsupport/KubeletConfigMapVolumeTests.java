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

package dev.steadypod.testsupport;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class KubeletConfigMapVolumeTests {

	@TempDir
	Path dir;

	@Test
	void laysOutPayloadDataLinkAndUserVisibleLinksAsTheKubeletDoes() throws Exception {
		KubeletConfigMapVolume.create(this.dir, Map.of("application.yaml", "a: 1"));
		assertThat(Files.isSymbolicLink(this.dir.resolve("..data"))).isTrue();
		assertThat(Files.readSymbolicLink(this.dir.resolve("..data")).toString())
			.matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d{10}");
		assertThat(Files.readSymbolicLink(this.dir.resolve("application.yaml")))
			.isEqualTo(Path.of("..data", "application.yaml"));
		assertThat(Files.readString(this.dir.resolve("application.yaml"))).isEqualTo("a: 1");
	}

	@Test
	void updateSwapsDataLinkAddsAndRemovesKeysAndDeletesTheOldPayload() throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir,
				Map.of("application.yaml", "a: 1", "old.properties", "x=1"));
		Path firstPayload = this.dir.resolve(Files.readSymbolicLink(this.dir.resolve("..data")));
		volume.update(Map.of("application.yaml", "a: 2", "new.properties", "y=2"));
		assertThat(Files.readString(volume.file("application.yaml"))).isEqualTo("a: 2");
		assertThat(Files.readString(volume.file("new.properties"))).isEqualTo("y=2");
		assertThat(volume.file("old.properties")).doesNotExist();
		assertThat(firstPayload).doesNotExist();
		assertThat(entries()).containsOnly("..data", "application.yaml", "new.properties",
				Files.readSymbolicLink(this.dir.resolve("..data")).toString());
	}

	@Test
	void olderKubeletOrderEndsInTheSameLayout() throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir, Map.of("a.yaml", "a: 1"));
		volume.updateLinksFirst(Map.of("a.yaml", "a: 2", "b.yaml", "b: 2"));
		assertThat(Files.readString(volume.file("b.yaml"))).isEqualTo("b: 2");
		assertThat(Files.readString(volume.file("a.yaml"))).isEqualTo("a: 2");
		assertThat(this.dir.resolve("..data_tmp")).doesNotExist();
	}

	private List<String> entries() throws Exception {
		try (Stream<Path> list = Files.list(this.dir)) {
			return list.map((p) -> p.getFileName().toString()).toList();
		}
	}

}
