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

package dev.steadypod.metrics;

import dev.steadypod.core.ConditionalOnSteadypodEnabled;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * The autoscaling signal: the number of in-flight HTTP requests, Spring Boot's
 * {@code http.server.requests.active} long-task timer, exported for Prometheus as
 * {@code http_server_requests_active_seconds_count}. {@link InFlightSignalDefaults} turns
 * on what the signal needs before the context starts; this configuration binds
 * {@code steadypod.metrics.*} and checks at start-up that nothing the application set
 * keeps the signal from Prometheus.
 */
@AutoConfiguration
@ConditionalOnClass({ PrometheusMeterRegistry.class, ManagementPortType.class })
@ConditionalOnSteadypodEnabled
@ConditionalOnBooleanProperty(name = "steadypod.metrics.enabled", matchIfMissing = true)
@EnableConfigurationProperties(SteadypodMetricsProperties.class)
public final class InFlightMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnBooleanProperty(name = "steadypod.metrics.warnings", matchIfMissing = true)
	InFlightSignalCheck inFlightSignalCheck(Environment environment) {
		return new InFlightSignalCheck(environment);
	}

}
