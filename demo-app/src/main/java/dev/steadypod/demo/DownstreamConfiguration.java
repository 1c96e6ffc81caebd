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

package dev.steadypod.demo;

import java.net.URI;

import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;

/**
 * A downstream service's settings, made by a {@code @Bean} factory method (the class has
 * no no-argument constructor) and bound at {@code demo.downstream}; its URL is a
 * placeholder chain in application.yaml ({@code http://${demo.downstream.host}/api}).
 */
@Configuration(proxyBeanMethods = false)
public class DownstreamConfiguration {

	@Bean
	@ConfigurationProperties("demo.downstream")
	DownstreamSettings downstreamSettings() {
		return new DownstreamSettings("downstream");
	}

	/**
	 * Settings whose URL setter derives the parsed URI.
	 */
	@Validated
	public static class DownstreamSettings {

		private final String name;

		/**
		 * Host and port of the downstream service.
		 */
		@NotBlank
		private String host = "localhost";

		/**
		 * Base URL of the downstream service.
		 */
		@NotBlank
		private String url = "http://localhost/";

		private URI uri = URI.create(this.url);

		DownstreamSettings(String name) {
			this.name = name;
		}

		public String name() {
			return this.name;
		}

		public String getHost() {
			return this.host;
		}

		public void setHost(String host) {
			this.host = host;
		}

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
			this.uri = URI.create(url);
		}

		/** The URL, parsed when it was set. */
		public URI uri() {
			return this.uri;
		}

	}

}
