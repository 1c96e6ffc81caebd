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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.StringUtils;

/**
 * One watched config location: a directory of {@code application*.yaml|properties} files,
 * a single file, or a config tree (one file per property, as Boot's {@code configtree:}
 * reads it).
 *
 * @param kind what the location holds
 * @param path the directory or file
 * @param location the location as written in the configuration (used in property source
 * names)
 */
public record WatchedLocation(Kind kind, Path path, String location) {

	/**
	 * What a location holds.
	 */
	public enum Kind {

		/**
		 * A directory searched for {@code application[-profile].(properties|yaml|yml)}.
		 */
		DIRECTORY,

		/** One properties or YAML file. */
		FILE,

		/** A config tree: every file is one property. */
		CONFIG_TREE

	}

	/**
	 * Every {@code file:} / {@code optional:file:} / {@code configtree:} location of
	 * {@code spring.config.import} and {@code spring.config.additional-location}, plus
	 * {@code steadypod.reload.paths}.
	 * @param environment the environment
	 * @param extraPaths {@code steadypod.reload.paths}
	 * @return the distinct locations
	 */
	public static List<WatchedLocation> resolve(ConfigurableEnvironment environment, List<String> extraPaths) {
		Binder binder = Binder.get(environment);
		Set<WatchedLocation> locations = new LinkedHashSet<>();
		for (String property : List.of("spring.config.import", "spring.config.additional-location")) {
			for (String value : binder.bind(property, String[].class).orElse(new String[0])) {
				WatchedLocation location = parse(value, false);
				if (location != null) {
					locations.add(location);
				}
			}
		}
		for (String value : extraPaths) {
			WatchedLocation location = parse(value, true);
			if (location != null) {
				locations.add(location);
			}
		}
		return new ArrayList<>(locations);
	}

	static WatchedLocation parse(String value, boolean plainPathAllowed) {
		String location = value.trim();
		if (!StringUtils.hasText(location)) {
			return null;
		}
		String rest = location.startsWith("optional:") ? location.substring("optional:".length()) : location;
		if (rest.startsWith("configtree:")) {
			return new WatchedLocation(Kind.CONFIG_TREE, Path.of(stripHint(rest.substring("configtree:".length()))),
					location);
		}
		String pathText;
		if (rest.startsWith("file:")) {
			pathText = rest.substring("file:".length());
		}
		else if (plainPathAllowed && !rest.contains(":")) {
			pathText = rest;
			location = "file:" + rest;
		}
		else {
			return null;
		}
		pathText = stripHint(pathText);
		Path path = Path.of(pathText);
		boolean directory = pathText.endsWith("/") || java.nio.file.Files.isDirectory(path);
		return new WatchedLocation(directory ? Kind.DIRECTORY : Kind.FILE, path, location);
	}

	/** Drops an extension hint such as {@code [.yaml]}. */
	private static String stripHint(String path) {
		int hint = path.lastIndexOf('[');
		return (hint > 0 && path.endsWith("]")) ? path.substring(0, hint) : path;
	}

	/** The absolute, normalised path. */
	public Path absolutePath() {
		return this.path.toAbsolutePath().normalize();
	}

}
