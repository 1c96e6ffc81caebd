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
import dev.steadypod.warmup.WarmupAutoConfiguration;
import dev.steadypod.warmup.WarmupTracker;

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
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Start-up-aware liveness: the {@code warmup} health contributor (lenient while the
 * application warms up, strict once it is warm), the built-in {@link LivenessCheck}s, and
 * a warning when probes share the application port in Kubernetes. The probe group
 * defaults come from {@link LivenessDefaultsEnvironmentPostProcessor}.
 */
@AutoConfiguration(after = WarmupAutoConfiguration.class,
		afterName = "org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration")
@ConditionalOnClass({ HealthIndicator.class, ManagementPortType.class })
@ConditionalOnSteadypodEnabled
@ConditionalOnBooleanProperty(name = "steadypod.liveness.enabled", matchIfMissing = true)
@EnableConfigurationProperties(LivenessProperties.class)
public final class LivenessAutoConfiguration {

	@Bean(name = "warmupHealthIndicator")
	@ConditionalOnMissingBean(name = "warmupHealthIndicator")
	WarmupHealthIndicator warmupHealthIndicator(ObjectProvider<WarmupTracker> tracker,
			ObjectProvider<LivenessCheck> checks) {
		return new WarmupHealthIndicator(tracker.getIfAvailable(), checks.orderedStream().toList());
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "steadypod.liveness.deadlock.enabled", matchIfMissing = true)
	DeadlockedThreadsCheck deadlockedThreadsCheck() {
		return new DeadlockedThreadsCheck();
	}

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnWebApplication
	@ConditionalOnManagementPort(ManagementPortType.DIFFERENT)
	@ConditionalOnBooleanProperty(name = "steadypod.liveness.application-connector.enabled", matchIfMissing = true)
	ApplicationConnectorCheck applicationConnectorCheck(Environment environment, LivenessProperties properties) {
		return new ApplicationConnectorCheck(environment, properties.getApplicationConnector().getTimeout());
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
