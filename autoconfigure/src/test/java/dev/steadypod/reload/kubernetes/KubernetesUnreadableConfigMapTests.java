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
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.steadypod.reload.kubernetes.KubernetesConfigReloadTests.yaml;
import static dev.steadypod.reload.kubernetes.KubernetesReloadApp.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A ConfigMap that exists but cannot be read completely (malformed YAML, a skipped or
 * renamed key, a source spring-cloud-kubernetes drops, too large) never reverts the
 * application to its defaults: Steadypod rejects it, keeps the last good configuration,
 * says why without quoting the content, and applies the next good update.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesUnreadableConfigMapTests {

	private static final Log logger = LogFactory.getLog(KubernetesUnreadableConfigMapTests.class);

	private static final String SECRET = "api-S3CRET";

	private static final Duration RESYNC = Duration.ofMillis(400);

	@RegisterExtension
	final MockKubernetesApi api = KubernetesReloadApp.startApiWithAppConfigMap();

	@Test
	void malformedYamlLeftForThreeResyncsChangesNothingServedAndLeaksNoSecretThenTheNextGoodUpdateApplies(
			CapturedOutput output) {
		try (KubernetesReloadApp app = start()) {
			this.api.putConfigMap(NAMESPACE, "app",
					Map.of("application.yaml", "app:\n greeting:\n  message: two\n  password: \"" + SECRET + "\n"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			// Three resync periods and more: nothing served changes, nothing is recorded
			// again.
			await().during(RESYNC.multipliedBy(4))
				.atMost(RESYNC.multipliedBy(10))
				.until(() -> app.greeting().equals("one|5|none") && app.reloads("kubernetes", "rejected") == 1
						&& app.reloads("kubernetes", "applied") == 0);
			ReloadOutcome outcome = app.pipeline().recentOutcomes().get(0);
			assertThat(outcome.result()).isEqualTo(ReloadResult.REJECTED);
			assertThat(outcome.reason()).contains("ConfigMap test/app, key application.yaml: not valid YAML at line")
				.doesNotContain(SECRET);
			assertThat(app.pipeline().statusLines().values())
				.anySatisfy((line) -> assertThat(line).contains("key application.yaml: not valid YAML"));
			assertThat(app.get("/actuator/configreload")).doesNotContain(SECRET);
			long sent = this.api.updateConfigMap(NAMESPACE, "app", yaml("message: fixed\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::message, "fixed"::equals);
			long millis = (System.nanoTime() - sent) / 1_000_000;
			logger.info("Next good update after a malformed ConfigMap served in " + millis + " ms");
			assertThat(app.pipeline().statusLines()).isEmpty();
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "applied") == 1);
		}
		assertThat(output).contains("Rejected configuration change from kubernetes").doesNotContain(SECRET);
	}

	@Test
	void malformedUpdateIsRejectedAtTheUpdateNotAtTheNextResync() {
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"steadypod.reload.kubernetes.resync-interval=1h")) {
			this.api.putConfigMap(NAMESPACE, "app",
					Map.of("application.yaml", "app:\n greeting:\n  message: [unclosed\n"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(app.greeting()).isEqualTo("one|5|none");
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: fixed\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::message, "fixed"::equals);
		}
	}

	@Test
	void multiKeyConfigMapWhoseApplicationYamlIsSkippedIsRejected() {
		try (KubernetesReloadApp app = start()) {
			this.api.putConfigMap(NAMESPACE, "app",
					Map.of("application.yaml", "app:\n greeting:\n  message: two\n  limit: 6\n", "feature.flag", "on"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(app.pipeline().recentOutcomes().get(0).reason())
				.contains("ConfigMap test/app, key application.yaml: skipped by spring-cloud-kubernetes")
				.contains("app.yaml");
			await().during(RESYNC.multipliedBy(3))
				.atMost(RESYNC.multipliedBy(10))
				.until(() -> app.greeting().equals("one|5|none"));
			// The fix the message suggests: the key named after the application.
			this.api.putConfigMap(NAMESPACE, "app",
					Map.of("app.yaml", "app:\n greeting:\n  message: two\n  limit: 6\n", "feature.flag", "on"));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "two|6|none"::equals);
		}
	}

	@Test
	void renamedKeyThatWouldBeReadAsOnePlainPropertyIsRejected() {
		try (KubernetesReloadApp app = start()) {
			this.api.putConfigMap(NAMESPACE, "app",
					Map.of("application.yaml.old", "app:\n greeting:\n  message: two\n  limit: 6\n"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(app.pipeline().recentOutcomes().get(0).reason())
				.contains("key application.yaml is gone and the new key application.yaml.old holds several lines");
			await().during(RESYNC.multipliedBy(3))
				.atMost(RESYNC.multipliedBy(10))
				.until(() -> app.greeting().equals("one|5|none"));
		}
	}

	@Test
	void sourceThatDisappearsFromTheReadWhileTheConfigMapExistsIsRejected() {
		try (KubernetesReloadApp app = start()) {
			// Valid YAML that spring-cloud-kubernetes fails on (a malformed profile
			// expression): it drops the source from its read.
			this.api.putConfigMap(NAMESPACE, "app", Map.of("application.yaml",
					"app:\n greeting:\n  message: two\n---\nspring.config.activate.on-profile: \"dev & | prod\"\n"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(app.pipeline().recentOutcomes().get(0).reason())
				.contains("configmap test/app exists but spring-cloud-kubernetes read no properties from it");
			await().during(RESYNC.multipliedBy(3))
				.atMost(RESYNC.multipliedBy(10))
				.until(() -> app.greeting().equals("one|5|none"));
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: three\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::message, "three"::equals);
		}
	}

	@Test
	void configMapLargerThanMaxFileSizeIsRejected() {
		try (KubernetesReloadApp app = start("steadypod.reload.max-file-size=2KB")) {
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: " + "x".repeat(4096) + "\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(app.pipeline().recentOutcomes().get(0).reason())
				.contains("more than steadypod.reload.max-file-size (2048 bytes)");
			assertThat(app.message()).isEqualTo("one");
		}
	}

	@Test
	void configMapMissingAtStartUpIsWarnedAboutAndShownUntilItAppears(CapturedOutput output) {
		this.api.deleteConfigMap(NAMESPACE, "app");
		try (KubernetesReloadApp app = start()) {
			assertThat(app.greeting()).isEqualTo("default|1|none");
			assertThat(output).contains("WARN")
				.contains("ConfigMap test/app (spring.config.import=kubernetes:) does not exist");
			assertThat(app.pipeline().statusLines().values())
				.anySatisfy((line) -> assertThat(line).contains("ConfigMap test/app").contains("does not exist"));
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: created\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::message, "created"::equals);
			await().atMost(Duration.ofSeconds(5)).until(() -> app.pipeline().statusLines().isEmpty());
		}
	}

	@Test
	void permissionRevokedAtRuntimeShowsAnRbacStatusLineAndKeepsTheConfiguration(CapturedOutput output) {
		try (KubernetesReloadApp app = start()) {
			this.api.forbidConfigMaps("list", "watch", "get");
			await().atMost(Duration.ofSeconds(10))
				.until(() -> app.pipeline()
					.statusLines()
					.values()
					.stream()
					.anyMatch((line) -> line.contains("Missing Kubernetes RBAC permission")
							&& line.contains("may not list, watch configmaps in namespace \"test\"")
							&& line.contains("revoked at runtime")));
			assertThat(app.pipeline().statusLines().values()).noneMatch((line) -> line.contains("was deleted"));
			assertThat(app.greeting()).isEqualTo("one|5|none");
			assertThat(output).contains("revoked at runtime");
			this.api.forbidConfigMaps();
			await().atMost(Duration.ofSeconds(10)).until(() -> app.pipeline().statusLines().isEmpty());
			assertThat(app.greeting()).isEqualTo("one|5|none");
		}
	}

	@Test
	void invalidValueOfBootsOwnKeyIsRejected() {
		try (KubernetesReloadApp app = start()) {
			this.api.putConfigMap(NAMESPACE, "app", Map.of("application.yaml",
					"app:\n greeting:\n  message: one\n  limit: 5\n" + "logging:\n level:\n  dev.steadypod: LOUD\n"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(app.reloads("kubernetes", "applied")).isZero();
		}
	}

	private KubernetesReloadApp start(String... extra) {
		String[] properties = new String[extra.length + 1];
		properties[0] = "steadypod.reload.kubernetes.resync-interval=" + RESYNC.toMillis() + "ms";
		System.arraycopy(extra, 0, properties, 1, extra.length);
		return KubernetesReloadApp.start(this.api, properties);
	}

}
