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

package dev.steadypod.warmup;

import dev.steadypod.core.ConditionalOnSteadypodEnabled;
import dev.steadypod.core.SteadypodEnvironment;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Warm-up between "web server started" and "ready": runs the application's
 * {@link WarmupTask} beans (and the optional HTTP self-warm-up) while readiness refuses
 * traffic, records the start-up in one {@link StartupProgress} and serves it at
 * {@code /actuator/warmup}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration")
@ConditionalOnSteadypodEnabled
@ConditionalOnBooleanProperty(name = "steadypod.warmup.enabled", matchIfMissing = true)
@EnableConfigurationProperties(WarmupProperties.class)
public final class WarmupAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	StartupProgress startupProgress(WarmupProperties properties) {
		return new StartupProgress(properties.getMaxDuration());
	}

	@Bean
	@ConditionalOnMissingBean
	WarmupRunner warmupRunner(ListableBeanFactory beanFactory, StartupProgress progress, WarmupProperties properties,
			ApplicationEventPublisher publisher) {
		return new WarmupRunner(ScheduledWarmupTask.collect(beanFactory), progress, properties, publisher);
	}

	@Bean
	ApplicationListener<ApplicationReadyEvent> steadypodReadyRecorder(StartupProgress progress) {
		return (event) -> progress.ready();
	}

	@Bean
	@ConditionalOnMissingBean
	@Conditional(OnHttpWarmupPathsCondition.class)
	HttpSelfWarmupTask httpSelfWarmupTask(WarmupProperties properties, Environment environment,
			ObjectProvider<SslBundles> sslBundles) {
		return new HttpSelfWarmupTask(properties.getHttp(), environment, sslBundles.getIfAvailable());
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(WebServerInitializedEvent.class)
	static class WebServerMilestoneConfiguration {

		@Bean
		ApplicationListener<WebServerInitializedEvent> steadypodWebServerRecorder(StartupProgress progress) {
			return (event) -> {
				// The management server's event reaches this context too; only the
				// application's counts.
				if (!SteadypodEnvironment.isManagementContext(event.getApplicationContext())) {
					progress.webServerStarted();
				}
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterBinder.class)
	static class StartupMetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		StartupMetrics startupMetrics(StartupProgress progress) {
			return new StartupMetrics(progress);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(Endpoint.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		WarmupEndpoint warmupEndpoint(StartupProgress progress, Environment environment) {
			return new WarmupEndpoint(progress, environment);
		}

	}

}
