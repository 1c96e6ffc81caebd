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

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.convert.converter.Converter;
import org.springframework.validation.annotation.Validated;

/**
 * Shaped like a real application's configuration: a record bound through its constructor,
 * a {@code @Bean} factory-method properties bean without a no-argument constructor, a
 * JavaBean whose setter derives a field and whose init callback computes one, and a
 * placeholder chain ({@code client.url: http://${app.host}/}).
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableConfigurationProperties({ RealAppReloadApplication.LimitsProperties.class,
		RealAppReloadApplication.ClientProperties.class, RealAppReloadApplication.UpstreamProperties.class })
class RealAppReloadApplication {

	@Bean
	@ConfigurationProperties("pool")
	PoolSettings poolSettings() {
		return new PoolSettings("pool-from-factory");
	}

	/** Validated because its factory method says so, not its class. */
	@Bean
	@Validated
	@ConfigurationProperties("queue")
	QueueSettings queueSettings() {
		return new QueueSettings();
	}

	/** The application's own converter for its properties, as Spring Boot binds them. */
	@Bean
	@ConfigurationPropertiesBinding
	static EndpointConverter endpointConverter() {
		return new EndpointConverter();
	}

	static class EndpointConverter implements Converter<String, Endpoint> {

		@Override
		public Endpoint convert(String value) {
			int colon = value.lastIndexOf(':');
			if (colon < 1) {
				throw new IllegalArgumentException("expected host:port");
			}
			return new Endpoint(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
		}

	}

	/** A value type only the application's converter turns a string into. */
	record Endpoint(String host, int port) {
	}

	@ConfigurationProperties("upstream")
	static class UpstreamProperties {

		private Endpoint endpoint = new Endpoint("localhost", 80);

		public Endpoint getEndpoint() {
			return this.endpoint;
		}

		public void setEndpoint(Endpoint endpoint) {
			this.endpoint = endpoint;
		}

	}

	/** Immutable, bound through its constructor. */
	@Validated
	@ConfigurationProperties("limits")
	record LimitsProperties(@Min(1) int maxItems) {

	}

	/** A factory-method bean: no no-argument constructor. */
	@Validated
	static class PoolSettings {

		private final String name;

		@Min(1)
		private int size = 4;

		PoolSettings(String name) {
			this.name = name;
		}

		String getName() {
			return this.name;
		}

		public int getSize() {
			return this.size;
		}

		public void setSize(int size) {
			this.size = size;
		}

	}

	static class QueueSettings {

		@Min(1)
		private int capacity = 10;

		public int getCapacity() {
			return this.capacity;
		}

		public void setCapacity(int capacity) {
			this.capacity = capacity;
		}

	}

	/**
	 * A setter that derives a field, an init callback that computes one, a map without a
	 * setter.
	 */
	@Validated
	@ConfigurationProperties("client")
	static class ClientProperties implements InitializingBean {

		@NotBlank
		private String url = "http://localhost/";

		private URI uri = URI.create(this.url);

		private String describedAtInit = "";

		private final Map<String, String> headers = new LinkedHashMap<>(Map.of("accept", "json"));

		public String getUrl() {
			return this.url;
		}

		public void setUrl(String url) {
			this.url = url;
			this.uri = URI.create(url);
		}

		public Map<String, String> getHeaders() {
			return this.headers;
		}

		URI uri() {
			return this.uri;
		}

		String describedAtInit() {
			return this.describedAtInit;
		}

		@Override
		public void afterPropertiesSet() {
			this.describedAtInit = "client for " + this.uri.getHost();
		}

	}

}
