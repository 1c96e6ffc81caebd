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
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.json.JsonParserFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * The declared properties of every jar on the class path, Spring Boot's included: the
 * name, type and declaring class from each
 * {@code META-INF/spring-configuration-metadata.json} and
 * {@code META-INF/additional-spring-configuration-metadata.json}. Read once, on first
 * use.
 */
final class PropertyMetadata {

	private static final Log logger = LogFactory.getLog(PropertyMetadata.class);

	private static final List<String> RESOURCES = List.of("META-INF/spring-configuration-metadata.json",
			"META-INF/additional-spring-configuration-metadata.json");

	private final Map<String, Entry> entries;

	private final ClassLoader classLoader;

	private PropertyMetadata(Map<String, Entry> entries, ClassLoader classLoader) {
		this.entries = entries;
		this.classLoader = classLoader;
	}

	static PropertyMetadata load(ClassLoader classLoader) {
		Map<String, Entry> entries = new HashMap<>();
		for (String resource : RESOURCES) {
			try {
				for (URL url : Collections.list(classLoader.getResources(resource))) {
					read(url, entries);
				}
			}
			catch (IOException | RuntimeException ex) {
				logger.debug("Cannot read configuration metadata " + resource + ": " + ex.getMessage());
			}
		}
		return new PropertyMetadata(entries, classLoader);
	}

	@SuppressWarnings("unchecked")
	private static void read(URL url, Map<String, Entry> entries) throws IOException {
		String json;
		try (InputStream in = url.openStream()) {
			json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		Object properties = JsonParserFactory.getJsonParser().parseMap(json).get("properties");
		if (!(properties instanceof List<?> list)) {
			return;
		}
		for (Object item : list) {
			if (item instanceof Map<?, ?> map && map.get("name") instanceof String name) {
				Object type = map.get("type");
				Object sourceType = map.get("sourceType");
				Entry entry = new Entry(name, (type instanceof String text) ? text : null,
						(sourceType instanceof String text) ? text : null);
				// A type from the main metadata wins over an additional entry without
				// one.
				entries.merge(ConfigurationPropertyName.adapt(name, '.').toString(), entry,
						(old, added) -> (old.type() != null) ? old : added);
			}
		}
	}

	/**
	 * The declared property that binds {@code name}: the property itself, or the nearest
	 * ancestor declared as a map, collection or array ({@code logging.level} for
	 * {@code logging.level.com.example}).
	 */
	Optional<Entry> find(ConfigurationPropertyName name) {
		Entry exact = this.entries.get(name.toString());
		if (exact != null) {
			return Optional.of(exact);
		}
		for (ConfigurationPropertyName parent = name.getParent(); !parent.isEmpty(); parent = parent.getParent()) {
			Entry entry = this.entries.get(parent.toString());
			if (entry != null) {
				return isContainer(entry.type()) ? Optional.of(entry) : Optional.empty();
			}
		}
		return Optional.empty();
	}

	/** The declared type as a resolvable type, if its classes are on the class path. */
	Optional<ResolvableType> type(Entry entry) {
		if (entry.type() == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(new TypeParser(entry.type(), this.classLoader).parse());
		}
		catch (IllegalArgumentException | LinkageError ex) {
			return Optional.empty();
		}
	}

	private static boolean isContainer(@Nullable String type) {
		return type != null && (type.startsWith("java.util.Map") || type.startsWith("java.util.List")
				|| type.startsWith("java.util.Set") || type.startsWith("java.util.Collection") || type.endsWith("[]"));
	}

	/**
	 * One declared property.
	 *
	 * @param name its name as declared
	 * @param type its type as written in the metadata ({@code java.util.Map<..>})
	 * @param sourceType the class that declares it
	 */
	record Entry(String name, @Nullable String type, @Nullable String sourceType) {

	}

	/** Parses {@code a.B<c.D,e.F<g.H>>[]} into a resolvable type. */
	private static final class TypeParser {

		private final String text;

		private final ClassLoader classLoader;

		private int position;

		TypeParser(String text, ClassLoader classLoader) {
			this.text = text.replace(" ", "");
			this.classLoader = classLoader;
		}

		ResolvableType parse() {
			ResolvableType type = type();
			if (this.position != this.text.length()) {
				throw new IllegalArgumentException("Unexpected text in " + this.text);
			}
			return type;
		}

		private ResolvableType type() {
			int start = this.position;
			while (this.position < this.text.length() && "<>,[".indexOf(this.text.charAt(this.position)) < 0) {
				this.position++;
			}
			Class<?> raw = ClassUtils.resolveClassName(this.text.substring(start, this.position), this.classLoader);
			ResolvableType type = ResolvableType.forClass(raw);
			if (peek('<')) {
				this.position++;
				List<ResolvableType> generics = new ArrayList<>();
				generics.add(type());
				while (peek(',')) {
					this.position++;
					generics.add(type());
				}
				expect('>');
				type = ResolvableType.forClassWithGenerics(raw, generics.toArray(ResolvableType[]::new));
			}
			while (peek('[')) {
				this.position++;
				expect(']');
				type = ResolvableType.forArrayComponent(type);
			}
			return type;
		}

		private boolean peek(char c) {
			return this.position < this.text.length() && this.text.charAt(this.position) == c;
		}

		private void expect(char c) {
			if (!peek(c)) {
				throw new IllegalArgumentException("Expected '" + c + "' in " + this.text);
			}
			this.position++;
		}

	}

}
