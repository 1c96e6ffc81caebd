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

import java.util.LinkedHashMap;
import java.util.Map;

import dev.steadypod.core.SteadypodEnvironment;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Registers Steadypod's probe defaults with the lowest precedence, so anything the
 * application sets (application.yaml, environment, command line, even default properties)
 * wins: probes on; the liveness group made of {@code livenessState} and, while this
 * default stands, Steadypod's own contributors (see {@link LivenessGroupMembership}),
 * with components and details shown; the readiness group made of {@code readinessState}
 * (add your databases there). Setting {@code include} replaces Boot's default membership,
 * so no dependency indicator can slip into liveness.
 */
public class LivenessDefaultsEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "steadypodLivenessDefaults";

	@Override
	public int getOrder() {
		// After config data has been loaded, so the switches in application.yaml are
		// visible.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (SteadypodEnvironment.isEnabled(environment, "liveness")) {
			SteadypodEnvironment.addLowestPrecedenceDefaults(environment, PROPERTY_SOURCE_NAME, defaults());
		}
	}

	static Map<String, Object> defaults() {
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put("management.endpoint.health.probes.enabled", "true");
		defaults.put("management.endpoint.health.group.liveness.include", "livenessState");
		defaults.put("management.endpoint.health.group.liveness.show-components", "always");
		defaults.put("management.endpoint.health.group.liveness.show-details", "always");
		defaults.put("management.endpoint.health.group.readiness.include", "readinessState");
		return defaults;
	}

}
