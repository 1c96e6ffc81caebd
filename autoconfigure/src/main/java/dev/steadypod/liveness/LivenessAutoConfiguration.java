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

import dev.steadypod.core.ConditionalOnSteadypodEnabled;
import dev.steadypod.warmup.StartupProgress;
import dev.steadypod.warmup.WarmupAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Start-up-aware liveness: one health contributor per check of the process
 * ({@code warmup}, {@code deadlockedThreads}, {@code applicationConnector} and each of
 * the application's {@link LivenessCheck}s), lenient while the application warms up and
 * members of the liveness group, plus a warning when probes share the application port in
 * Kubernetes. The probe group defaults come from
 * {@link LivenessDefaultsEnvironmentPostProcessor}.
 */
@AutoConfiguration(after = WarmupAutoConfiguration.class,
		afterName = { "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration",
				"org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration" })
@ConditionalOnClass({ HealthIndicator.class, ManagementPortType.class })
@ConditionalOnSteadypodEnabled
@ConditionalOnBooleanProperty(name = "steadypod.liveness.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LivenessProperties.class)
public final class LivenessAutoConfiguration {

	@Bean(name = "warmupHealthIndicator")
	@ConditionalOnMissingBean(name = "warmupHealthIndicator")
	@ConditionalOnBean(StartupProgress.class)
	@ConditionalOnEnabledHealthIndicator("warmup")
	WarmupPhaseHealthIndicator warmupHealthIndicator(StartupProgress progress) {
		return new WarmupPhaseHealthIndicator(progress);
	}

	@Bean
	@ConditionalOnMissingBean
	DeadlockedThreadsCheck deadlockedThreadsCheck(LivenessProperties properties) {
		return new DeadlockedThreadsCheck(properties.getDeadlockedThreads().getCacheTtl());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication
	@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
	ApplicationConnectorCheck applicationConnectorCheck(Environment environment, LivenessProperties properties) {
		return new ApplicationConnectorCheck(environment, properties.getApplicationConnector().getTimeout());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBean(HealthContributorRegistry.class)
	LivenessCheckContributors livenessCheckContributors(HealthContributorRegistry registry,
			ObjectProvider<LivenessCheck> checks, ObjectProvider<StartupProgress> progress, Environment environment) {
		return new LivenessCheckContributors(registry, checks.orderedStream().toList(), progress.getIfAvailable(),
				environment);
	}

	@Bean
	@ConditionalOnMissingBean(name = "steadypodLivenessGroupMembership")
	HealthEndpointGroupsPostProcessor steadypodLivenessGroupMembership(Environment environment,
			ObjectProvider<HealthContributorRegistry> registry) {
		return new LivenessGroupMembership(environment, registry);
	}

	@Bean
	@ConditionalOnMissingBean
	ProbesOnApplicationPortWarning probesOnApplicationPortWarning(Environment environment) {
		return new ProbesOnApplicationPortWarning(environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebServerInitializedEvent.class)
	@ConditionalOnWebApplication
	static class WebServerLivenessConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnBean(ApplicationAvailability.class)
		CorrectLivenessOnWebServerStart correctLivenessOnWebServerStart(ApplicationAvailability availability) {
			return new CorrectLivenessOnWebServerStart(availability);
		}

	}

}
