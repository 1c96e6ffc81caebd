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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.PropertySource;
import org.springframework.util.Assert;

/**
 * A proposed configuration change for {@link ConfigReloadPipeline}: named property
 * sources that replace their same-named counterparts in the live Environment (or are
 * added to it), the names of sources to remove, and the SHA-256 hash of the content they
 * were built from.
 * <p>
 * Property sources are listed highest precedence first. One that is not in the
 * Environment yet is inserted next to its neighbours in this list, or at the top of the
 * config-data sources.
 */
public final class ConfigCandidate {

	private final String source;

	private final List<PropertySource<?>> propertySources;

	private final List<String> removals;

	private final String contentHash;

	private final List<String> locations;

	private final ReloadTimings timings;

	private ConfigCandidate(Builder builder) {
		this.source = builder.source;
		this.propertySources = List.copyOf(builder.propertySources);
		this.removals = List.copyOf(builder.removals);
		this.contentHash = builder.contentHash;
		this.locations = List.copyOf(builder.locations);
		this.timings = ReloadTimings.NONE;
	}

	private ConfigCandidate(ConfigCandidate candidate, ReloadTimings timings) {
		this.source = candidate.source;
		this.propertySources = candidate.propertySources;
		this.removals = candidate.removals;
		this.contentHash = candidate.contentHash;
		this.locations = candidate.locations;
		this.timings = timings;
	}

	/**
	 * Starts a candidate.
	 * @param source where the change comes from ({@code file}, {@code kubernetes}); the
	 * {@code source} metric tag
	 * @return a builder
	 */
	public static Builder builder(String source) {
		return new Builder(source);
	}

	public String source() {
		return this.source;
	}

	public List<PropertySource<?>> propertySources() {
		return this.propertySources;
	}

	public List<String> removals() {
		return this.removals;
	}

	public String contentHash() {
		return this.contentHash;
	}

	/** Human-readable locations (files, ConfigMaps) for messages. */
	public List<String> locations() {
		return this.locations;
	}

	/** How long the route took to notice, read and parse it (zero when not measured). */
	public ReloadTimings timings() {
		return this.timings;
	}

	/**
	 * The same candidate with the route's timings.
	 * @param queued from the change being noticed to the start of the read
	 * @param read reading the content
	 * @param parse turning it into property sources
	 * @return a copy carrying the timings
	 */
	public ConfigCandidate withTimings(Duration queued, Duration read, Duration parse) {
		return new ConfigCandidate(this, ReloadTimings.route(queued, read, parse));
	}

	/**
	 * The same candidate with {@code extra} added to its read phase, for a confirming
	 * read that ended after the validation.
	 */
	ConfigCandidate withExtraRead(Duration extra) {
		if (extra.isZero()) {
			return this;
		}
		ReloadTimings timings = this.timings;
		return new ConfigCandidate(this,
				ReloadTimings.route(timings.queued(), timings.read().plus(extra), timings.parse()));
	}

	/**
	 * Builds a {@link ConfigCandidate}.
	 */
	public static final class Builder {

		private final String source;

		private final List<PropertySource<?>> propertySources = new ArrayList<>();

		private final List<String> removals = new ArrayList<>();

		private final List<String> locations = new ArrayList<>();

		private String contentHash;

		private Builder(String source) {
			Assert.hasText(source, "'source' must not be empty");
			this.source = source;
		}

		/** Adds a property source; call in precedence order, highest first. */
		public Builder propertySource(PropertySource<?> propertySource) {
			this.propertySources.add(propertySource);
			return this;
		}

		/** Removes the property source of that name from the Environment, if present. */
		public Builder remove(String propertySourceName) {
			this.removals.add(propertySourceName);
			return this;
		}

		/** The SHA-256 hash (hex) of the content the sources were built from. */
		public Builder contentHash(String contentHash) {
			this.contentHash = contentHash;
			return this;
		}

		/** A file or ConfigMap the candidate comes from, for messages. */
		public Builder location(String location) {
			this.locations.add(location);
			return this;
		}

		public ConfigCandidate build() {
			Assert.hasText(this.contentHash, "'contentHash' must not be empty");
			return new ConfigCandidate(this);
		}

	}

}
