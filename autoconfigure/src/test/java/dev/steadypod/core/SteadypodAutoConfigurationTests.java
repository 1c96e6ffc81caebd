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

import java.util.Map;

import dev.steadypod.liveness.LivenessAutoConfiguration;
import dev.steadypod.warmup.WarmupAutoConfiguration;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class SteadypodAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(SteadypodAutoConfiguration.class));

	@Test
	void registersPropertiesAndInfoContributorByDefault() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(SteadypodProperties.class);
			assertThat(context).hasSingleBean(SteadypodInfoContributor.class);
			assertThat(context.getBean(SteadypodProperties.class).isEnabled()).isTrue();
		});
	}

	@Test
	void infoContributorReportsAFeatureOnOnlyWhenItsAutoConfigurationRan() {
		// Liveness is switched on by its property but cannot run here (no health
		// library): it must read as off.
		this.contextRunner.withConfiguration(AutoConfigurations.of(WarmupAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(LivenessAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.withPropertyValues("steadypod.liveness.enabled=true")
			.run((context) -> assertThat(features(context))
				.isEqualTo(Map.of("reload", false, "warmup", true, "liveness", false, "metrics", false)));
	}

	@Test
	void infoContributorReportsASwitchedOffFeatureAsOff() {
		this.contextRunner.withConfiguration(AutoConfigurations.of(WarmupAutoConfiguration.class))
			.withPropertyValues("steadypod.warmup.enabled=false")
			.run((context) -> assertThat(features(context)).containsEntry("warmup", false));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> features(ApplicationContext context) {
		Info.Builder builder = new Info.Builder();
		context.getBean(SteadypodInfoContributor.class).contribute(builder);
		Map<String, Object> steadypod = (Map<String, Object>) builder.build().getDetails().get("steadypod");
		assertThat(steadypod).containsKey("version");
		return (Map<String, Object>) steadypod.get("features");
	}

	@Test
	void backsOffWhenSteadypodIsDisabled() {
		this.contextRunner.withPropertyValues("steadypod.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(SteadypodProperties.class);
			assertThat(context).doesNotHaveBean(SteadypodInfoContributor.class);
		});
	}

	@Test
	void userDefinedInfoContributorReplacesTheDefault() {
		this.contextRunner
			.withBean("steadypodInfoContributor", SteadypodInfoContributor.class,
					() -> new SteadypodInfoContributor(new DefaultListableBeanFactory()))
			.run((context) -> assertThat(context).hasSingleBean(SteadypodInfoContributor.class));
	}

}
