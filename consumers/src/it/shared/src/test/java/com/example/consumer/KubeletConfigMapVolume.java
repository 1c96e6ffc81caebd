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


package com.example.consumer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.util.FileSystemUtils;

/**
 * A ConfigMap volume written the way the kubelet's atomic writer does it: the payload in
 * a new {@code ..<timestamp>} directory, a {@code ..data_tmp} link to it renamed over
 * {@code ..data}, one link per key ({@code key -> ..data/key}), then the old directory
 * removed.
 */
final class KubeletConfigMapVolume {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss");

	private final AtomicInteger generation = new AtomicInteger();

	private final Path root;

	private Path current;

	KubeletConfigMapVolume(Path root) {
		this.root = root;
	}

	Path root() {
		return this.root;
	}

	/** Publishes a new payload (file name to content) as one atomic swap. */
	void write(Map<String, String> payload) throws IOException {
		Path timestamped = this.root.resolve(".." + TIMESTAMP.format(LocalDateTime.now()) + "."
				+ this.generation.incrementAndGet());
		Files.createDirectories(timestamped);
		for (Map.Entry<String, String> file : payload.entrySet()) {
			Files.writeString(timestamped.resolve(file.getKey()), file.getValue());
		}
		Path dataTmp = this.root.resolve("..data_tmp");
		Files.createSymbolicLink(dataTmp, timestamped.getFileName());
		Files.move(dataTmp, this.root.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
				StandardCopyOption.REPLACE_EXISTING);
		for (String key : payload.keySet()) {
			Path link = this.root.resolve(key);
			if (!Files.isSymbolicLink(link)) {
				Files.createSymbolicLink(link, Path.of("..data", key));
			}
		}
		if (this.current != null) {
			FileSystemUtils.deleteRecursively(this.current);
		}
		this.current = timestamped;
	}

}
