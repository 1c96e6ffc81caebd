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
import java.util.Map;

import dev.steadypod.reload.ReloadOutcome;
import dev.steadypod.reload.ReloadResult;
import dev.steadypod.testsupport.MockKubernetesApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.steadypod.reload.kubernetes.KubernetesReloadApp.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kubernetes API route against fabric8's mock API server in CRUD mode:
 * spring-cloud-kubernetes detects the change, Steadypod validates and applies it.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesConfigReloadTests {

	@RegisterExtension
	final MockKubernetesApi api = KubernetesReloadApp.startApiWithAppConfigMap();

	@Test
	void configMapUpdateIsValidatedAndAppliedWithSourceKubernetes() {
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api)) {
			assertThat(app.greeting()).isEqualTo("one|5|none");
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: two\n  limit: 6"));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "two|6|none"::equals);
			// The outcome is counted just after requests see the change.
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "applied") == 1);
			assertThat(app.events()).singleElement().satisfies((event) -> {
				assertThat(event.getReloadSource()).isEqualTo("kubernetes");
				assertThat(event.getChangedKeys()).containsExactlyInAnyOrder("app.greeting.message",
						"app.greeting.limit");
			});
			ReloadOutcome outcome = app.pipeline().recentOutcomes().get(0);
			assertThat(outcome.source()).isEqualTo("kubernetes");
			assertThat(outcome.result()).isEqualTo(ReloadResult.APPLIED);
		}
	}

	@Test
	void bootsOwnKeysAndPlaceholdersAreValidatedAndAppliedLikeTheApplicationsOwn() {
		String logger = "com.example.orders";
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api)) {
			LoggingSystem logging = app.context().getBean(LoggingSystem.class);
			this.api.putConfigMap(NAMESPACE, "app",
					Map.of("application.yaml", "logging.level." + logger + ": debug\nserver.port: 9999\n"
							+ "app:\n host: orders\n greeting:\n  message: ${app.host}-greets\n  limit: 5\n"));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "orders-greets|5|none"::equals);
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "applied") == 1);
			assertThat(logging.getLoggerConfiguration(logger).getEffectiveLevel()).isEqualTo(LogLevel.DEBUG);
			ReloadOutcome applied = app.pipeline().recentOutcomes().get(0);
			assertThat(applied.restartRequired()).containsExactly("server.port");
			// A placeholder that resolves to a blank message is rejected with the whole
			// change: the level change next to it does not go live either.
			this.api.putConfigMap(NAMESPACE, "app",
					Map.of("application.yaml", "logging.level." + logger + ": error\nserver.port: 9999\n"
							+ "app:\n host: ' '\n greeting:\n  message: ${app.host}\n  limit: 5\n"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(app.pipeline().recentOutcomes().get(0).reason()).contains("app.greeting.message");
			assertThat(app.greeting()).isEqualTo("orders-greets|5|none");
			assertThat(logging.getLoggerConfiguration(logger).getEffectiveLevel()).isEqualTo(LogLevel.DEBUG);
		}
	}

	@Test
	void invalidUpdatesAreRejectedAndTheOldValueIsStillServed(CapturedOutput output) {
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api)) {
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: two\n  limit: lots-and-lots"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: ''\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 2);
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: three\n  limit: 5000"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 3);
			assertThat(app.greeting()).isEqualTo("one|5|none");
			assertThat(app.reloads("kubernetes", "applied")).isZero();
			assertThat(output).contains("Rejected configuration change from kubernetes").contains("app.greeting.limit");
			assertThat(output).doesNotContain("lots-and-lots");
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: four\n  limit: 7"));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "four|7|none"::equals);
		}
	}

	@Test
	void rejectedContentIsReportedOnceNotAtEveryResync() {
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"steadypod.reload.kubernetes.resync-interval=200ms")) {
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: ''\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(3))
				.until(() -> app.reloads("kubernetes", "rejected") == 1);
			// Back to the active content, then the same bad content again: reported
			// again.
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: one\n  limit: 5"));
			await().during(Duration.ofMillis(600))
				.atMost(Duration.ofSeconds(3))
				.until(() -> app.reloads("kubernetes", "rejected") == 1);
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: ''\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 2);
			assertThat(app.greeting()).isEqualTo("one|5|none");
		}
	}

	@Test
	void deletedConfigMapKeepsTheLastGoodConfigurationWithAWarningAndAStatusLine(CapturedOutput output) {
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api)) {
			this.api.deleteConfigMap(NAMESPACE, "app");
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(app.greeting()).isEqualTo("one|5|none");
			assertThat(app.pipeline().statusLines().values()).anySatisfy(
					(line) -> assertThat(line).contains("configmap test/app was deleted").contains("last good"));
			assertThat(output).contains("WARN").contains("configmap test/app was deleted");
			assertThat(app.get("/actuator/configreload")).contains("configmap test/app was deleted")
				.contains("\"source\":\"kubernetes\",\"result\":\"rejected\"");
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: back\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::message, "back"::equals);
			assertThat(app.pipeline().statusLines()).isEmpty();
		}
	}

	@Test
	void pollingModeChangesGoThroughThePipelineToo() {
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"spring.cloud.kubernetes.reload.mode=polling", "spring.cloud.kubernetes.reload.period=300ms",
				"steadypod.reload.kubernetes.resync-interval=1h")) {
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: polled\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::message, "polled"::equals);
			// The outcome is recorded after the beans were rebound.
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "applied") == 1);
		}
	}

	@Test
	void resyncAppliesAChangeTheWatcherNeverReported() {
		// Polling with a period far beyond the test: only Steadypod's resync can see this
		// change.
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"spring.cloud.kubernetes.reload.mode=polling", "spring.cloud.kubernetes.reload.period=1h",
				"steadypod.reload.kubernetes.resync-interval=500ms")) {
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: resynced\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::message, "resynced"::equals);
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "applied") == 1);
		}
	}

	@Test
	void configReloadEndpointWriteOperationChecksTheApiNow() {
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"spring.cloud.kubernetes.reload.mode=polling", "spring.cloud.kubernetes.reload.period=1h",
				"steadypod.reload.kubernetes.resync-interval=1h",
				"management.endpoint.configreload.access=unrestricted")) {
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: checked\n  limit: 5"));
			assertThat(app.post("/actuator/configreload")).contains("\"source\":\"kubernetes\",\"result\":\"applied\"");
			assertThat(app.message()).isEqualTo("checked");
			assertThat(app.post("/actuator/configreload")).isEqualTo("{\"outcomes\":[]}");
		}
	}

	@Test
	void outcomeHistoryStaysSmallWhenChangesTouchThousandsOfKeys() {
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api)) {
			for (int round = 1; round <= 3; round++) {
				StringBuilder yaml = new StringBuilder(
						"app:\n greeting:\n  message: round" + round + "\n  limit: 5\n" + "extra:\n");
				for (int i = 0; i < 3000; i++) {
					yaml.append("  setting-number-").append(i).append(": value").append(round).append('\n');
				}
				this.api.putConfigMap(NAMESPACE, "app", Map.of("application.yaml", yaml.toString()));
				String expected = "round" + round;
				await().atMost(Duration.ofSeconds(20)).until(app::message, expected::equals);
			}
			String endpoint = app.get("/actuator/configreload");
			assertThat(endpoint).contains("\"result\":\"applied\"").contains("more");
			assertThat(endpoint.length()).isLessThan(100_000);
		}
	}

	static Map<String, String> yaml(String greeting) {
		return Map.of("application.yaml", "app:\n greeting:\n  " + greeting.replace("\n  ", "\n  ") + "\n");
	}

}
