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

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small web application whose greeting comes from a ConfigMap read through the
 * Kubernetes API.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableConfigurationProperties(KubernetesReloadTestApplication.GreetingProperties.class)
class KubernetesReloadTestApplication {

	@RestController
	static class GreetingController {

		private final GreetingProperties properties;

		GreetingController(GreetingProperties properties) {
			this.properties = properties;
		}

		@GetMapping("/greeting")
		String greeting() {
			return this.properties.getMessage() + "|" + this.properties.getLimit() + "|" + this.properties.getSuffix();
		}

	}

	@Validated
	@ConfigurationProperties("app.greeting")
	static class GreetingProperties {

		/** The greeting. */
		@NotBlank
		private String message = "default";

		/** A number, to see type mismatches rejected. */
		@Max(1000)
		private int limit = 1;

		/** Set from a mounted file in the mixed tests. */
		private String suffix = "none";

		public String getMessage() {
			return this.message;
		}

		public void setMessage(String message) {
			this.message = message;
		}

		public int getLimit() {
			return this.limit;
		}

		public void setLimit(int limit) {
			this.limit = limit;
		}

		public String getSuffix() {
			return this.suffix;
		}

		public void setSuffix(String suffix) {
			this.suffix = suffix;
		}

	}

}
