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

import java.util.List;
import java.util.Map;

import org.apache.catalina.startup.Tomcat;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.DefaultResourceLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The defaults as a real {@link SpringApplication} applies them: found through
 * {@code META-INF/spring.factories}, after the application's own configuration was
 * loaded.
 */
class InFlightSignalDefaultsTests {

	@Test
	void springApplicationRegistersTheDefaultsWithTheLowestPrecedence() {
		try (ConfigurableApplicationContext context = run(new SpringApplication(Empty.class))) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getProperty("management.endpoints.web.exposure.include"))
				.isEqualTo("health,prometheus");
			List<String> names = environment.getPropertySources().stream().map(PropertySource::getName).toList();
			assertThat(names.subList(names.indexOf(InFlightSignalDefaults.PROPERTY_SOURCE_NAME), names.size()))
				.as("only Steadypod's defaults (and Boot's application info) come after the application's sources")
				.allMatch((name) -> name.startsWith("steadypod") || name.equals("applicationInfo"));
		}
	}

	@Test
	void defaultPropertiesAndArgumentsOfTheApplicationWin() {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setDefaultProperties(Map.of("management.endpoints.web.exposure.include", "health"));
		try (ConfigurableApplicationContext context = run(application,
				"--management.metrics.enable.http.server.requests=false")) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getProperty("management.endpoints.web.exposure.include")).isEqualTo("health");
			assertThat(environment.getProperty("management.metrics.enable.http.server.requests")).isEqualTo("false");
			assertThat(environment.getProperty("management.observations.enable.http.server.requests"))
				.isEqualTo("true");
		}
	}

	@Test
	void featureSwitchInTheArgumentsLeavesBootsDefaultsAlone() {
		try (ConfigurableApplicationContext context = run(new SpringApplication(Empty.class),
				"--steadypod.metrics.enabled=false")) {
			assertThat(context.getEnvironment().containsProperty("management.endpoints.web.exposure.include"))
				.isFalse();
			assertThat(context.getEnvironment().containsProperty(InFlightSignalDefaults.TOMCAT_MBEAN_REGISTRY))
				.isFalse();
		}
	}

	@Test
	void withTomcatOnTheClassPathItsMBeanRegistryIsTurnedOnForTheThreadPoolSeries() {
		try (ConfigurableApplicationContext context = run(new SpringApplication(Empty.class))) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.getProperty("server.tomcat.mbeanregistry.enabled")).isEqualTo("true");
			assertThat(environment.getPropertySources().get(InFlightSignalDefaults.PROPERTY_SOURCE_NAME))
				.as("Steadypod's defaults")
				.satisfies((source) -> assertThat(source.containsProperty("server.tomcat.mbeanregistry.enabled"))
					.isTrue());
		}
	}

	@Test
	void theApplicationsOwnMBeanRegistrySettingWins() {
		try (ConfigurableApplicationContext context = run(new SpringApplication(Empty.class),
				"--server.tomcat.mbeanregistry.enabled=false")) {
			assertThat(context.getEnvironment().getProperty("server.tomcat.mbeanregistry.enabled")).isEqualTo("false");
		}
		SpringApplication application = new SpringApplication(Empty.class);
		application.setDefaultProperties(Map.of("server.tomcat.mbeanregistry.enabled", "false"));
		try (ConfigurableApplicationContext context = run(application)) {
			assertThat(context.getEnvironment().getProperty("server.tomcat.mbeanregistry.enabled")).isEqualTo("false");
		}
	}

	@Test
	void withoutTomcatTheMBeanRegistryIsLeftAloneAndTheOtherDefaultsStay() {
		SpringApplication application = new SpringApplication(Empty.class);
		application.setResourceLoader(new DefaultResourceLoader(new FilteredClassLoader(Tomcat.class)));
		try (ConfigurableApplicationContext context = run(application)) {
			ConfigurableEnvironment environment = context.getEnvironment();
			assertThat(environment.containsProperty(InFlightSignalDefaults.TOMCAT_MBEAN_REGISTRY)).isFalse();
			assertThat(environment.getProperty("management.metrics.enable.http.server.requests")).isEqualTo("true");
		}
	}

	private static ConfigurableApplicationContext run(SpringApplication application, String... args) {
		application.setWebApplicationType(WebApplicationType.NONE);
		return application.run(args);
	}

	@Configuration(proxyBeanMethods = false)
	static class Empty {

	}

}
