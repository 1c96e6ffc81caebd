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

package dev.steadypod.reload.kubernetes;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.kubernetes.commons.config.ConfigMapConfigProperties;
import org.springframework.cloud.kubernetes.commons.config.ConfigUtils;
import org.springframework.cloud.kubernetes.commons.config.SourceConfigProperties;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * The ConfigMaps that {@code spring.config.import=kubernetes:} reads, resolved from
 * spring-cloud-kubernetes' own settings ({@code spring.cloud.kubernetes.config.*}: the
 * application's ConfigMap, named and labelled sources, profile-specific ones) and read
 * raw, with one {@code list} per namespace as spring-cloud-kubernetes' batch mode does,
 * or from the cache of a watch that is in sync.
 */
final class WatchedConfigMaps {

	private final KubernetesClient client;

	private final List<Selector> selectors;

	WatchedConfigMaps(KubernetesClient client, ConfigMapConfigProperties properties, Environment environment,
			String defaultNamespace) {
		this.client = client;
		this.selectors = selectors(properties, environment, defaultNamespace);
	}

	private static List<Selector> selectors(ConfigMapConfigProperties properties, Environment environment,
			String defaultNamespace) {
		List<Selector> selectors = new ArrayList<>();
		if (!properties.enabled()) {
			return selectors;
		}
		List<String> profiles = List.of(environment.getActiveProfiles());
		String namespace = StringUtils.hasText(properties.namespace()) ? properties.namespace() : defaultNamespace;
		if (properties.sources().isEmpty()) {
			String name = ConfigUtils.getApplicationName(environment, properties.name(), "ConfigMap");
			selectors.add(new Selector(namespace, name, Map.of(),
					properties.includeProfileSpecificSources() ? profiles : List.of()));
			if (!properties.labels().isEmpty()) {
				selectors.add(new Selector(namespace, null, properties.labels(), List.of()));
			}
			return selectors;
		}
		for (SourceConfigProperties.Source source : properties.sources()) {
			String sourceNamespace = StringUtils.hasText(source.namespace()) ? source.namespace() : namespace;
			String name = ConfigUtils.getApplicationName(environment,
					StringUtils.hasText(source.name()) ? source.name() : properties.name(), "ConfigMap");
			boolean profileSpecific = (source.includeProfileSpecificSources() != null)
					? source.includeProfileSpecificSources() : properties.includeProfileSpecificSources();
			selectors.add(new Selector(sourceNamespace, name, Map.of(), profileSpecific ? profiles : List.of()));
			Map<String, String> labels = source.labels().isEmpty() ? properties.labels() : source.labels();
			if (!labels.isEmpty()) {
				selectors.add(new Selector(sourceNamespace, null, labels, List.of()));
			}
		}
		return selectors;
	}

	/** The namespaces the ConfigMaps are read from. */
	Set<String> namespaces() {
		Set<String> namespaces = new LinkedHashSet<>();
		this.selectors.forEach((selector) -> namespaces.add(selector.namespace()));
		return namespaces;
	}

	/** Whether spring-cloud-kubernetes reads this ConfigMap. */
	boolean watches(ConfigMap configMap) {
		String namespace = configMap.getMetadata().getNamespace();
		return this.selectors.stream()
			.anyMatch((selector) -> (namespace == null || selector.namespace().equals(namespace))
					&& selector.matches(configMap));
	}

	/**
	 * Reads the ConfigMaps now.
	 * @throws io.fabric8.kubernetes.client.KubernetesClientException when a namespace
	 * cannot be listed (403 when the RBAC permission is gone)
	 */
	Read read() {
		return select((namespace) -> this.client.configMaps().inNamespace(namespace).list().getItems());
	}

	/**
	 * The ConfigMaps as the cache holds them: a state they had at some point in the past,
	 * read without a round trip.
	 * @return empty when the cache of a namespace is not in sync
	 */
	Optional<Read> read(Cache cache) {
		Map<String, List<ConfigMap>> items = new LinkedHashMap<>();
		for (String namespace : namespaces()) {
			Optional<List<ConfigMap>> cached = cache.list(namespace);
			if (cached.isEmpty()) {
				return Optional.empty();
			}
			items.put(namespace, cached.get());
		}
		return Optional.of(select(items::get));
	}

	private Read select(Function<String, List<ConfigMap>> list) {
		Map<String, ConfigMap> found = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (String namespace : namespaces()) {
			List<ConfigMap> items = list.apply(namespace);
			for (Selector selector : this.selectors) {
				if (!selector.namespace().equals(namespace)) {
					continue;
				}
				boolean named = false;
				for (ConfigMap configMap : items) {
					if (selector.matches(configMap)) {
						found.putIfAbsent(namespace + "/" + configMap.getMetadata().getName(), configMap);
						named |= configMap.getMetadata().getName().equals(selector.name());
					}
				}
				if (selector.name() != null && !named) {
					missing.add(namespace + "/" + selector.name());
				}
			}
		}
		return new Read(found, missing);
	}

	/** The ConfigMaps of a namespace as a watch's cache holds them. */
	@FunctionalInterface
	interface Cache {

		/** A cache that is never in sync: every read is a round trip. */
		Cache NONE = (namespace) -> Optional.empty();

		/**
		 * The namespace's ConfigMaps, or empty when the cache does not hold them or is
		 * not in sync with the API server.
		 */
		Optional<List<ConfigMap>> list(String namespace);

	}

	/**
	 * The ConfigMaps found and the named ones that do not exist.
	 *
	 * @param found by {@code namespace/name}
	 * @param missing {@code namespace/name} of named ConfigMaps that do not exist
	 */
	record Read(Map<String, ConfigMap> found, List<String> missing) {

		Read {
			found = Collections.unmodifiableMap(new LinkedHashMap<>(found));
			missing = List.copyOf(missing);
		}

		/**
		 * Whether the other read found the same ConfigMaps at the same resourceVersions.
		 * A resourceVersion is never reused, so when a ConfigMap has the same one in two
		 * reads it did not change in between, not even to change back; the content is
		 * compared as well, for servers that leave it out.
		 */
		boolean sameVersions(Read other) {
			if (!this.found.keySet().equals(other.found.keySet())) {
				return false;
			}
			for (Map.Entry<String, ConfigMap> entry : this.found.entrySet()) {
				ConfigMap mine = entry.getValue();
				ConfigMap theirs = other.found.get(entry.getKey());
				if (!Objects.equals(mine.getMetadata().getResourceVersion(), theirs.getMetadata().getResourceVersion())
						|| !data(mine).equals(data(theirs))) {
					return false;
				}
			}
			return true;
		}

		/** A ConfigMap's data, never {@code null}. */
		static Map<String, String> data(ConfigMap configMap) {
			return (configMap.getData() != null) ? configMap.getData() : Map.of();
		}

	}

	/**
	 * One named ConfigMap (with its profile-specific variants) or one label selector.
	 */
	private record Selector(String namespace, @Nullable String name, Map<String, String> labels,
			List<String> profiles) {

		boolean matches(ConfigMap configMap) {
			String candidate = configMap.getMetadata().getName();
			if (this.name != null) {
				return candidate.equals(this.name)
						|| this.profiles.stream().anyMatch((profile) -> candidate.equals(this.name + "-" + profile));
			}
			Map<String, String> actual = (configMap.getMetadata().getLabels() != null)
					? configMap.getMetadata().getLabels() : Map.of();
			return this.labels.entrySet()
				.stream()
				.allMatch((label) -> label.getValue().equals(actual.get(label.getKey())));
		}

	}

}
