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

package dev.steadypod.core;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class EndpointExposureDefaultsTests {

	private static final String INCLUDE = EndpointExposureDefaults.WEB_EXPOSURE;

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		// What SpringApplication does before the context starts: apply the
		// lowest-precedence defaults, with the context's class loader.
		.withInitializer((context) -> {
			SpringApplication application = new SpringApplication();
			application.setResourceLoader(new DefaultResourceLoader(context.getClassLoader()));
			new EndpointExposureDefaults().postProcessEnvironment(context.getEnvironment(), application);
		});

	@Test
	void onASeparateManagementPortEverySteadypodEndpointIsExposed() {
		this.contextRunner.withPropertyValues("management.server.port=8081")
			.run((context) -> assertThat(context.getEnvironment().getProperty(INCLUDE))
				.isEqualTo("health,prometheus,info,configreload,warmup"));
	}

	@Test
	void onARandomManagementPortEverySteadypodEndpointIsExposed() {
		this.contextRunner.withPropertyValues("management.server.port=0")
			.run((context) -> assertThat(context.getEnvironment().getProperty(INCLUDE))
				.isEqualTo("health,prometheus,info,configreload,warmup"));
	}

	@Test
	void onTheSharedApplicationPortOnlyWhatProbesAndScrapesNeedIsExposed() {
		this.contextRunner
			.run((context) -> assertThat(context.getEnvironment().getProperty(INCLUDE)).isEqualTo("health,prometheus"));
		this.contextRunner.withPropertyValues("server.port=9000", "management.server.port=9000")
			.run((context) -> assertThat(context.getEnvironment().getProperty(INCLUDE)).isEqualTo("health,prometheus"));
	}

	@Test
	void theApplicationsOwnListWinsWhole() {
		this.contextRunner
			.withPropertyValues("management.server.port=8081", "management.endpoints.web.exposure.include=health")
			.run((context) -> assertThat(context.getEnvironment().getProperty(INCLUDE)).isEqualTo("health"));
	}

	@Test
	void theApplicationsListWinsInItsIndexedFormToo() {
		this.contextRunner
			.withPropertyValues("management.server.port=8081", "management.endpoints.web.exposure.include[0]=health")
			.run((context) -> assertThat(
					Binder.get(context.getEnvironment()).bind(INCLUDE, Bindable.listOf(String.class)).get())
				.containsExactly("health"));
	}

	@Test
	void aSwitchedOffFeatureKeepsItsEndpointUnexposed() {
		this.contextRunner
			.withPropertyValues("management.server.port=8081", "steadypod.reload.enabled=false",
					"steadypod.warmup.enabled=false", "steadypod.metrics.enabled=false")
			.run((context) -> assertThat(context.getEnvironment().getProperty(INCLUDE)).isEqualTo("health,info"));
	}

	@Test
	void withoutThePrometheusRegistryPrometheusIsNotExposed() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(PrometheusMeterRegistry.class))
			.withPropertyValues("management.server.port=8081")
			.run((context) -> assertThat(context.getEnvironment().getProperty(INCLUDE))
				.isEqualTo("health,info,configreload,warmup"));
	}

	@Test
	void withNothingToAddBootsDefaultStands() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(PrometheusMeterRegistry.class))
			.run((context) -> assertThat(context.getEnvironment().containsProperty(INCLUDE)).isFalse());
	}

	@Test
	void switchedOffSteadypodExposesNothing() {
		this.contextRunner.withPropertyValues("management.server.port=8081", "steadypod.enabled=false")
			.run((context) -> assertThat(context.getEnvironment().containsProperty(INCLUDE)).isFalse());
	}

}
