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

package dev.steadypod.liveness;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessDefaultsEnvironmentPostProcessorTests {

	private final LivenessDefaultsEnvironmentPostProcessor postProcessor = new LivenessDefaultsEnvironmentPostProcessor();

	@Test
	void defaultsTurnProbesOnAndKeepTheLivenessGroupToTheProcessItself() {
		StandardEnvironment environment = new StandardEnvironment();
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getProperty("management.endpoint.health.probes.enabled")).isEqualTo("true");
		// Steadypod's own contributors join while this default stands
		// (LivenessGroupMembership).
		assertThat(include(environment, "liveness")).containsExactly("livenessState");
		assertThat(include(environment, "readiness")).containsExactly("readinessState");
		assertThat(environment.getProperty("management.endpoint.health.group.liveness.show-details"))
			.isEqualTo("always");
		assertThat(environment.getProperty("management.endpoint.health.group.liveness.show-components"))
			.isEqualTo("always");
	}

	@Test
	void anyUserPropertySourceWinsOverTheDefaults() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("defaultProperties",
					Map.of("management.endpoint.health.group.readiness.include[0]", "readinessState",
							"management.endpoint.health.group.readiness.include[1]", "db",
							"management.endpoint.health.group.liveness.show-details", "never")));
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().stream().reduce((first, second) -> second).orElseThrow().getName())
			.isEqualTo(LivenessDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME);
		assertThat(include(environment, "readiness")).containsExactly("readinessState", "db");
		assertThat(environment.getProperty("management.endpoint.health.group.liveness.show-details"))
			.isEqualTo("never");
	}

	@Test
	void addsNothingWhenLivenessOrSteadypodIsSwitchedOff() {
		for (String off : List.of("steadypod.liveness.enabled", "steadypod.enabled")) {
			StandardEnvironment environment = new StandardEnvironment();
			environment.getPropertySources().addFirst(new MapPropertySource("user", Map.of(off, "false")));
			this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
			assertThat(environment.getPropertySources()
				.contains(LivenessDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).as(off).isFalse();
		}
	}

	private static List<String> include(StandardEnvironment environment, String group) {
		return Binder.get(environment)
			.bind("management.endpoint.health.group." + group + ".include", Bindable.listOf(String.class))
			.orElse(List.of());
	}

}
