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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * The watched locations that hold Kubernetes Secrets
 * ({@code steadypod.reload.secret-locations}): their changes are reported with source
 * {@value #SOURCE} and their values are secret.
 */
final class SecretLocations {

	/** The {@code source} tag of changes to mounted Secrets. */
	static final String SOURCE = "secret";

	private static final Pattern CONFIG_TREE = Pattern.compile("^Config tree '(.*)'$");

	private static final Pattern CONFIG_RESOURCE = Pattern
		.compile("^Config resource 'file \\[(.*?)\\]' via location.*$");

	private final List<Path> paths;

	private SecretLocations(List<Path> paths) {
		this.paths = List.copyOf(paths);
	}

	/**
	 * Parses {@code steadypod.reload.secret-locations}.
	 * @param values config locations ({@code [optional:]configtree:}, {@code file:}) or
	 * plain paths
	 * @return the Secret locations
	 */
	static SecretLocations of(List<String> values) {
		List<Path> paths = new ArrayList<>();
		for (String value : values) {
			WatchedLocation location = WatchedLocation.parse(value, true);
			if (location == null) {
				throw new IllegalArgumentException("steadypod.reload.secret-locations: '" + value
						+ "' is no file path, file: or configtree: location");
			}
			paths.add(location.absolutePath());
		}
		return new SecretLocations(paths);
	}

	boolean isEmpty() {
		return this.paths.isEmpty();
	}

	/** Whether a watched location is (under) a Secret location. */
	boolean contains(WatchedLocation location) {
		return contains(location.absolutePath());
	}

	/** Whether a path is (under) a Secret location. */
	boolean contains(Path path) {
		Path absolute = path.toAbsolutePath().normalize();
		return this.paths.stream().anyMatch(absolute::startsWith);
	}

	/** The Secret locations that none of the watched locations is at or under. */
	List<Path> unmatched(List<WatchedLocation> watched) {
		return this.paths.stream()
			.filter((path) -> watched.stream().noneMatch((location) -> location.absolutePath().startsWith(path)))
			.toList();
	}

	/**
	 * Whether a property source, by the name Spring Boot (and the reload) give to config
	 * trees and files, was read from a Secret location.
	 */
	boolean containsSource(String propertySourceName) {
		Path path = pathOf(propertySourceName);
		return path != null && contains(path);
	}

	private static @Nullable Path pathOf(String propertySourceName) {
		for (Pattern pattern : List.of(CONFIG_TREE, CONFIG_RESOURCE)) {
			Matcher matcher = pattern.matcher(propertySourceName);
			if (matcher.matches()) {
				try {
					return Path.of(matcher.group(1));
				}
				catch (RuntimeException ex) {
					return null;
				}
			}
		}
		return null;
	}

}
