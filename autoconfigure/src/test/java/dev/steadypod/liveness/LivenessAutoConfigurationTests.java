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

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.steadypod.warmup.WarmupAutoConfiguration;
import dev.steadypod.warmup.WarmupPhase;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableWebApplicationContext;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LivenessAutoConfigurationTests {

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ApplicationAvailabilityAutoConfiguration.class,
				HealthContributorRegistryAutoConfiguration.class, WarmupAutoConfiguration.class,
				LivenessAutoConfiguration.class));

	@Test
	void defaultsRegisterTheWarmupContributorAndTheDeadlockCheck() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasBean("warmupHealthIndicator")
				.hasSingleBean(DeadlockedThreadsCheck.class)
				.hasSingleBean(ProbesOnApplicationPortWarning.class)
				.hasSingleBean(CorrectLivenessOnWebServerStart.class)
				.doesNotHaveBean(ApplicationConnectorCheck.class);
			Health health = context.getBean(WarmupPhaseHealthIndicator.class).health();
			assertThat(health.getStatus()).as("starting is lenient").isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("phase", WarmupPhase.STARTING);
			assertThat(contributorNames(context)).contains("warmup", "deadlockedThreads")
				.doesNotContain("applicationConnector");
		});
	}

	@Test
	void applicationConnectorCheckIsItsOwnContributorWhenManagementHasItsOwnPort() {
		this.contextRunner
			.withPropertyValues("management.server.port=8081", "steadypod.liveness.application-connector.timeout=200ms")
			.run((context) -> {
				assertThat(context).hasSingleBean(ApplicationConnectorCheck.class);
				assertThat(context.getBean(LivenessProperties.class).getApplicationConnector().getTimeout())
					.isEqualTo(Duration.ofMillis(200));
				assertThat(contributorNames(context)).contains("applicationConnector");
			});
	}

	@Test
	void deadlockSearchIsCachedForTenSecondsUnlessConfigured() {
		this.contextRunner
			.run((context) -> assertThat(context.getBean(LivenessProperties.class).getDeadlockedThreads().getCacheTtl())
				.isEqualTo(Duration.ofSeconds(10)));
		this.contextRunner.withPropertyValues("steadypod.liveness.deadlocked-threads.cache-ttl=2s")
			.run((context) -> assertThat(context.getBean(LivenessProperties.class).getDeadlockedThreads().getCacheTtl())
				.isEqualTo(Duration.ofSeconds(2)));
	}

	@Test
	void contributorsAreSwitchedOffOneByOneWithBootsHealthProperties() {
		this.contextRunner
			.withPropertyValues("management.server.port=8081", "management.health.deadlockedthreads.enabled=false",
					"management.health.applicationConnector.enabled=false", "management.health.warmup.enabled=false")
			.run((context) -> {
				assertThat(context).doesNotHaveBean("warmupHealthIndicator");
				assertThat(contributorNames(context)).doesNotContain("deadlockedThreads", "applicationConnector",
						"warmup");
			});
	}

	@Test
	void bootsDefaultsSwitchOffOnlyWhatIsNotSwitchedOnByName() {
		this.contextRunner
			.withPropertyValues("management.health.defaults.enabled=false",
					"management.health.deadlocked-threads.enabled=true")
			.run((context) -> assertThat(contributorNames(context)).contains("deadlockedThreads")
				.doesNotContain("warmup"));
	}

	@Test
	void userLivenessChecksAreTheirOwnContributors() {
		LivenessCheck broken = new LivenessCheck() {
			@Override
			public String name() {
				return "heapExhausted";
			}

			@Override
			public Result check() {
				return Result.failed("old gen full", Map.of());
			}
		};
		this.contextRunner.withPropertyValues("steadypod.warmup.enabled=false")
			.withBean(LivenessCheck.class, () -> broken)
			.run((context) -> {
				HealthIndicator contributor = (HealthIndicator) context.getBean(HealthContributorRegistry.class)
					.getContributor("heapExhausted");
				Health health = contributor.health();
				assertThat(health.getStatus()).as("no warm-up: strict from the start").isEqualTo(Status.DOWN);
				assertThat(health.getDetails()).containsEntry("reason", "old gen full");
			});
	}

	@Test
	void userContributorNamedWarmupReplacesTheDefault() {
		HealthIndicator own = () -> Health.up().build();
		this.contextRunner.withBean("warmupHealthIndicator", HealthIndicator.class, () -> own)
			.run((context) -> assertThat(context.getBean("warmupHealthIndicator")).isSameAs(own));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupPhaseHealthIndicator.class)
				.doesNotHaveBean(DeadlockedThreadsCheck.class));
	}

	@Test
	void backsOffWhenLivenessIsSwitchedOff() {
		this.contextRunner.withPropertyValues("steadypod.liveness.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupPhaseHealthIndicator.class)
				.doesNotHaveBean(DeadlockedThreadsCheck.class));
	}

	@Test
	void backsOffWhenSteadypodIsSwitchedOff() {
		this.contextRunner.withPropertyValues("steadypod.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupPhaseHealthIndicator.class)
				.doesNotHaveBean(LivenessProperties.class));
	}

	private static List<String> contributorNames(AssertableWebApplicationContext context) {
		return context.getBean(HealthContributorRegistry.class).stream().map((entry) -> entry.name()).toList();
	}

}
