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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.steadypod.reload.ContentHasher;

import org.springframework.cloud.bootstrap.config.PropertySourceLocator;
import org.springframework.cloud.kubernetes.commons.config.SecretsPropertySourceLocator;
import org.springframework.core.env.CompositePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Reads the ConfigMaps (and Secrets, when they are read through the API too) with
 * spring-cloud-kubernetes' own property source locators, so that the candidate has
 * exactly the names, flattening and precedence of what
 * {@code spring.config.import=kubernetes:} loaded at start-up, and hashes their content.
 */
class KubernetesConfigReader {

	private final ConfigurableEnvironment environment;

	private final List<PropertySourceLocator> locators;

	/** Names of the sources that the secrets locator returned. */
	private final Set<String> secretSourceNames = ConcurrentHashMap.newKeySet();

	KubernetesConfigReader(ConfigurableEnvironment environment, List<PropertySourceLocator> locators) {
		this.environment = environment;
		this.locators = List.copyOf(locators);
	}

	/**
	 * Reads the current content from the API server (one list per namespace and locator).
	 */
	List<PropertySource<?>> read() {
		List<PropertySource<?>> sources = new ArrayList<>();
		for (PropertySourceLocator locator : this.locators) {
			PropertySource<?> located = locator.locate(this.environment);
			if (located != null) {
				if (locator instanceof SecretsPropertySourceLocator) {
					this.secretSourceNames.add(located.getName());
				}
				sources.add(located);
			}
		}
		return sources;
	}

	/** Whether a source read by {@link #read()} holds Secrets rather than ConfigMaps. */
	boolean isSecrets(PropertySource<?> source) {
		return this.secretSourceNames.contains(source.getName());
	}

	/**
	 * The sources of the same names in the live Environment, as loaded or last applied.
	 */
	List<PropertySource<?>> live(List<PropertySource<?>> located) {
		List<PropertySource<?>> live = new ArrayList<>();
		for (PropertySource<?> source : located) {
			PropertySource<?> existing = this.environment.getPropertySources().get(source.getName());
			if (existing != null) {
				live.add(existing);
			}
		}
		return live;
	}

	/**
	 * The live sources that spring-cloud-kubernetes loaded, found by the names the
	 * locators give.
	 */
	List<PropertySource<?>> live() {
		return live(read());
	}

	/**
	 * SHA-256 over every ConfigMap's name and its flattened properties, sorted, so that
	 * the same content always gives the same hash whatever the order the API server lists
	 * it in.
	 */
	static String hash(List<PropertySource<?>> sources) {
		ContentHasher hasher = new ContentHasher();
		for (PropertySource<?> source : sources) {
			for (PropertySource<?> child : children(source)) {
				StringBuilder content = new StringBuilder();
				properties(child).forEach((key, value) -> content.append(key).append('=').append(value).append('\n'));
				hasher.add(source.getName() + "/" + child.getName(),
						content.toString().getBytes(StandardCharsets.UTF_8));
			}
		}
		return hasher.hex();
	}

	/** The per-ConfigMap sources of a composite, or the source itself. */
	static List<PropertySource<?>> children(PropertySource<?> source) {
		if (source instanceof CompositePropertySource composite) {
			return new ArrayList<>(composite.getPropertySources());
		}
		return List.of(source);
	}

	/** A source's properties, sorted by name. */
	static Map<String, Object> properties(PropertySource<?> source) {
		Map<String, Object> properties = new TreeMap<>();
		if (source instanceof EnumerablePropertySource<?> enumerable) {
			for (String name : enumerable.getPropertyNames()) {
				properties.put(name, String.valueOf(enumerable.getProperty(name)));
			}
		}
		return properties;
	}

}
