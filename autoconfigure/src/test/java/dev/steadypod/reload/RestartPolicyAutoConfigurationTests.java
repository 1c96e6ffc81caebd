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

import java.util.List;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;

import dev.steadypod.reload.ReloadProperties.OnRestartRequired;
import dev.steadypod.reload.RestartRequest.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code steadypod.reload.on-restart-required} and
 * {@code steadypod.reload.rolling-restart.*} as the auto-configuration wires them.
 */
class RestartPolicyAutoConfigurationTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RefreshAutoConfiguration.class,
				ConfigurationPropertiesRebinderAutoConfiguration.class, ConfigReloadAutoConfiguration.class));

	@Test
	void logIsTheDefaultAndRestartsNothing() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasSingleBean(RestartPolicy.class);
			assertThat(context.getBean(ReloadProperties.class).getRollingRestart().getDeployment()).isNull();
			RestartRequest request = context.getBean(RestartPolicy.class)
				.restartRequired("file", List.of("server.port"), "abc");
			assertThat(request.status()).isEqualTo(Status.NOT_TRIGGERED);
			assertThat(request.action()).isEqualTo(OnRestartRequired.LOG);
			assertThat(context.getBean(ConfigReloadPipeline.class).statusLines().values())
				.containsExactly(request.summary());
		});
	}

	@Test
	void rollingRestartBindsItsDeploymentAndNamespace() {
		this.contextRunner
			.withPropertyValues("steadypod.reload.on-restart-required=rolling-restart",
					"steadypod.reload.rolling-restart.deployment=shop-steadypod",
					"steadypod.reload.rolling-restart.namespace=shop")
			.run((context) -> {
				ReloadProperties properties = context.getBean(ReloadProperties.class);
				assertThat(properties.getOnRestartRequired()).isEqualTo(OnRestartRequired.ROLLING_RESTART);
				assertThat(properties.getRollingRestart().getDeployment()).isEqualTo("shop-steadypod");
				assertThat(properties.getRollingRestart().getNamespace()).isEqualTo("shop");
			});
	}

	@Test
	void rollingRestartOffKubernetesStartsShowsWhyNothingWillRestartAndCountsTheRequest() {
		this.contextRunner
			.withPropertyValues("steadypod.reload.on-restart-required=rolling-restart",
					"steadypod.reload.rolling-restart.deployment=shop-steadypod")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				ConfigReloadPipeline pipeline = context.getBean(ConfigReloadPipeline.class);
				assertThat(pipeline.statusLines().values()).singleElement()
					.asString()
					.contains("rolling-restart cannot restart this application", "not running on Kubernetes");
				SimpleMeterRegistry registry = new SimpleMeterRegistry();
				context.getBean(RestartRequestMetrics.class).bindTo(registry);

				RestartRequest request = context.getBean(RestartPolicy.class)
					.restartRequired("file", List.of("server.port"), "abc");

				assertThat(request.status()).isEqualTo(Status.ROLLOUT_FAILED);
				assertThat(pipeline.statusLines().values()).contains(request.summary());
				assertThat(registry.get("steadypod.config.restart.requests")
					.tags("action", "rolling-restart", "status", "rollout-failed")
					.counter()
					.count()).isEqualTo(1);
			});
	}

	@Test
	void rollingRestartOnKubernetesWithoutAServiceAccountTokenShowsWhy() {
		this.contextRunner
			.withPropertyValues("steadypod.reload.on-restart-required=rolling-restart",
					"steadypod.reload.rolling-restart.deployment=shop-steadypod", "KUBERNETES_SERVICE_HOST=10.96.0.1",
					"KUBERNETES_SERVICE_PORT=443")
			.run((context) -> assertThat(context.getBean(ConfigReloadPipeline.class).statusLines().values())
				.singleElement()
				.asString()
				.contains("no service-account token"));
	}

	@Test
	void shutdownIsRefusedOnKubernetesWhereEveryReplicaWouldShutDownAtOnce() {
		this.contextRunner
			.withPropertyValues("steadypod.reload.on-restart-required=shutdown",
					"spring.main.cloud-platform=kubernetes")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure()).rootCause().isInstanceOf(SimultaneousRestartException.class);
				SimultaneousRestartException cause = (SimultaneousRestartException) rootCause(
						context.getStartupFailure());
				FailureAnalysis analysis = new SimultaneousRestartFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).isEqualTo(cause.getMessage()).contains("at once");
				assertThat(analysis.getAction()).contains("on-restart-required=rolling-restart", "maxUnavailable",
						"kubectl rollout restart");
			});
	}

	@Test
	void shutdownOffKubernetesShutsTheSingleInstanceDown() {
		this.contextRunner.withPropertyValues("steadypod.reload.on-restart-required=shutdown").run((context) -> {
			RestartRequest request = context.getBean(RestartPolicy.class)
				.restartRequired("file", List.of("server.port"), "abc");
			assertThat(request.status()).isEqualTo(Status.SHUTTING_DOWN);
			await().untilAsserted(() -> assertThat(context.getSourceApplicationContext().isActive()).isFalse());
		});
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

}
