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

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyCaching;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Puts a candidate's property sources into a set of sources (replace, insert where Boot
 * would have, remove) and computes which keys change their effective,
 * placeholder-resolved value.
 */
final class PropertySourcePatch {

	/** Boot's attached view of all sources; a copy must not contain it. */
	static final String ATTACHED_SOURCE = "configurationProperties";

	private PropertySourcePatch() {
	}

	/** The live sources with the candidate applied, as a separate copy. */
	static MutablePropertySources candidateSources(MutablePropertySources live, ConfigCandidate candidate) {
		MutablePropertySources copy = copy(live);
		apply(copy, candidate);
		return copy;
	}

	static MutablePropertySources copy(MutablePropertySources sources) {
		MutablePropertySources copy = new MutablePropertySources();
		for (PropertySource<?> source : sources) {
			if (!source.getName().equals(ATTACHED_SOURCE)) {
				copy.addLast(source);
			}
		}
		return copy;
	}

	/** Replaces {@code sources}' content by {@code snapshot}, keeping the same object. */
	static void restore(MutablePropertySources sources, List<PropertySource<?>> snapshot) {
		for (PropertySource<?> source : new ArrayList<>(sources.stream().toList())) {
			sources.remove(source.getName());
		}
		snapshot.forEach(sources::addLast);
	}

	/** Replaces, inserts and removes the candidate's sources in {@code sources}. */
	static void apply(MutablePropertySources sources, ConfigCandidate candidate) {
		for (String removal : candidate.removals()) {
			sources.remove(removal);
		}
		List<PropertySource<?>> list = candidate.propertySources();
		// Lowest precedence first, so that each missing source can go just above its
		// lower neighbour.
		for (int i = list.size() - 1; i >= 0; i--) {
			PropertySource<?> source = list.get(i);
			if (sources.contains(source.getName())) {
				sources.replace(source.getName(), source);
			}
			else if (i < list.size() - 1) {
				sources.addBefore(list.get(i + 1).getName(), source);
			}
			else {
				String higher = null;
				for (int j = i - 1; j >= 0 && higher == null; j--) {
					if (sources.contains(list.get(j).getName())) {
						higher = list.get(j).getName();
					}
				}
				if (higher != null) {
					sources.addAfter(higher, source);
				}
				else {
					addAtConfigDataTop(sources, source);
				}
			}
		}
	}

	private static void addAtConfigDataTop(MutablePropertySources sources, PropertySource<?> source) {
		for (PropertySource<?> existing : sources) {
			if (existing.getName().startsWith("Config resource ") || existing.getName().startsWith("Config tree ")) {
				sources.addBefore(existing.getName(), source);
				return;
			}
		}
		for (String anchor : List.of("random", "systemEnvironment", "systemProperties")) {
			if (sources.contains(anchor)) {
				sources.addAfter(anchor, source);
				return;
			}
		}
		sources.addLast(source);
	}

	/**
	 * The keys whose effective value differs between the two sets of sources: every key
	 * of the candidate's sources (old and new), plus every key anywhere whose value holds
	 * a placeholder, compared after resolving placeholders, so that {@code client.url:
	 * http://${app.host}/} counts as changed when {@code app.host} changes.
	 */
	static List<String> changedKeys(MutablePropertySources live, MutablePropertySources candidate,
			ConfigCandidate change) {
		MutablePropertySources liveCopy = copy(live);
		TreeSet<String> keys = new TreeSet<>();
		List<String> names = new ArrayList<>(change.removals());
		change.propertySources().forEach((source) -> names.add(source.getName()));
		for (String name : names) {
			addNames(keys, liveCopy.get(name), false);
			addNames(keys, candidate.get(name), false);
		}
		for (PropertySource<?> source : candidate) {
			addNames(keys, source, true);
		}
		for (PropertySource<?> source : liveCopy) {
			addNames(keys, source, true);
		}
		Values before = new Values(liveCopy);
		Values after = new Values(candidate);
		List<String> changed = new ArrayList<>();
		for (String key : keys) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			if (name.isEmpty()) {
				continue;
			}
			if (!Objects.equals(before.effective(name), after.effective(name))) {
				changed.add(key);
			}
		}
		return changed;
	}

	/** Every key of the candidate's property sources, sorted. */
	static List<String> keys(ConfigCandidate candidate) {
		TreeSet<String> keys = new TreeSet<>();
		candidate.propertySources().forEach((source) -> addNames(keys, source, false));
		keys.removeIf((key) -> ConfigurationPropertyName.adapt(key, '.').isEmpty());
		return new ArrayList<>(keys);
	}

	/** The changed keys that still have a value in the candidate (not removed). */
	static List<String> presentKeys(MutablePropertySources candidateSources, List<String> changedKeys) {
		Iterable<ConfigurationPropertySource> sources = ConfigurationPropertySources.from(candidateSources);
		List<String> present = new ArrayList<>();
		for (String key : changedKeys) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			for (ConfigurationPropertySource source : sources) {
				if (source.getConfigurationProperty(name) != null) {
					present.add(key);
					break;
				}
			}
		}
		return present;
	}

	private static void addNames(Collection<String> keys, @Nullable PropertySource<?> source,
			boolean placeholdersOnly) {
		if (!(source instanceof EnumerablePropertySource<?> enumerable)) {
			return;
		}
		if (!placeholdersOnly) {
			keys.addAll(List.of(enumerable.getPropertyNames()));
			return;
		}
		if (source.getName().equals("systemEnvironment") || source.getName().equals("systemProperties")) {
			return; // set before start, never reloaded, and large
		}
		for (String name : enumerable.getPropertyNames()) {
			Object value = enumerable.getProperty(name);
			value = (value instanceof OriginTrackedValue tracked) ? tracked.getValue() : value;
			if (value instanceof String text && text.contains("${")) {
				keys.add(name);
			}
		}
	}

	/** Effective values of a set of sources, placeholders resolved as Boot binds them. */
	private static final class Values {

		/**
		 * Stands for a value whose file vanished before it was read; never a real value.
		 */
		private static final String VANISHED = "\u0000vanished";

		private final Iterable<ConfigurationPropertySource> sources;

		private final PropertySourcesPlaceholdersResolver resolver;

		Values(MutablePropertySources sources) {
			this.sources = ConfigurationPropertySources.from(sources);
			// Fresh adapters, discarded after the diff: without the cache each lookup
			// walks every name of every source again.
			ConfigurationPropertyCaching.get(this.sources).enable();
			this.resolver = new PropertySourcesPlaceholdersResolver(sources);
		}

		@Nullable String effective(ConfigurationPropertyName name) {
			for (ConfigurationPropertySource source : this.sources) {
				ConfigurationProperty property = source.getConfigurationProperty(name);
				if (property != null) {
					try {
						Object value = property.getValue();
						value = (value instanceof OriginTrackedValue tracked) ? tracked.getValue() : value;
						Object resolved = this.resolver.resolvePlaceholders(value);
						return (resolved != null) ? resolved.toString() : null;
					}
					catch (IllegalStateException ex) {
						// Spring Boot reads a config tree file lazily: one the kubelet
						// removed
						// before it was first read cannot be read any more. Its value is
						// gone, which differs from any value the candidate has.
						return VANISHED;
					}
				}
			}
			return null;
		}

	}

}
