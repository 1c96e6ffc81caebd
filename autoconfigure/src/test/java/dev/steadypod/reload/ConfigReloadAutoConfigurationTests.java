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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.steadypod.warmup.WarmupTask;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ConfigReloadAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RefreshAutoConfiguration.class,
				ConfigurationPropertiesRebinderAutoConfiguration.class, ConfigReloadAutoConfiguration.class));

	@Test
	void providesPipelineWatcherEndpointAndMetricsByDefault() {
		this.contextRunner.withPropertyValues("management.endpoints.web.exposure.include=configreload")
			.run((context) -> {
				assertThat(context).hasSingleBean(ConfigReloadPipeline.class);
				assertThat(context).hasSingleBean(ConfigFileWatcher.class);
				assertThat(context).hasSingleBean(RequestGate.class);
				assertThat(context).hasSingleBean(ConfigReloadEndpoint.class);
				assertThat(context).hasSingleBean(ConfigReloadMetrics.class);
				ReloadProperties properties = context.getBean(ReloadProperties.class);
				assertThat(properties.getDebounce()).isEqualTo(Duration.ofMillis(200));
				assertThat(properties.getPollInterval()).isEqualTo(Duration.ofSeconds(5));
				assertThat(properties.getRestartRequiredPrefixes()).containsExactly("server.", "management.server.",
						"spring.datasource.", "spring.application.name");
				assertThat(properties.getOnRestartRequired()).isEqualTo(ReloadProperties.OnRestartRequired.LOG);
			});
	}

	@Test
	void rehearsesTheReloadPathAtStartUpUnlessSwitchedOff() {
		this.contextRunner.run((context) -> assertThat(context).getBean("configReloadRehearsal")
			.isInstanceOf(WarmupTask.class)
			.isInstanceOf(ReloadRehearsalTask.class));
		this.contextRunner.withPropertyValues("steadypod.reload.rehearse-at-startup=false")
			.run((context) -> assertThat(context).doesNotHaveBean("configReloadRehearsal"));
	}

	@Test
	void propertiesCanBeOverridden() {
		this.contextRunner
			.withPropertyValues("steadypod.reload.debounce=50ms", "steadypod.reload.poll-interval=30s",
					"steadypod.reload.paths=/etc/extra/", "steadypod.reload.on-restart-required=shutdown",
					"steadypod.reload.restart-required-prefixes=server.", "steadypod.reload.max-file-size=2MB")
			.run((context) -> {
				ReloadProperties properties = context.getBean(ReloadProperties.class);
				assertThat(properties.getDebounce()).isEqualTo(Duration.ofMillis(50));
				assertThat(properties.getPollInterval()).isEqualTo(Duration.ofSeconds(30));
				assertThat(properties.getPaths()).containsExactly("/etc/extra/");
				assertThat(properties.getOnRestartRequired()).isEqualTo(ReloadProperties.OnRestartRequired.SHUTDOWN);
				assertThat(properties.getRestartRequiredPrefixes()).containsExactly("server.");
				assertThat(properties.getMaxFileSize().toMegabytes()).isEqualTo(2);
				assertThat(context.getBean(ConfigFileWatcher.class).watchedPaths())
					.anySatisfy((path) -> assertThat(path.path()).isEqualTo("/etc/extra"));
			});
	}

	@Test
	void secretLocationsGetTheirOwnWatcherWithSourceSecret(@TempDir Path directory) throws IOException {
		Path config = Files.createDirectories(directory.resolve("config"));
		Path secrets = Files.createDirectories(directory.resolve("secrets"));
		this.contextRunner
			.withPropertyValues(
					"spring.config.import=optional:file:" + config + "/,optional:configtree:" + secrets + "/",
					"steadypod.reload.secret-locations=" + secrets)
			.run((context) -> {
				assertThat(context).getBeans(ConfigFileWatcher.class)
					.containsOnlyKeys("configFileWatcher", "steadypodSecretFileWatcher");
				assertThat(context.getBean("configFileWatcher", ConfigFileWatcher.class).watchedPaths())
					.extracting(WatchedLocationStatus::path)
					.containsExactly(config.toString());
				assertThat(context.getBean("steadypodSecretFileWatcher", ConfigFileWatcher.class).watchedPaths())
					.extracting(WatchedLocationStatus::path)
					.containsExactly(secrets.toString());
				assertThat(context).hasSingleBean(SecretValuesSanitizer.class);
			});
	}

	@Test
	void noSecretWatcherWithoutSecretLocations() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("steadypodSecretFileWatcher"));
	}

	@Test
	void aSecretLocationNothingImportsIsWarnedAbout(@TempDir Path directory, CapturedOutput output) {
		this.contextRunner.withPropertyValues("steadypod.reload.secret-locations=" + directory.resolve("secrets"))
			.run((context) -> assertThat(output).contains("steadypod.reload.secret-locations names "
					+ directory.resolve("secrets") + ", which no watched location is at or under"));
	}

	@Test
	void aSecretLocationThatIsNoPathFailsStartUpNamingIt() {
		this.contextRunner.withPropertyValues("steadypod.reload.secret-locations=classpath:secrets/")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("steadypod.reload.secret-locations")
				.hasMessageContaining("classpath:secrets/"));
	}

	@Test
	void endpointOnlyWhenExposed() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(ConfigReloadEndpoint.class));
	}

	@Test
	void servletAppsGetTheRequestGateFilter() {
		new WebApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(RefreshAutoConfiguration.class, ConfigReloadAutoConfiguration.class))
			.run((context) -> assertThat(context).hasBean("steadypodRequestGateFilter"));
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean("steadypodRequestGateFilter"));
	}

	@Test
	void backsOffWithoutSpringCloudContext() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(RefreshScope.class))
			.run((context) -> assertThat(context).doesNotHaveBean(ConfigReloadPipeline.class));
	}

	@Test
	void userDefinedPipelineReplacesTheDefault() {
		this.contextRunner.withUserConfiguration(CustomPipelineConfiguration.class)
			.run((context) -> assertThat(context).getBeans(ConfigReloadPipeline.class)
				.containsOnlyKeys("customPipeline"));
	}

	@Test
	void switchedOffByItsOwnFlag() {
		this.contextRunner.withPropertyValues("steadypod.reload.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(ConfigReloadPipeline.class);
			assertThat(context).doesNotHaveBean(ConfigFileWatcher.class);
		});
	}

	@Test
	void switchedOffWithSteadypod() {
		this.contextRunner.withPropertyValues("steadypod.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConfigReloadPipeline.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class CustomPipelineConfiguration {

		@Bean
		ConfigReloadPipeline customPipeline(ConfigurableApplicationContext context) {
			return new ConfigReloadPipeline(context, new ReloadProperties(), new RequestGate());
		}

	}

}
