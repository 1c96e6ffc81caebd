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

import dev.steadypod.core.EndpointExposureDefaults;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class InFlightMetricsAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(InFlightMetricsAutoConfiguration.class))
		// What SpringApplication does before the context starts: apply the
		// lowest-precedence defaults.
		.withInitializer((context) -> {
			SpringApplication application = new SpringApplication();
			application.setResourceLoader(new DefaultResourceLoader(context.getClassLoader()));
			new InFlightSignalDefaults().postProcessEnvironment(context.getEnvironment(), application);
			new EndpointExposureDefaults().postProcessEnvironment(context.getEnvironment(), application);
		});

	@Test
	void defaultsTurnOnTheSignalAndExposeThePrometheusEndpoint() {
		this.contextRunner.withPropertyValues("management.server.port=8081").run((context) -> {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getProperty("management.observations.enable.http.server.requests"))
				.isEqualTo("true");
			assertThat(environment.getProperty("management.metrics.enable.http.server.requests")).isEqualTo("true");
			assertThat(environment.getProperty("management.prometheus.metrics.export.enabled")).isEqualTo("true");
			assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
				.isEqualTo("health,prometheus,info,configreload,warmup");
			assertThat(context).hasSingleBean(SteadypodMetricsProperties.class);
			assertThat(context.getBean(InFlightSignalCheck.class).problems()).isEmpty();
		});
	}

	@Test
	void settingsTheApplicationMakesWinOverTheDefaults() {
		this.contextRunner
			.withPropertyValues("management.metrics.enable.http.server.requests=false",
					"management.endpoints.web.exposure.include=health,info", "management.server.port=8081")
			.run((context) -> {
				ConfigurableEnvironment environment = context.getEnvironment();
				assertThat(environment.getProperty("management.metrics.enable.http.server.requests"))
					.isEqualTo("false");
				assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
					.isEqualTo("health,info");
				assertThat(environment.getProperty("management.observations.enable.http.server.requests"))
					.isEqualTo("true");
			});
	}

	@Test
	void blanketSwitchOffOfMetricsKeepsTheSignalTheHpaScalesOn() {
		this.contextRunner
			.withPropertyValues("management.metrics.enable.all=false", "management.observations.enable.http=false")
			.run((context) -> {
				ConfigurableEnvironment environment = context.getEnvironment();
				// Boot resolves these maps by the most specific key, so the exact
				// defaults decide for this one series.
				assertThat(environment.getProperty("management.metrics.enable.http.server.requests")).isEqualTo("true");
				assertThat(environment.getProperty("management.observations.enable.http.server.requests"))
					.isEqualTo("true");
			});
	}

	@Test
	void checkNamesEverySettingThatKeepsTheSignalFromPrometheus() {
		this.contextRunner
			.withPropertyValues("management.endpoints.web.exposure.include=health",
					"management.metrics.observations.ignored-meters=long-task-timer",
					"management.observations.http.server.requests.name=web.requests")
			.run((context) -> assertThat(context.getBean(InFlightSignalCheck.class).problems()).satisfiesExactly(
					(problem) -> assertThat(problem).contains("not exposed")
						.contains("Set management.endpoints.web.exposure.include=health,prometheus (now health)"),
					(problem) -> assertThat(problem).contains("ignored-meters contains long-task-timer"),
					(problem) -> assertThat(problem).contains("'web.requests'"),
					(problem) -> assertThat(problem).contains("share the application port")
						.contains("management.server.port")));
	}

	@Test
	void checkSeesAnExcludedOrInaccessibleEndpoint() {
		this.contextRunner
			.withPropertyValues("management.server.port=8081", "management.endpoints.web.exposure.include=*",
					"management.endpoints.web.exposure.exclude=prometheus",
					"management.endpoint.prometheus.access=none")
			.run((context) -> assertThat(context.getBean(InFlightSignalCheck.class).problems()).satisfiesExactly(
					(problem) -> assertThat(problem).contains("excluded")
						.contains("Remove management.endpoints.web.exposure.exclude (now prometheus)"),
					(problem) -> assertThat(problem).contains("access is none")));
	}

	@Test
	void warningsCanBeSwitchedOffWhileTheDefaultsStay() {
		this.contextRunner.withPropertyValues("steadypod.metrics.warnings=false").run((context) -> {
			assertThat(context).doesNotHaveBean(InFlightSignalCheck.class);
			assertThat(context.getEnvironment().getProperty("management.endpoints.web.exposure.include"))
				.isEqualTo("health,prometheus");
		});
	}

	@Test
	void userDefinedCheckReplacesTheDefault() {
		this.contextRunner.withBean("myCheck", InFlightSignalCheck.class, () -> new InFlightSignalCheck(null))
			.run((context) -> assertThat(context).hasSingleBean(InFlightSignalCheck.class).hasBean("myCheck"));
	}

	@Test
	void backsOffWithoutThePrometheusRegistry() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(PrometheusMeterRegistry.class)).run((context) -> {
			assertThat(context).doesNotHaveBean(InFlightSignalCheck.class);
			assertThat(context).doesNotHaveBean(SteadypodMetricsProperties.class);
			assertThat(context.getEnvironment().containsProperty("management.endpoints.web.exposure.include"))
				.isFalse();
		});
	}

	@Test
	void backsOffWhenTheFeatureIsSwitchedOff() {
		this.contextRunner.withPropertyValues("steadypod.metrics.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(InFlightSignalCheck.class);
			assertThat(context.getEnvironment().containsProperty("management.metrics.enable.http.server.requests"))
				.isFalse();
		});
	}

	@Test
	void backsOffWhenSteadypodIsDisabled() {
		this.contextRunner.withPropertyValues("steadypod.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(InFlightSignalCheck.class);
			assertThat(context).doesNotHaveBean(SteadypodMetricsProperties.class);
			assertThat(context.getEnvironment().containsProperty("management.endpoints.web.exposure.include"))
				.isFalse();
		});
	}

}
