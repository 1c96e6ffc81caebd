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

package dev.steadypod.reload;

import java.nio.file.Path;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

import dev.steadypod.core.ConditionalOnSteadypodEnabled;

/**
 * Hot reload of mounted configuration: watches the {@code file:} and {@code configtree:}
 * locations, validates each change against every {@code @ConfigurationProperties} bean
 * and applies it atomically through one {@link ConfigReloadPipeline}.
 */
@AutoConfiguration(after = { RefreshAutoConfiguration.class, ConfigurationPropertiesRebinderAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(RefreshScope.class)
@ConditionalOnSteadypodEnabled
@ConditionalOnBooleanProperty(name = "steadypod.reload.enabled", matchIfMissing = true)
@EnableConfigurationProperties(ReloadProperties.class)
public final class ConfigReloadAutoConfiguration {

	private static final Log logger = LogFactory.getLog(ConfigReloadAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	RequestGate steadypodRequestGate() {
		return new RequestGate();
	}

	@Bean
	@ConditionalOnMissingBean
	RestartPolicy steadypodRestartPolicy(ConfigurableApplicationContext context, ReloadProperties properties) {
		return RestartPolicy.create(context, properties, KubernetesApi.SERVICE_ACCOUNT);
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigReloadPipeline configReloadPipeline(ConfigurableApplicationContext context, ReloadProperties properties,
			RequestGate gate, RestartPolicy restartPolicy) {
		ConfigReloadPipeline pipeline = new ConfigReloadPipeline(context, properties, gate, restartPolicy);
		restartPolicy.addListener(new RestartStatusLines(pipeline));
		return pipeline;
	}

	@Bean
	@ConditionalOnMissingBean
	MountedConfigReader mountedConfigReader(ConfigurableApplicationContext context, ReloadProperties properties) {
		return new MountedConfigReader(context.getEnvironment(), properties.getMaxFileSize().toBytes());
	}

	@Bean
	@ConditionalOnMissingBean
	MountInfo steadypodMountInfo() {
		return MountInfo.read();
	}

	@Bean
	@ConditionalOnMissingBean
	SecretLocations steadypodSecretLocations(ReloadProperties properties) {
		return SecretLocations.of(properties.getSecretLocations());
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigFileWatcher configFileWatcher(ConfigReloadPipeline pipeline, MountedConfigReader reader,
			ConfigurableApplicationContext context, ReloadProperties properties, MountInfo mountInfo,
			SecretLocations secretLocations) {
		List<WatchedLocation> locations = WatchedLocation.resolve(context.getEnvironment(), properties.getPaths());
		for (Path unmatched : secretLocations.unmatched(locations)) {
			logger.warn("steadypod.reload.secret-locations names " + unmatched + ", which no watched location is at or"
					+ " under: import it (spring.config.import=optional:configtree:" + unmatched
					+ "/) or add it to steadypod.reload.paths");
		}
		return new ConfigFileWatcher(pipeline, reader,
				locations.stream().filter((location) -> !secretLocations.contains(location)).toList(), properties,
				mountInfo);
	}

	/**
	 * A second watcher for the mounted Secrets, so that their changes carry their own
	 * source tag and content hash.
	 */
	@Bean
	@ConditionalOnMissingBean(name = "steadypodSecretFileWatcher")
	@Conditional(OnSecretLocationsCondition.class)
	ConfigFileWatcher steadypodSecretFileWatcher(ConfigReloadPipeline pipeline, MountedConfigReader reader,
			ConfigurableApplicationContext context, ReloadProperties properties, MountInfo mountInfo,
			SecretLocations secretLocations) {
		List<WatchedLocation> locations = WatchedLocation.resolve(context.getEnvironment(), properties.getPaths())
			.stream()
			.filter(secretLocations::contains)
			.toList();
		return new ConfigFileWatcher(pipeline, reader, locations, properties, mountInfo, SecretLocations.SOURCE);
	}

	@Bean
	@ConditionalOnMissingBean(name = "configReloadRehearsal")
	@ConditionalOnBooleanProperty(name = "steadypod.reload.rehearse-at-startup", matchIfMissing = true)
	ReloadRehearsalTask configReloadRehearsal(ObjectProvider<ConfigReloadCheck> routes) {
		return new ReloadRehearsalTask(routes);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
	@ConditionalOnClass(FilterRegistrationBean.class)
	static class RequestGateConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "steadypodRequestGateFilter")
		FilterRegistrationBean<RequestGateFilter> steadypodRequestGateFilter(RequestGate gate) {
			FilterRegistrationBean<RequestGateFilter> registration = new FilterRegistrationBean<>(
					new RequestGateFilter(gate));
			// Outermost, so that the whole request (other filters included) sees one
			// configuration.
			registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
			return registration;
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		ConfigReloadMetrics configReloadMetrics(ConfigReloadPipeline pipeline) {
			return new ConfigReloadMetrics(pipeline);
		}

		@Bean
		@ConditionalOnMissingBean
		RestartRequestMetrics steadypodRestartRequestMetrics(RestartPolicy restartPolicy) {
			return new RestartRequestMetrics(restartPolicy);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, SanitizingFunction.class })
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnMissingBean
		SecretValuesSanitizer steadypodSecretValuesSanitizer(SecretLocations secretLocations) {
			return new SecretValuesSanitizer(secretLocations);
		}

		@Bean
		@ConditionalOnMissingBean
		@ConditionalOnAvailableEndpoint
		ConfigReloadEndpoint configReloadEndpoint(ConfigReloadPipeline pipeline,
				ObjectProvider<ConfigReloadCheck> checks) {
			return new ConfigReloadEndpoint(pipeline, checks.orderedStream().toList());
		}

	}

}
