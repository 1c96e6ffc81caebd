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

package dev.steadypod.reload.kubernetes;

import java.time.Duration;

import dev.steadypod.reload.ConfigReloadAutoConfiguration;
import dev.steadypod.reload.ReloadProperties;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.kubernetes.commons.config.reload.ConfigurationUpdateStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesConfigReloadAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(ConfigReloadAutoConfiguration.class,
				KubernetesConfigReloadAutoConfiguration.class))
		.withUserConfiguration(ClientConfiguration.class)
		.withPropertyValues("spring.main.cloud-platform=kubernetes", "spring.cloud.kubernetes.reload.enabled=true");

	@Test
	void providesTheUpdateStrategyThatRoutesChangesThroughThePipeline() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(KubernetesConfigReloader.class)
				.hasSingleBean(KubernetesPermissions.class);
			assertThat(context.getBean(ConfigurationUpdateStrategy.class).name())
				.isEqualTo("steadypod-validated-apply");
			assertThat(context.getBean(KubernetesPermissions.class).namespaces()).containsExactly("steadypod-test");
			ReloadProperties properties = context.getBean(ReloadProperties.class);
			assertThat(properties.isFailOnMissingPermissions()).isTrue();
			assertThat(properties.getKubernetes().getResyncInterval()).isEqualTo(Duration.ofSeconds(30));
		});
	}

	@Test
	void bindsTheOverriddenProperties() {
		this.contextRunner
			.withPropertyValues("steadypod.reload.fail-on-missing-permissions=false",
					"steadypod.reload.kubernetes.resync-interval=5s")
			.run((context) -> {
				ReloadProperties properties = context.getBean(ReloadProperties.class);
				assertThat(properties.isFailOnMissingPermissions()).isFalse();
				assertThat(properties.getKubernetes().getResyncInterval()).isEqualTo(Duration.ofSeconds(5));
			});
	}

	@Test
	void backsOffWhenSpringCloudKubernetesReloadIsOff() {
		this.contextRunner.withPropertyValues("spring.cloud.kubernetes.reload.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KubernetesConfigReloader.class)
				.doesNotHaveBean(ConfigurationUpdateStrategy.class));
	}

	@Test
	void backsOffOutsideKubernetes() {
		this.contextRunner.withPropertyValues("spring.main.cloud-platform=none")
			.run((context) -> assertThat(context).doesNotHaveBean(KubernetesConfigReloader.class));
	}

	@Test
	void backsOffWhenSpringCloudKubernetesIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(ConfigurationUpdateStrategy.class))
			.run((context) -> assertThat(context).doesNotHaveBean(KubernetesConfigReloader.class));
	}

	@Test
	void backsOffFromAUserDefinedUpdateStrategy() {
		this.contextRunner.withUserConfiguration(UserStrategyConfiguration.class).run((context) -> {
			assertThat(context.getBean(ConfigurationUpdateStrategy.class).name()).isEqualTo("mine");
		});
	}

	@Test
	void isSwitchedOffByItsOwnSwitch() {
		this.contextRunner.withPropertyValues("steadypod.reload.kubernetes.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KubernetesConfigReloader.class)
				.doesNotHaveBean(ConfigurationUpdateStrategy.class));
	}

	@Test
	void isSwitchedOffWithTheReloadFeature() {
		this.contextRunner.withPropertyValues("steadypod.reload.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KubernetesConfigReloader.class));
	}

	@Test
	void isSwitchedOffWithSteadypod() {
		this.contextRunner.withPropertyValues("steadypod.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(KubernetesConfigReloader.class));
	}

	@Configuration(proxyBeanMethods = false)
	static class ClientConfiguration {

		// Port 1 refuses connections: the permission probe sees no 403 and the route
		// starts.
		@Bean(destroyMethod = "close")
		KubernetesClient kubernetesClient() {
			return new KubernetesClientBuilder()
				.withConfig(new ConfigBuilder().withMasterUrl("http://127.0.0.1:1")
					.withNamespace("steadypod-test")
					.withRequestRetryBackoffLimit(0)
					.build())
				.build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserStrategyConfiguration {

		@Bean
		ConfigurationUpdateStrategy myStrategy() {
			return new ConfigurationUpdateStrategy("mine", () -> {
			});
		}

	}

}
