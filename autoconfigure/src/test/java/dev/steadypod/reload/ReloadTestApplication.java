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

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.validation.annotation.Validated;

/**
 * A small real application for the reload behaviour tests: one validated properties bean,
 * one refresh-scoped bean built from it (which refuses the value "explode" to provoke a
 * failed apply), and a listener collecting {@link ConfigReloadedEvent}s.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties(ReloadTestApplication.SampleProperties.class)
class ReloadTestApplication {

	@Bean
	@RefreshScope
	Snapshot snapshot(SampleProperties properties) {
		if ("explode".equals(properties.getName())) {
			throw new IllegalStateException("cannot build a snapshot for this name");
		}
		return new Snapshot(properties.getName());
	}

	@Bean
	Events events() {
		return new Events();
	}

	/** Refresh-scoped, so proxied: a plain class rather than a (final) record. */
	static class Snapshot {

		private final String name;

		Snapshot(String name) {
			this.name = name;
		}

		String name() {
			return this.name;
		}

	}

	static class Events implements ApplicationListener<ConfigReloadedEvent> {

		final List<ConfigReloadedEvent> received = new java.util.concurrent.CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(ConfigReloadedEvent event) {
			this.received.add(event);
		}

	}

	@Validated
	@ConfigurationProperties("sample")
	static class SampleProperties {

		@NotBlank
		private String name = "default";

		private int count = 1;

		private Duration timeout = Duration.ofSeconds(1);

		private List<String> items = new ArrayList<>();

		public String getName() {
			return this.name;
		}

		public void setName(String name) {
			this.name = name;
		}

		public int getCount() {
			return this.count;
		}

		public void setCount(int count) {
			this.count = count;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

		public List<String> getItems() {
			return this.items;
		}

		public void setItems(List<String> items) {
			this.items = items;
		}

	}

}
