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

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The logging default that keeps ConfigMap text out of spring-cloud-kubernetes' WARN.
 */
class KubernetesReloadLoggingDefaultsTests {

	private final KubernetesReloadLoggingDefaults defaults = new KubernetesReloadLoggingDefaults();

	@Test
	void withTheApiRouteOnTheParseErrorLoggerIsSetToErrorWithTheLowestPrecedence() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.cloud.kubernetes.reload.enabled",
				"true");
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.level." + KubernetesReloadLoggingDefaults.LOGGER))
			.isEqualTo("error");
		assertThat(environment.getPropertySources()
			.stream()
			.toList()
			.get(environment.getPropertySources().size() - 1)
			.getName()).isEqualTo(KubernetesReloadLoggingDefaults.PROPERTY_SOURCE_NAME);
	}

	@Test
	void aLevelTheApplicationSetsWins() {
		MockEnvironment environment = new MockEnvironment()
			.withProperty("spring.cloud.kubernetes.reload.enabled", "true")
			.withProperty("logging.level." + KubernetesReloadLoggingDefaults.LOGGER, "debug");
		this.defaults.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("logging.level." + KubernetesReloadLoggingDefaults.LOGGER))
			.isEqualTo("debug");
	}

	@Test
	void withoutTheApiRouteNothingIsSet() {
		MockEnvironment reloadOff = new MockEnvironment();
		this.defaults.postProcessEnvironment(reloadOff, new SpringApplication());
		MockEnvironment routeOff = new MockEnvironment().withProperty("spring.cloud.kubernetes.reload.enabled", "true")
			.withProperty("steadypod.reload.kubernetes.enabled", "false");
		this.defaults.postProcessEnvironment(routeOff, new SpringApplication());
		assertThat(reloadOff.getPropertySources().contains(KubernetesReloadLoggingDefaults.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(routeOff.getPropertySources().contains(KubernetesReloadLoggingDefaults.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

}
