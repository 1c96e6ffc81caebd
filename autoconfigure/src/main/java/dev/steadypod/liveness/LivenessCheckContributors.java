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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.steadypod.warmup.StartupProgress;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.core.env.Environment;

/**
 * Registers every {@link LivenessCheck} bean as its own health contributor, named after
 * the check, unless {@code management.health.<name>.enabled} (or
 * {@code management.health.defaults.enabled}) is false, the rule Spring Boot applies to
 * its own indicators. Registration happens while singletons are created, before Boot
 * validates the health groups' members.
 */
class LivenessCheckContributors {

	private final List<String> names = new ArrayList<>();

	LivenessCheckContributors(HealthContributorRegistry registry, List<LivenessCheck> checks,
			@Nullable StartupProgress progress, Environment environment) {
		for (LivenessCheck check : checks) {
			if (isEnabled(environment, check.name())) {
				registry.registerContributor(check.name(), new LivenessCheckHealthIndicator(check, progress));
				this.names.add(check.name());
			}
		}
	}

	static boolean isEnabled(Environment environment, String name) {
		boolean defaults = environment.getProperty("management.health.defaults.enabled", Boolean.class, true);
		// Lower case, as Boot's own keys (livenessstate): relaxed binding then also
		// matches deadlockedThreads and deadlocked-threads.
		return environment.getProperty("management.health." + name.toLowerCase(Locale.ROOT) + ".enabled", Boolean.class,
				defaults);
	}

	List<String> names() {
		return List.copyOf(this.names);
	}

}
