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

import java.time.Duration;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class WarmupAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(WarmupAutoConfiguration.class));

	@Test
	void defaultsGiveAFiveMinuteBudgetAndNoHttpSelfWarmup() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(WarmupRunner.class)
				.hasSingleBean(StartupProgress.class)
				.hasSingleBean(StartupMetrics.class)
				.doesNotHaveBean(HttpSelfWarmupTask.class);
			WarmupProperties properties = context.getBean(WarmupProperties.class);
			assertThat(properties.getMaxDuration()).isEqualTo(Duration.ofMinutes(5));
			assertThat(properties.isFailOnError()).isFalse();
			assertThat(context.getBean(StartupProgress.class).phase()).isEqualTo(WarmupPhase.STARTING);
		});
	}

	@Test
	void overridesSetTheBudgetAndSwitchOnTheHttpSelfWarmup() {
		this.contextRunner
			.withPropertyValues("steadypod.warmup.max-duration=90s", "steadypod.warmup.fail-on-error=true",
					"steadypod.warmup.http.paths[0]=/greeting", "steadypod.warmup.http.requests=3")
			.run((context) -> {
				assertThat(context).hasSingleBean(HttpSelfWarmupTask.class);
				assertThat(context.getBean(StartupProgress.class).maxDuration()).isEqualTo(Duration.ofSeconds(90));
				WarmupProperties properties = context.getBean(WarmupProperties.class);
				assertThat(properties.isFailOnError()).isTrue();
				assertThat(properties.getHttp().getRequests()).isEqualTo(3);
			});
	}

	@Test
	void commaSeparatedHttpPathsAlsoSwitchOnTheSelfWarmup() {
		this.contextRunner.withPropertyValues("steadypod.warmup.http.paths=/a,/b")
			.run((context) -> assertThat(context).hasSingleBean(HttpSelfWarmupTask.class));
	}

	@Test
	void userStartupProgressReplacesTheDefault() {
		StartupProgress own = new StartupProgress(Duration.ofSeconds(1));
		this.contextRunner.withBean(StartupProgress.class, () -> own)
			.run((context) -> assertThat(context.getBean(StartupProgress.class)).isSameAs(own));
	}

	@Test
	void backsOffWhenWarmupIsSwitchedOff() {
		this.contextRunner.withPropertyValues("steadypod.warmup.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupRunner.class)
				.doesNotHaveBean(StartupProgress.class));
	}

	@Test
	void backsOffWhenSteadypodIsSwitchedOff() {
		this.contextRunner.withPropertyValues("steadypod.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(WarmupRunner.class)
				.doesNotHaveBean(WarmupProperties.class));
	}

}
