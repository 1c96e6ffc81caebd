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
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
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
			.matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d+");
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

	@Test
	void identicalPayloadWritesNothing() throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir, Map.of("application.yaml", "a: 1"));
		Path payload = Files.readSymbolicLink(this.dir.resolve("..data"));
		long swapped = volume.update(Map.of("application.yaml", "a: 1"));
		assertThat(swapped).isZero();
		assertThat(Files.readSymbolicLink(this.dir.resolve("..data"))).isEqualTo(payload);
		assertThat(this.dir.resolve(payload)).isDirectory();
	}

	@Test
	void nestedItemPathGetsOneLinkForItsFirstPathElement() throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir,
				Map.of("conf/app.yaml", "a: 1", "conf/extra.yaml", "b: 1"));
		assertThat(Files.readSymbolicLink(this.dir.resolve("conf"))).isEqualTo(Path.of("..data", "conf"));
		assertThat(Files.isSymbolicLink(this.dir.resolve("conf/app.yaml"))).isFalse();
		assertThat(Files.readString(volume.file("conf/app.yaml"))).isEqualTo("a: 1");
		Path payload = this.dir.resolve(Files.readSymbolicLink(this.dir.resolve("..data")));
		assertThat(entries()).containsOnly("..data", "conf", payload.getFileName().toString());
		volume.update(Map.of("conf/app.yaml", "a: 2"));
		assertThat(Files.readString(volume.file("conf/app.yaml"))).isEqualTo("a: 2");
		assertThat(volume.file("conf/extra.yaml")).doesNotExist();
		assertThat(volume.file("conf")).isDirectory();
	}

	@Test
	void keyRemovedFromAllNestedItemsLosesItsTopLevelLink() throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir,
				Map.of("conf/app.yaml", "a: 1", "top.yaml", "t: 1"));
		volume.update(Map.of("top.yaml", "t: 1"));
		assertThat(Files.exists(this.dir.resolve("conf"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
		assertThat(Files.readString(volume.file("top.yaml"))).isEqualTo("t: 1");
	}

	@Test
	void emptyPayloadLeavesAnEmptyDataDirectory() throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir, Map.of("sample.name", "x"));
		volume.update(Map.of());
		Path payload = this.dir.resolve(Files.readSymbolicLink(this.dir.resolve("..data")));
		assertThat(payload).isEmptyDirectory();
		assertThat(entries()).containsOnly("..data", payload.getFileName().toString());
		assertThat(volume.update(Map.of())).isZero();
	}

	@Test
	void userVisibleLinksAppearOnlyAfterTheDataSwap() throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir, Map.of("a.yaml", "a: 1"));
		try (WatchService watch = this.dir.getFileSystem().newWatchService()) {
			this.dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
			volume.update(Map.of("a.yaml", "a: 2", "b.yaml", "b: 2"));
			List<String> created = new ArrayList<>();
			WatchKey key;
			while ((key = watch.poll(1, TimeUnit.SECONDS)) != null) {
				for (WatchEvent<?> event : key.pollEvents()) {
					created.add(event.context().toString());
				}
				key.reset();
			}
			assertThat(created).containsSubsequence("..data_tmp", "..data", "b.yaml");
			assertThat(created).doesNotContain("a.yaml");
		}
	}

	@Test
	void payloadDirectoryIsNamedLikeGosMkdirTempOfTheTimestamp() throws Exception {
		KubeletConfigMapVolume.create(this.dir, Map.of("a.yaml", "a: 1"));
		assertThat(Files.readSymbolicLink(this.dir.resolve("..data")).toString())
			.matches("\\.\\.\\d{4}_\\d{2}_\\d{2}_\\d{2}_\\d{2}_\\d{2}\\.\\d+");
		assertThat(Files.getPosixFilePermissions(this.dir.resolve("..data"))).hasSize(7);
	}

	private List<String> entries() throws Exception {
		try (Stream<Path> list = Files.list(this.dir)) {
			return list.map((p) -> p.getFileName().toString()).toList();
		}
	}

}
