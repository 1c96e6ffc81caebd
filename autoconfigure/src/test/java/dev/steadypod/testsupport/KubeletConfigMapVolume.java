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
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Re-creates, on the real file system, what the kubelet's atomic writer does to a
 * ConfigMap volume, step by step:
 * <ol>
 * <li>read {@code ..data} to find the current payload directory;</li>
 * <li>walk it to find the paths the new payload no longer has;</li>
 * <li>if every file of the new payload is already there with the same bytes and nothing
 * is to be removed, write nothing (only make sure the user-visible links exist);</li>
 * <li>else write the payload into a new {@code ..<yyyy_MM_dd_HH_mm_ss>.<random>}
 * directory (mode 0755, nested paths as directories), point {@code ..data_tmp} at it and
 * rename {@code ..data_tmp} over {@code ..data} (the one atomic step);</li>
 * <li>create the missing user-visible links, one per first path element
 * ({@code conf -> ..data/conf} for {@code conf/app.yaml});</li>
 * <li>remove the stale top-level links found in step 2 (nested paths go with their
 * directory);</li>
 * <li>delete the old payload directory.</li>
 * </ol>
 * An empty payload therefore leaves {@code ..data} pointing at an empty directory. Files
 * are never written in place.
 */
public final class KubeletConfigMapVolume {

	private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("yyyy_MM_dd_HH_mm_ss");

	private static final String DATA = "..data";

	private static final String DATA_TMP = "..data_tmp";

	private final Path directory;

	private KubeletConfigMapVolume(Path directory) {
		this.directory = directory;
	}

	/**
	 * Lays out a volume in {@code directory} (created if needed) as the kubelet does when
	 * the pod starts.
	 * @param directory the mount point
	 * @param data the ConfigMap's data (or {@code items:} paths), key to text content
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
	 * Updates the volume the way current kubelets do.
	 * @param data the ConfigMap's new data
	 * @return {@link System#nanoTime()} taken right after the atomic rename of
	 * {@code ..data}, or {@code 0} when the payload was identical and nothing was written
	 */
	public long update(Map<String, String> data) {
		return updateBytes(toBytes(data), false);
	}

	/**
	 * Updates the volume in the order older kubelets used: user-visible links for new
	 * keys are created before the {@code ..data} swap.
	 * @param data the ConfigMap's new data
	 * @return {@link System#nanoTime()} taken right after the atomic rename of
	 * {@code ..data}, or {@code 0} when nothing was written
	 */
	public long updateLinksFirst(Map<String, String> data) {
		return updateBytes(toBytes(data), true);
	}

	/**
	 * Updates the volume with raw bytes (binary content).
	 * @param data the ConfigMap's new binary data
	 * @param linksFirst whether to create the user-visible links before the swap (older
	 * kubelets)
	 * @return {@link System#nanoTime()} taken right after the atomic rename of
	 * {@code ..data}, or {@code 0} when the payload was identical and nothing was written
	 */
	public synchronized long updateBytes(Map<String, byte[]> data, boolean linksFirst) {
		try {
			Map<String, byte[]> payload = clean(data);
			Path oldPayload = currentPayload();
			Set<String> pathsToRemove = (oldPayload != null) ? pathsToRemove(payload, oldPayload) : Set.of();
			if (oldPayload != null && pathsToRemove.isEmpty() && !differs(payload, oldPayload)) {
				// Up to date: the kubelet writes nothing, it only makes sure the links
				// exist.
				createUserVisibleLinks(payload);
				return 0;
			}
			Path newPayload = writePayload(payload);
			if (linksFirst) {
				createUserVisibleLinks(payload);
			}
			Path tmp = this.directory.resolve(DATA_TMP);
			Files.createSymbolicLink(tmp, newPayload.getFileName());
			Files.move(tmp, this.directory.resolve(DATA), StandardCopyOption.ATOMIC_MOVE);
			long swapped = System.nanoTime();
			createUserVisibleLinks(payload);
			for (String path : pathsToRemove) {
				// Only links in the volume's root; nested paths went with their
				// directory.
				if (!path.contains("/")) {
					Files.deleteIfExists(this.directory.resolve(path));
				}
			}
			if (oldPayload != null) {
				deleteRecursively(oldPayload);
			}
			return swapped;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Map<String, byte[]> clean(Map<String, byte[]> data) {
		Map<String, byte[]> clean = new LinkedHashMap<>();
		data.forEach((key, value) -> {
			Path path = Path.of(key).normalize();
			if (key.isEmpty() || path.isAbsolute() || path.startsWith("..") || key.startsWith("..")) {
				throw new IllegalArgumentException("invalid path: " + key);
			}
			clean.put(path.toString(), value);
		});
		return clean;
	}

	private Path currentPayload() throws IOException {
		Path data = this.directory.resolve(DATA);
		if (!Files.isSymbolicLink(data)) {
			return null;
		}
		return this.directory.resolve(Files.readSymbolicLink(data));
	}

	/**
	 * Every path of the old payload (files and directories) that is neither a file of the
	 * new payload nor one of its parent directories.
	 */
	private static Set<String> pathsToRemove(Map<String, byte[]> payload, Path oldPayload) throws IOException {
		Set<String> paths = new LinkedHashSet<>();
		try (Stream<Path> walk = Files.walk(oldPayload)) {
			walk.filter((path) -> !path.equals(oldPayload))
				.forEach((path) -> paths.add(oldPayload.relativize(path).toString()));
		}
		catch (NoSuchFileException ex) {
			return Set.of();
		}
		for (String file : payload.keySet()) {
			for (Path sub = Path.of(file); sub != null; sub = sub.getParent()) {
				paths.remove(sub.toString());
			}
		}
		return paths;
	}

	private static boolean differs(Map<String, byte[]> payload, Path oldPayload) throws IOException {
		for (Map.Entry<String, byte[]> entry : payload.entrySet()) {
			Path file = oldPayload.resolve(entry.getKey());
			if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)
					|| !Arrays.equals(Files.readAllBytes(file), entry.getValue())) {
				return true;
			}
		}
		return false;
	}

	private Path writePayload(Map<String, byte[]> data) throws IOException {
		Path payload;
		do {
			// Go's os.MkdirTemp appends a random decimal number to the timestamp pattern.
			String name = ".." + ZonedDateTime.now(ZoneOffset.UTC).format(TIMESTAMP) + "."
					+ Integer.toUnsignedString(ThreadLocalRandom.current().nextInt());
			payload = this.directory.resolve(name);
		}
		while (Files.exists(payload, LinkOption.NOFOLLOW_LINKS));
		Files.createDirectory(payload);
		Files.setPosixFilePermissions(payload, PosixFilePermissions.fromString("rwxr-xr-x"));
		for (Map.Entry<String, byte[]> entry : data.entrySet()) {
			Path file = payload.resolve(entry.getKey());
			Files.createDirectories(file.getParent());
			Files.write(file, entry.getValue());
			Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
		}
		return payload;
	}

	/** One link per first path element, for those that do not exist yet. */
	private void createUserVisibleLinks(Map<String, byte[]> data) throws IOException {
		for (String key : data.keySet()) {
			int slash = key.indexOf('/');
			String linkName = (slash >= 0) ? key.substring(0, slash) : key;
			Path link = this.directory.resolve(linkName);
			if (!Files.isSymbolicLink(link)) {
				Files.createSymbolicLink(link, Path.of(DATA, linkName));
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
