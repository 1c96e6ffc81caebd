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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import org.springframework.boot.env.ConfigTreePropertySource;
import org.springframework.boot.env.PropertiesPropertySourceLoader;
import org.springframework.boot.env.PropertySourceLoader;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.util.StringUtils;

/**
 * Reads the watched locations into a {@link Snapshot} (the bytes of every file and their
 * SHA-256) and turns a snapshot into a {@link ConfigCandidate} the way Spring Boot's
 * config-data loading would: same loaders, same property source names, so each reloaded
 * source replaces its start-up counterpart at the same precedence.
 */
public class MountedConfigReader {

	/** The {@code source} tag of changes read from files. */
	public static final String SOURCE = "file";

	private static final Pattern CONFIG_RESOURCE = Pattern
		.compile("^Config resource 'file \\[(.*)\\]' via location '(.*?)'(?: \\(document #\\d+\\))?$");

	private static final List<String> EXTENSIONS = List.of("properties", "yml", "yaml");

	private final ConfigurableEnvironment environment;

	private final long maxFileSize;

	public MountedConfigReader(ConfigurableEnvironment environment, long maxFileSize) {
		this.environment = environment;
		this.maxFileSize = maxFileSize;
	}

	/**
	 * Reads every watched location.
	 * @param locations the locations
	 * @return what is on disk now
	 */
	public Snapshot read(List<WatchedLocation> locations) {
		ContentHasher hasher = new ContentHasher();
		List<FileContent> files = new ArrayList<>();
		List<String> problems = new ArrayList<>();
		for (WatchedLocation location : locations) {
			hasher.add("location", location.location().getBytes(StandardCharsets.UTF_8));
			for (Path file : candidateFiles(location)) {
				byte[] bytes;
				try {
					if (!Files.isRegularFile(file)) {
						continue;
					}
					if (Files.size(file) > this.maxFileSize) {
						problems.add(file + " is " + Files.size(file) + " bytes, more than the " + this.maxFileSize
								+ " bytes allowed (steadypod.reload.max-file-size)");
						hasher.add(file.toString(), ("size:" + Files.size(file)).getBytes(StandardCharsets.UTF_8));
						continue;
					}
					bytes = Files.readAllBytes(file);
				}
				catch (NoSuchFileException ex) {
					continue;
				}
				catch (IOException ex) {
					problems.add(file + " cannot be read: " + ex.getMessage());
					continue;
				}
				hasher.add(file.toString(), bytes);
				files.add(new FileContent(location, file, bytes));
			}
		}
		return new Snapshot(hasher.hex(), files, problems, locations);
	}

	/**
	 * Builds the candidate for a snapshot.
	 * @param snapshot what is on disk
	 * @return the candidate
	 * @throws InvalidConfigException if a file is empty, binary or cannot be parsed
	 */
	public ConfigCandidate toCandidate(Snapshot snapshot) throws InvalidConfigException {
		return toCandidate(snapshot, SOURCE);
	}

	/**
	 * Builds the candidate for a snapshot, reported with the given source.
	 * @param snapshot what is on disk
	 * @param sourceTag the {@code source} tag ({@code file}, or {@code secret} for
	 * mounted Secrets)
	 * @return the candidate
	 * @throws InvalidConfigException if a file is empty, binary or cannot be parsed
	 */
	public ConfigCandidate toCandidate(Snapshot snapshot, String sourceTag) throws InvalidConfigException {
		if (!snapshot.problems().isEmpty()) {
			throw new InvalidConfigException(String.join("; ", snapshot.problems()));
		}
		Map<String, String> existingNames = existingConfigResourceNames();
		ConfigCandidate.Builder candidate = ConfigCandidate.builder(sourceTag).contentHash(snapshot.hash());
		List<String> produced = new ArrayList<>();
		for (WatchedLocation location : locationsInOrder(snapshot, snapshot.locations())) {
			if (location.kind() == WatchedLocation.Kind.CONFIG_TREE) {
				if (Files.isDirectory(location.path())) {
					String name = "Config tree '" + location.path().toAbsolutePath() + "'";
					candidate
						.propertySource(readNow(new ConfigTreePropertySource(name, location.path().toAbsolutePath(),
								ConfigTreePropertySource.Option.AUTO_TRIM_TRAILING_NEW_LINE)));
					candidate.location(location.path().toString());
					produced.add(name);
				}
				continue;
			}
			for (FileContent file : snapshot.files()) {
				if (!file.location().equals(location)) {
					continue;
				}
				String text = decode(file);
				if (!StringUtils.hasText(text)) {
					throw new InvalidConfigException(file.path() + " is empty");
				}
				String baseName = existingNames.getOrDefault(key(file.path(), location.location()),
						"Config resource 'file [" + describe(location, file.path()) + "]' via location '"
								+ location.location() + "'");
				List<PropertySource<?>> sources = load(file, baseName);
				if (sources.isEmpty()) {
					throw new InvalidConfigException(file.path() + " contains no properties");
				}
				candidate.location(file.path().toString());
				for (PropertySource<?> source : sources) {
					candidate.propertySource(source);
					produced.add(source.getName());
				}
			}
		}
		// Sources of a watched file that no longer exist (e.g. a YAML document that was
		// removed).
		for (Map.Entry<String, String> existing : existingNames.entrySet()) {
			String name = existing.getValue();
			this.environment.getPropertySources()
				.stream()
				.map(PropertySource::getName)
				.filter((sourceName) -> sourceName.startsWith(name) && !produced.contains(sourceName)
						&& isOwned(existing.getKey(), snapshot))
				.forEach(candidate::remove);
		}
		return candidate.build();
	}

	private boolean isOwned(String key, Snapshot snapshot) {
		for (FileContent file : snapshot.files()) {
			if (key(file.path(), file.location().location()).equals(key)) {
				return true;
			}
		}
		return false;
	}

	private static List<WatchedLocation> locationsInOrder(Snapshot snapshot, List<WatchedLocation> watched) {
		// Later locations win in Spring Boot: highest precedence first in a candidate. A
		// config tree counts even with no file left: its last key was removed.
		List<WatchedLocation> locations = new ArrayList<>();
		for (WatchedLocation location : watched) {
			if (location.kind() == WatchedLocation.Kind.CONFIG_TREE) {
				locations.add(location);
			}
		}
		for (FileContent file : snapshot.files()) {
			if (!locations.contains(file.location())) {
				locations.add(file.location());
			}
		}
		locations.sort(Comparator.comparingInt(watched::indexOf));
		Collections.reverse(locations);
		return locations;
	}

	/**
	 * Reads every value of a config tree now. Spring Boot reads its files lazily and
	 * keeps what it read: reading them here pins the candidate to the content that was
	 * hashed and validated, and a file the kubelet is removing right now (a link left
	 * from the previous payload) fails here, where the route reads again, instead of
	 * failing validation as if the change were invalid.
	 */
	private static ConfigTreePropertySource readNow(ConfigTreePropertySource tree) {
		for (String name : tree.getPropertyNames()) {
			try {
				Object value = tree.getProperty(name);
				if (value != null) {
					value.toString();
				}
			}
			catch (IllegalStateException ex) {
				throw new UncheckedIOException(new NoSuchFileException(name + " in " + tree.getName()));
			}
		}
		return tree;
	}

	/**
	 * The files a location can hold, highest precedence first.
	 * @param location the location
	 * @return existing or not-yet-existing paths
	 */
	public List<Path> candidateFiles(WatchedLocation location) {
		return switch (location.kind()) {
			case FILE -> List.of(location.path());
			case DIRECTORY -> directoryFiles(location.path());
			case CONFIG_TREE -> configTreeFiles(location.path());
		};
	}

	private List<Path> directoryFiles(Path directory) {
		List<String> names = new ArrayList<>();
		String[] configNames = this.environment.getProperty("spring.config.name", String[].class,
				new String[] { "application" });
		List<String> profiles = new ArrayList<>(Arrays.asList(this.environment.getActiveProfiles()));
		Collections.reverse(profiles);
		for (String configName : configNames) {
			for (String profile : profiles) {
				EXTENSIONS.forEach((extension) -> names.add(configName + "-" + profile + "." + extension));
			}
			EXTENSIONS.forEach((extension) -> names.add(configName + "." + extension));
		}
		return names.stream().map(directory::resolve).toList();
	}

	private static List<Path> configTreeFiles(Path directory) {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> walk = Files.walk(directory, 32, FileVisitOption.FOLLOW_LINKS)) {
			return walk.filter((path) -> !isHidden(directory.relativize(path)))
				.filter(Files::isRegularFile)
				.sorted()
				.toList();
		}
		catch (IOException | java.io.UncheckedIOException ex) {
			return List.of();
		}
	}

	private static boolean isHidden(Path relative) {
		for (Path element : relative) {
			if (element.toString().startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	private List<PropertySource<?>> load(FileContent file, String name) throws InvalidConfigException {
		String fileName = file.path().getFileName().toString();
		PropertySourceLoader loader = fileName.endsWith(".properties") ? new PropertiesPropertySourceLoader()
				: new YamlPropertySourceLoader();
		List<PropertySource<?>> sources;
		try {
			sources = loader.load(name, new FileBytesResource(file.bytes(), file.path()));
		}
		catch (IOException | RuntimeException ex) {
			throw new InvalidConfigException(
					"malformed " + (loader instanceof YamlPropertySourceLoader ? "YAML" : "properties") + " in "
							+ file.path() + parseErrorPosition(ex));
		}
		List<String> profiles = Arrays.asList(this.environment.getActiveProfiles());
		return sources.stream().filter((source) -> isActive(source, profiles)).toList();
	}

	/** Documents activated for other profiles are not loaded, as in Spring Boot. */
	private static boolean isActive(PropertySource<?> source, List<String> profiles) {
		Object onProfile = source.getProperty("spring.config.activate.on-profile");
		if (onProfile == null) {
			return true;
		}
		for (String profile : StringUtils.commaDelimitedListToStringArray(onProfile.toString())) {
			String trimmed = profile.trim();
			boolean negated = trimmed.startsWith("!");
			String name = negated ? trimmed.substring(1) : trimmed;
			if (profiles.contains(name) != negated) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Where parsing failed and what the parser expected, never the source text: parser
	 * messages quote the offending line, which may hold a secret.
	 */
	private static String parseErrorPosition(Exception ex) {
		for (Throwable current = ex; current != null; current = current.getCause()) {
			if (current instanceof MarkedYAMLException marked && marked.getProblemMark() != null) {
				Mark mark = marked.getProblemMark();
				String problem = (marked.getProblem() != null) ? ": " + Problems.maskValues(marked.getProblem()) : "";
				return " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1) + problem;
			}
			if (current == current.getCause()) {
				break;
			}
		}
		return " (" + ex.getClass().getSimpleName() + ")";
	}

	private static String decode(FileContent file) throws InvalidConfigException {
		try {
			String text = StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(file.bytes()))
				.toString();
			if (text.indexOf('\0') >= 0) {
				throw new InvalidConfigException(file.path() + " holds binary content, not text");
			}
			return text;
		}
		catch (CharacterCodingException ex) {
			throw new InvalidConfigException(file.path() + " holds binary content, not UTF-8 text");
		}
	}

	private static String describe(WatchedLocation location, Path file) {
		if (location.kind() == WatchedLocation.Kind.FILE) {
			return StringUtils.cleanPath(location.path().toString());
		}
		String directory = location.path().toString();
		return StringUtils.cleanPath(directory + (directory.endsWith("/") ? "" : "/") + file.getFileName());
	}

	private Map<String, String> existingConfigResourceNames() {
		Map<String, String> names = new LinkedHashMap<>();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			Matcher matcher = CONFIG_RESOURCE.matcher(source.getName());
			if (matcher.matches()) {
				String base = "Config resource 'file [" + matcher.group(1) + "]' via location '" + matcher.group(2)
						+ "'";
				names.putIfAbsent(key(Path.of(matcher.group(1)), matcher.group(2)), base);
			}
		}
		return names;
	}

	private static String key(Path file, String location) {
		return file.toAbsolutePath().normalize() + "|" + location;
	}

	/**
	 * The files of all watched locations at one moment.
	 *
	 * @param hash SHA-256 over every location and file content
	 * @param files the files that exist, in location order
	 * @param problems files that cannot be used at all (too big, unreadable)
	 * @param locations the locations that were read
	 */
	public record Snapshot(String hash, List<FileContent> files, List<String> problems,
			List<WatchedLocation> locations) {

		public Snapshot(String hash, List<FileContent> files, List<String> problems) {
			this(hash, files, problems, List.of());
		}

		/** Whether {@code path} is one of the files. */
		public boolean contains(Path path) {
			return this.files.stream().anyMatch((file) -> file.path().equals(path));
		}

	}

	/**
	 * One file's content.
	 *
	 * @param location the location it belongs to
	 * @param path the file
	 * @param bytes its content
	 */
	public record FileContent(WatchedLocation location, Path path, byte[] bytes) {

	}

	/**
	 * A snapshot that cannot become a candidate.
	 */
	public static class InvalidConfigException extends Exception {

		public InvalidConfigException(String message) {
			super(message);
		}

	}

	/**
	 * The bytes read for hashing, described as the file they came from (for origins in
	 * messages).
	 */
	private static final class FileBytesResource extends ByteArrayResource {

		private final Path path;

		FileBytesResource(byte[] bytes, Path path) {
			super(bytes);
			this.path = path;
		}

		@Override
		public String getDescription() {
			return "file [" + this.path + "]";
		}

		@Override
		public String getFilename() {
			return this.path.getFileName().toString();
		}

		@Override
		public boolean equals(Object other) {
			return this == other;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this);
		}

	}

}
