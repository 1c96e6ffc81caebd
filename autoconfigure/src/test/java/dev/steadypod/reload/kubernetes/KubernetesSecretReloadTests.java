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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.steadypod.reload.ReloadOutcome;
import dev.steadypod.reload.ReloadResult;
import dev.steadypod.testsupport.MockKubernetesApi;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.steadypod.reload.kubernetes.KubernetesReloadApp.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Secrets read through the Kubernetes API (spring-cloud-kubernetes' secrets source, by
 * name, as the chart's {@code configReload.secrets} sets it up) against fabric8's mock
 * API server in CRUD mode: a changed Secret goes through the same validation as a
 * ConfigMap, reported as {@code source=kubernetes-secret}; an invalid one is rejected and
 * loses nothing; and a recognisable secret value never leaves the process through logs,
 * the endpoints, the metrics, Kubernetes Events or rejection reasons.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesSecretReloadTests {

	private static final String SECRET_VALUE = "s3cr3t-VALUE-4242";

	private static final String SECRET = "app-secrets";

	@RegisterExtension
	final MockKubernetesApi api = MockKubernetesApi.start();

	@BeforeEach
	void putConfigMapAndSecret() {
		// No limit in the ConfigMap: where both set a key, the ConfigMap wins, and the
		// Secret's invalid limit below would change nothing.
		this.api.putConfigMap(NAMESPACE, "app", KubernetesConfigReloadTests.yaml("message: one"));
		this.api.putSecret(NAMESPACE, SECRET, Map.of("app.greeting.suffix", "first"));
	}

	@Test
	void aSecretChangeIsValidatedAndAppliedWithSourceKubernetesSecret() {
		try (KubernetesReloadApp app = start()) {
			assertThat(app.greeting()).isEqualTo("one|1|first");
			this.api.putSecret(NAMESPACE, SECRET, Map.of("app.greeting.suffix", "second"));
			// The resync runs hourly: the Secret's own watch reports the change.
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "one|1|second"::equals);
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes-secret", "applied") == 1);
			assertThat(app.reloads("kubernetes", "applied")).isZero();
			ReloadOutcome outcome = app.pipeline().recentOutcomes().get(0);
			assertThat(outcome.source()).isEqualTo("kubernetes-secret");
			assertThat(outcome.result()).isEqualTo(ReloadResult.APPLIED);
			assertThat(outcome.changedKeys()).containsExactly("app.greeting.suffix");
			assertThat(app.events()).singleElement()
				.satisfies((event) -> assertThat(event.getReloadSource()).isEqualTo("kubernetes-secret"));
			assertThat(app.pipeline().activeHashes()).containsKeys("kubernetes", "kubernetes-secret");
		}
	}

	@Test
	void aConfigMapChangeNextToTheSecretIsStillReportedAsKubernetes() {
		try (KubernetesReloadApp app = start()) {
			this.api.putConfigMap(NAMESPACE, "app", KubernetesConfigReloadTests.yaml("message: two"));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "two|1|first"::equals);
			// The outcome is counted just after requests see the change.
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "applied") == 1);
			assertThat(app.reloads("kubernetes-secret", "applied")).isZero();
		}
	}

	@Test
	void anInvalidSecretChangeIsRejectedAndLosesNothing() {
		try (KubernetesReloadApp app = start()) {
			this.api.putSecret(NAMESPACE, SECRET,
					Map.of("app.greeting.suffix", "second", "app.greeting.limit", SECRET_VALUE));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes-secret", "rejected") == 1);
			assertThat(app.greeting()).isEqualTo("one|1|first");
			ReloadOutcome rejected = app.pipeline().recentOutcomes().get(0);
			assertThat(rejected.source()).isEqualTo("kubernetes-secret");
			assertThat(rejected.reason()).contains("app.greeting.limit").doesNotContain(SECRET_VALUE);
			this.api.putSecret(NAMESPACE, SECRET, Map.of("app.greeting.suffix", "third"));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "one|1|third"::equals);
		}
	}

	@Test
	void aDeletedSecretKeepsItsLastGoodContentWithAStatusLineAndNoValueInTheOutput(CapturedOutput output) {
		try (KubernetesReloadApp app = start()) {
			this.api.putSecret(NAMESPACE, SECRET, Map.of("app.greeting.suffix", SECRET_VALUE));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, ("one|1|" + SECRET_VALUE)::equals);
			this.api.deleteSecret(NAMESPACE, SECRET);
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes-secret", "rejected") == 1);
			// The last good value, not the default (the suffix defaults to "none").
			assertThat(app.greeting()).isEqualTo("one|1|" + SECRET_VALUE);
			assertThat(app.reloads("kubernetes-secret", "applied")).isEqualTo(1);
			ReloadOutcome outcome = app.pipeline().recentOutcomes().get(0);
			assertThat(outcome.source()).isEqualTo("kubernetes-secret");
			assertThat(outcome.result()).isEqualTo(ReloadResult.REJECTED);
			assertThat(outcome.reason()).contains("secret test/app-secrets was deleted")
				.contains("keeping its last good configuration");
			assertThat(app.pipeline().statusLines().values()).anySatisfy(
					(line) -> assertThat(line).contains("secret test/app-secrets was deleted").contains("last good"));
			String endpoint = app.get("/actuator/configreload");
			assertThat(endpoint).contains("secret test/app-secrets was deleted")
				.contains("\"source\":\"kubernetes-secret\",\"result\":\"rejected\"")
				.doesNotContain(SECRET_VALUE);
			assertThat(output).contains("WARN").contains("secret test/app-secrets was deleted");
			assertThat(output.getAll()).as("logs").doesNotContain(SECRET_VALUE);
			assertThat(app.get("/actuator/prometheus")).as("/actuator/prometheus").doesNotContain(SECRET_VALUE);
			// Created again: applied, and the status line goes.
			this.api.putSecret(NAMESPACE, SECRET, Map.of("app.greeting.suffix", "back"));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "one|1|back"::equals);
			await().atMost(Duration.ofSeconds(10)).until(() -> app.pipeline().statusLines().isEmpty());
		}
	}

	@Test
	void aSecretDeletedUnderARoleLimitedToItsNameIsReportedAsDeletedNotAsUnreadable() {
		// The chart's Role for API Secrets: get, list and watch on the named Secret only.
		this.api.grantSecrets(Set.of(SECRET), "get", "list", "watch");
		try (KubernetesReloadApp app = start()) {
			this.api.putSecret(NAMESPACE, SECRET, Map.of("app.greeting.suffix", SECRET_VALUE));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, ("one|1|" + SECRET_VALUE)::equals);
			this.api.deleteSecret(NAMESPACE, SECRET);
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes-secret", "rejected") == 1);
			assertThat(app.greeting()).isEqualTo("one|1|" + SECRET_VALUE);
			assertThat(app.pipeline().recentOutcomes().get(0).reason()).contains("secret test/app-secrets was deleted");
		}
		finally {
			this.api.grantSecrets(null);
		}
	}

	@Test
	void withSecretMonitoringOnOnlyTheNamedSecretIsWatchedSoTheChartsRoleIsEnough() {
		// The chart's Role for API Secrets: get, list and watch on the named Secret only.
		this.api.grantSecrets(Set.of(SECRET), "get", "list", "watch");
		try (KubernetesReloadApp app = start("spring.cloud.kubernetes.reload.monitoring-secrets=true")) {
			assertThat(app.greeting()).isEqualTo("one|1|first");
			this.api.clearRequests();
			this.api.putSecret(NAMESPACE, SECRET, Map.of("app.greeting.suffix", "second"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes-secret", "applied") == 1);
			assertThat(app.greeting()).isEqualTo("one|1|second");
			// spring-cloud-kubernetes' own Secret watcher would list and watch every
			// Secret of the namespace, which the Role refuses.
			assertThat(this.api.requests()).filteredOn((request) -> request.contains("/secrets"))
				.isNotEmpty()
				.allSatisfy((request) -> assertThat(request).satisfiesAnyOf(
						(named) -> assertThat(named).contains("/secrets/" + SECRET),
						(selected) -> assertThat(selected).contains("fieldSelector=metadata.name%3D" + SECRET)));
		}
		finally {
			this.api.grantSecrets(null);
		}
	}

	@Test
	void theSecretValueNeverLeavesTheProcess(CapturedOutput output) {
		try (KubernetesReloadApp app = start()) {
			// Applied where it binds as text, rejected where it must be a number.
			this.api.putSecret(NAMESPACE, SECRET, Map.of("app.greeting.suffix", SECRET_VALUE));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, ("one|1|" + SECRET_VALUE)::equals);
			this.api.putSecret(NAMESPACE, SECRET,
					Map.of("app.greeting.suffix", SECRET_VALUE, "app.greeting.limit", SECRET_VALUE + "-0"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes-secret", "rejected") == 1);

			assertThat(output.getAll()).as("logs").doesNotContain(SECRET_VALUE);
			assertThat(app.get("/actuator/configreload")).as("/actuator/configreload")
				.contains("kubernetes-secret")
				.doesNotContain(SECRET_VALUE);
			assertThat(app.get("/actuator/prometheus")).as("/actuator/prometheus")
				.contains("source=\"kubernetes-secret\"")
				.doesNotContain(SECRET_VALUE);
			// Shown values (show-values=always) are masked for the Secret's properties.
			assertThat(app.get("/actuator/env")).as("/actuator/env")
				.contains("app.greeting.suffix")
				.doesNotContain(SECRET_VALUE);
			assertThat(app.get("/actuator/configprops")).as("/actuator/configprops").doesNotContain(SECRET_VALUE);
			assertThat(app.pipeline().recentOutcomes()).as("outcomes")
				.allSatisfy((outcome) -> assertThat(outcome.toString()).doesNotContain(SECRET_VALUE));
			assertThat(app.events()).as("reload events")
				.allSatisfy((event) -> assertThat(List.of(event.getChangedKeys(), event.getHash(), event.getUpdated()))
					.asString()
					.doesNotContain(SECRET_VALUE));
			// The starter emits no Kubernetes Events; none in the API may carry the
			// value.
			List<Event> events = this.api.client().v1().events().inAnyNamespace().list().getItems();
			assertThat(events).as("Kubernetes Events")
				.allSatisfy((event) -> assertThat(new KubernetesSerialization().asJson(event))
					.doesNotContain(SECRET_VALUE));
		}
	}

	private KubernetesReloadApp start(String... extra) {
		List<String> properties = new ArrayList<>(List.of("spring.cloud.kubernetes.secrets.enabled=true",
				"spring.cloud.kubernetes.secrets.sources[0].name=" + SECRET,
				"spring.cloud.kubernetes.secrets.read-type=SINGLE",
				"spring.cloud.kubernetes.secrets.include-profile-specific-sources=false",
				"steadypod.reload.kubernetes.resync-interval=1h", "management.endpoint.env.show-values=always",
				"management.endpoint.configprops.show-values=always"));
		properties.addAll(List.of(extra));
		return KubernetesReloadApp.start(this.api, properties.toArray(String[]::new));
	}

}
