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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Re-creates, on the real filesystem, what the kubelet does to a ConfigMap volume (its
 * {@code AtomicWriter}): the payload lives in a hidden timestamped directory,
 * {@code ..data} is a symlink to it, and every key is a user-visible symlink
 * {@code key -> ..data/key}. An update writes a new timestamped directory, points
 * {@code ..data_tmp} at it, renames {@code ..data_tmp} over {@code ..data} in one atomic
 * rename, then fixes the user-visible links and deletes the old directory. The files
 * themselves are never written in place.
 */
public final class KubeletConfigMapVolume {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss");

	private static final String DATA = "..data";

	private static final String DATA_TMP = "..data_tmp";

	private final Path directory;

	private Map<String, byte[]> current = Map.of();

	private KubeletConfigMapVolume(Path directory) {
		this.directory = directory;
	}

	/**
	 * Lays out a volume in {@code directory} (created if needed) as the kubelet does when
	 * the pod starts.
	 * @param directory the mount point
	 * @param data the ConfigMap's data, key to text content
	 * @return the volume
	 */
	public static KubeletConfigMapVolume create(Path directory, Map<String, String> data) {
		KubeletConfigMapVolume volume = new KubeletConfigMapVolume(directory);
		try {
			Files.createDirectories(directory);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		volume.updateBytes(toBytes(data), false);
		return volume;
	}

	/** The mount point. */
	public Path directory() {
		return this.directory;
	}

	/** The user-visible path of a key, as an app reads it. */
	public Path file(String key) {
		return this.directory.resolve(key);
	}

	/**
	 * Updates the volume the way current kubelets do: payload, atomic {@code ..data}
	 * swap, then the user-visible links, then removal of the old payload.
	 * @param data the ConfigMap's new data
	 * @return {@link System#nanoTime()} taken right after the atomic rename of
	 * {@code ..data}
	 */
	public long update(Map<String, String> data) {
		return updateBytes(toBytes(data), false);
	}

	/**
	 * Updates the volume in the order older kubelets used: user-visible links for new
	 * keys are created before the {@code ..data} swap.
	 * @param data the ConfigMap's new data
	 * @return {@link System#nanoTime()} taken right after the atomic rename of
	 * {@code ..data}
	 */
	public long updateLinksFirst(Map<String, String> data) {
		return updateBytes(toBytes(data), true);
	}

	/**
	 * Updates the volume with raw bytes (binary content).
	 * @param data the ConfigMap's new binary data
	 * @return {@link System#nanoTime()} taken right after the atomic rename of
	 * {@code ..data}
	 */
	public synchronized long updateBytes(Map<String, byte[]> data, boolean linksFirst) {
		try {
			Path oldPayload = currentPayload();
			Path newPayload = writePayload(data);
			if (linksFirst) {
				createUserVisibleLinks(data);
			}
			Path tmp = this.directory.resolve(DATA_TMP);
			Files.deleteIfExists(tmp);
			Files.createSymbolicLink(tmp, newPayload.getFileName());
			Files.move(tmp, this.directory.resolve(DATA), StandardCopyOption.ATOMIC_MOVE,
					StandardCopyOption.REPLACE_EXISTING);
			long swapped = System.nanoTime();
			if (!linksFirst) {
				createUserVisibleLinks(data);
			}
			for (String key : this.current.keySet()) {
				if (!data.containsKey(key)) {
					Files.deleteIfExists(this.directory.resolve(key));
				}
			}
			if (oldPayload != null) {
				deleteRecursively(oldPayload);
			}
			this.current = new LinkedHashMap<>(data);
			return swapped;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private Path currentPayload() throws IOException {
		Path data = this.directory.resolve(DATA);
		if (!Files.isSymbolicLink(data)) {
			return null;
		}
		return this.directory.resolve(Files.readSymbolicLink(data));
	}

	private Path writePayload(Map<String, byte[]> data) throws IOException {
		Path payload;
		do {
			String name = ".." + ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP) + "."
					+ ThreadLocalRandom.current().nextLong(1_000_000_000L, 10_000_000_000L);
			payload = this.directory.resolve(name);
		}
		while (Files.exists(payload, LinkOption.NOFOLLOW_LINKS));
		Files.createDirectory(payload);
		for (Map.Entry<String, byte[]> entry : data.entrySet()) {
			Path file = payload.resolve(entry.getKey());
			Files.write(file, entry.getValue());
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		}
		return payload;
	}

	private void createUserVisibleLinks(Map<String, byte[]> data) throws IOException {
		for (String key : data.keySet()) {
			Path link = this.directory.resolve(key);
			if (!Files.isSymbolicLink(link)) {
				Files.createSymbolicLink(link, Path.of(DATA, key));
			}
		}
	}

	private static void deleteRecursively(Path path) throws IOException {
		try (Stream<Path> walk = Files.walk(path)) {
			for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(p);
			}
		}
	}

	private static Map<String, byte[]> toBytes(Map<String, String> data) {
		Map<String, byte[]> bytes = new LinkedHashMap<>();
		data.forEach((key, value) -> bytes.put(key, value.getBytes(StandardCharsets.UTF_8)));
		return bytes;
	}

}
