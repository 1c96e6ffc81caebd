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

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.ConfigurationPropertyState;
import org.springframework.boot.health.actuate.endpoint.AdditionalHealthEndpointPath;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroup;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroupsPostProcessor;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * Makes Steadypod's liveness contributors members of the liveness group while its
 * membership is Steadypod's default ({@code include} set by
 * {@link LivenessDefaultsEnvironmentPostProcessor}). Each check is its own contributor,
 * and a contributor switched off with {@code management.health.<name>.enabled=false} is
 * simply absent, so no fixed {@code include} list could name them. When the application
 * sets {@code include} itself, its list is the membership, exactly.
 */
class LivenessGroupMembership implements HealthEndpointGroupsPostProcessor {

	private static final String LIVENESS = "liveness";

	private static final ConfigurationPropertyName INCLUDE = ConfigurationPropertyName
		.of("management.endpoint.health.group.liveness.include");

	private final Environment environment;

	private final ObjectProvider<HealthContributorRegistry> registry;

	LivenessGroupMembership(Environment environment, ObjectProvider<HealthContributorRegistry> registry) {
		this.environment = environment;
		this.registry = registry;
	}

	@Override
	public HealthEndpointGroups postProcessHealthEndpointGroups(HealthEndpointGroups groups) {
		HealthEndpointGroup liveness = groups.get(LIVENESS);
		if (liveness == null || !isSteadypodsDefault()) {
			return groups;
		}
		Map<String, HealthEndpointGroup> all = new LinkedHashMap<>();
		for (String name : groups.getNames()) {
			all.put(name, groups.get(name));
		}
		all.put(LIVENESS, new WithSteadypodContributors(liveness));
		return HealthEndpointGroups.of(groups.getPrimary(), all);
	}

	private boolean isSteadypodsDefault() {
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(INCLUDE);
			if (property != null || source.containsDescendantOf(INCLUDE) == ConfigurationPropertyState.PRESENT) {
				Object underlying = source.getUnderlyingSource();
				return underlying instanceof PropertySource<?> propertySource
						&& LivenessDefaultsEnvironmentPostProcessor.PROPERTY_SOURCE_NAME
							.equals(propertySource.getName());
			}
		}
		return false;
	}

	private final class WithSteadypodContributors implements HealthEndpointGroup {

		private final HealthEndpointGroup delegate;

		WithSteadypodContributors(HealthEndpointGroup delegate) {
			this.delegate = delegate;
		}

		@Override
		public boolean isMember(String name) {
			if (this.delegate.isMember(name)) {
				return true;
			}
			HealthContributorRegistry contributors = LivenessGroupMembership.this.registry.getIfAvailable();
			return contributors != null && contributors.getContributor(name) instanceof SteadypodLivenessContributor;
		}

		@Override
		public boolean showComponents(SecurityContext securityContext) {
			return this.delegate.showComponents(securityContext);
		}

		@Override
		public boolean showDetails(SecurityContext securityContext) {
			return this.delegate.showDetails(securityContext);
		}

		@Override
		public StatusAggregator getStatusAggregator() {
			return this.delegate.getStatusAggregator();
		}

		@Override
		public HttpCodeStatusMapper getHttpCodeStatusMapper() {
			return this.delegate.getHttpCodeStatusMapper();
		}

		@Override
		public @Nullable AdditionalHealthEndpointPath getAdditionalPath() {
			return this.delegate.getAdditionalPath();
		}

	}

}
