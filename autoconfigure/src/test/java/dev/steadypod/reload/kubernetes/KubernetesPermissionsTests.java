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

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.steadypod.testsupport.MockKubernetesApi;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.steadypod.reload.kubernetes.KubernetesReloadApp.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A service account without the RBAC rule: the API server answers 403, and Steadypod
 * turns it into one actionable message.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesPermissionsTests {

	@RegisterExtension
	final MockKubernetesApi api = KubernetesReloadApp.startApiWithAppConfigMap();

	@Test
	void missingListAndWatchPermissionFailsStartUpWithTheVerbsTheNamespaceAndTheFix(CapturedOutput output) {
		this.api.forbidConfigMaps("list", "watch", "get");
		assertThatThrownBy(() -> KubernetesReloadApp.start(this.api))
			.hasRootCauseInstanceOf(MissingKubernetesPermissionsException.class)
			.rootCause()
			.hasMessageContaining("may not list, watch configmaps in namespace \"test\" (HTTP 403)")
			.hasMessageContaining("kind: Role")
			.hasMessageContaining("verbs: [\"get\", \"list\", \"watch\"]")
			.hasMessageContaining("kind: RoleBinding")
			.hasMessageContaining("spring.config.import=optional:configtree:/etc/config/")
			.hasMessageContaining("steadypod.reload.fail-on-missing-permissions=false");
		// Spring Boot's failure report carries the message instead of a stack trace
		// ending in a bare 403.
		assertThat(output).contains("APPLICATION FAILED TO START").contains("Fix it in one of two ways");
	}

	@Test
	void missingWatchPermissionAloneIsReported() {
		this.api.forbidConfigMaps("watch");
		assertThatThrownBy(() -> KubernetesReloadApp.start(this.api)).rootCause()
			.hasMessageContaining("may not watch configmaps in namespace \"test\"");
	}

	@Test
	void withFailOnMissingPermissionsFalseTheAppStartsWarnsAndShowsTheMissingPermission(CapturedOutput output) {
		this.api.forbidConfigMaps("list", "watch", "get");
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"steadypod.reload.fail-on-missing-permissions=false",
				"steadypod.reload.kubernetes.resync-interval=500ms")) {
			assertThat(app.greeting()).isEqualTo("default|1|none");
			assertThat(app.pipeline().statusLines().values()).singleElement()
				.satisfies((line) -> assertThat(line).contains("may not list, watch configmaps in namespace \"test\""));
			assertThat(output).contains("WARN").contains("Missing Kubernetes RBAC permission");
			// It is set already: no advice to set it.
			assertThat(output).doesNotContain("set steadypod.reload.fail-on-missing-permissions=false")
				.contains("Started anyway (steadypod.reload.fail-on-missing-permissions=false)");
			// Once an operator grants the permission, the resync picks the ConfigMap up.
			this.api.forbidConfigMaps();
			await().atMost(Duration.ofSeconds(10)).until(app::message, "one"::equals);
			assertThat(app.pipeline().statusLines()).isEmpty();
		}
	}

	@Test
	void aRoleWithoutTheNamedSecretFailsStartUpNamingTheSecretTheVerbsAndTheRoleLimitedToIt(CapturedOutput output) {
		this.api.putSecret(NAMESPACE, "app-secrets", Map.of("app.greeting.suffix", "first"));
		// A Role for another Secret only.
		this.api.grantSecrets(Set.of("other"), "get", "list", "watch");
		assertThatThrownBy(() -> startWithNamedSecret()).rootCause()
			.isInstanceOf(MissingKubernetesPermissionsException.class)
			.hasMessageContaining("may not get, list, watch secrets \"app-secrets\" in namespace \"test\" (HTTP 403)")
			.hasMessageNotContaining("configmaps in namespace")
			.hasMessageContaining("resources: [\"secrets\"]\n  resourceNames: [\"app-secrets\"]\n"
					+ "  verbs: [\"get\", \"list\", \"watch\"]")
			.hasMessageContaining("kind: RoleBinding");
		assertThat(output).contains("APPLICATION FAILED TO START");
	}

	@Test
	void missingWatchOnTheNamedSecretAloneIsReported() {
		this.api.putSecret(NAMESPACE, "app-secrets", Map.of("app.greeting.suffix", "first"));
		this.api.grantSecrets(Set.of("app-secrets"), "get", "list");
		assertThatThrownBy(() -> startWithNamedSecret()).rootCause()
			.hasMessageContaining("may not watch secrets \"app-secrets\" in namespace \"test\"");
	}

	@Test
	void theChartsRoleForNamedSecretsIsAllTheRouteNeeds() {
		this.api.putSecret(NAMESPACE, "app-secrets", Map.of("app.greeting.suffix", "first"));
		// As helm/steadypod/templates/rbac.yaml renders it for configReload.secrets.
		this.api.grantSecrets(Set.of("app-secrets"), "get", "list", "watch");
		try (KubernetesReloadApp app = startWithNamedSecret()) {
			assertThat(app.greeting()).isEqualTo("one|5|first");
			assertThat(app.pipeline().statusLines()).isEmpty();
		}
	}

	@Test
	void batchReadsOfSecretsNeedListOnEverySecretOfTheNamespace() {
		this.api.putSecret(NAMESPACE, "app-secrets", Map.of("app.greeting.suffix", "first"));
		this.api.grantSecrets(Set.of("app-secrets"), "get", "list", "watch");
		assertThatThrownBy(() -> KubernetesReloadApp.start(this.api, "spring.cloud.kubernetes.secrets.enabled=true",
				"spring.cloud.kubernetes.secrets.sources[0].name=app-secrets",
				"spring.cloud.kubernetes.secrets.read-type=BATCH"))
			.rootCause()
			.hasMessageContaining("may not list secrets in namespace \"test\"")
			.hasMessageContaining("resources: [\"secrets\"]\n  verbs: [\"get\", \"list\", \"watch\"]")
			.hasMessageContaining("read-type=SINGLE");
	}

	@Test
	void withSecretMonitoringOnSecretsSelectedByLabelsNeedWatchOnEverySecretOfTheNamespace(CapturedOutput output) {
		this.api.putSecret(NAMESPACE, "app-secrets", Map.of("app.greeting.suffix", "first"));
		// spring-cloud-kubernetes' own Secret watcher runs for these: it lists and
		// watches every Secret of the namespace.
		this.api.grantSecrets(Set.of(), "get", "list");
		assertThatThrownBy(() -> KubernetesReloadApp.start(this.api, "spring.cloud.kubernetes.secrets.enabled=true",
				"spring.cloud.kubernetes.secrets.sources[0].labels.app=shop",
				"spring.cloud.kubernetes.reload.monitoring-secrets=true"))
			.rootCause()
			.isInstanceOf(MissingKubernetesPermissionsException.class)
			.hasMessageContaining("may not watch secrets in namespace \"test\"")
			.hasMessageContaining("resources: [\"secrets\"]\n  verbs: [\"get\", \"list\", \"watch\"]");
		assertThat(output).contains("APPLICATION FAILED TO START");
		// The Role the message gives is enough.
		this.api.grantSecrets(Set.of(), "get", "list", "watch");
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"spring.cloud.kubernetes.secrets.enabled=true",
				"spring.cloud.kubernetes.secrets.sources[0].labels.app=shop",
				"spring.cloud.kubernetes.reload.monitoring-secrets=true")) {
			assertThat(app.pipeline().statusLines()).isEmpty();
		}
	}

	@Test
	void withFailOnMissingPermissionsFalseAMissingSecretPermissionIsAStatusLineUntilGranted() {
		this.api.putSecret(NAMESPACE, "app-secrets", Map.of("app.greeting.suffix", "first"));
		this.api.grantSecrets(Set.of(), "list", "watch");
		try (KubernetesReloadApp app = startWithNamedSecret("steadypod.reload.fail-on-missing-permissions=false",
				"steadypod.reload.kubernetes.resync-interval=500ms")) {
			assertThat(app.pipeline().statusLines().values()).singleElement()
				.satisfies(
						(line) -> assertThat(line).contains("may not get secrets \"app-secrets\" in namespace \"test\"")
							.contains("Secret changes are not seen"));
			this.api.grantSecrets(null);
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "one|5|first"::equals);
			assertThat(app.pipeline().statusLines()).isEmpty();
		}
	}

	private KubernetesReloadApp startWithNamedSecret(String... extraProperties) {
		List<String> properties = new ArrayList<>(List.of("spring.cloud.kubernetes.secrets.enabled=true",
				"spring.cloud.kubernetes.secrets.sources[0].name=app-secrets",
				"spring.cloud.kubernetes.secrets.read-type=SINGLE",
				"spring.cloud.kubernetes.secrets.include-profile-specific-sources=false"));
		properties.addAll(List.of(extraProperties));
		return KubernetesReloadApp.start(this.api, properties.toArray(String[]::new));
	}

	@Test
	void serviceAccountIsReadFromTheTokenSubject() {
		String payload = Base64.getUrlEncoder()
			.withoutPadding()
			.encodeToString("{\"iss\":\"kubernetes\",\"sub\":\"system:serviceaccount:shop:orders\"}"
				.getBytes(StandardCharsets.UTF_8));
		assertThat(KubernetesPermissions.subjectOf("eyJhbGciOiJSUzI1NiJ9." + payload + ".c2ln"))
			.isEqualTo("shop:orders");
		assertThat(KubernetesPermissions.subjectOf("not-a-jwt")).isNull();
	}

	@Test
	void serviceAccountFallsBackToTheDownwardApiVariable() {
		try (KubernetesClient client = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder().withMasterUrl(this.api.url()).withAutoConfigure(false).build())
			.build()) {
			KubernetesPermissions permissions = new KubernetesPermissions(client, Set.of("shop"), SecretReads.NONE,
					Map.of("STEADYPOD_SERVICE_ACCOUNT", "orders")::get);
			assertThat(permissions.serviceAccount()).isEqualTo("shop:orders");
			assertThat(
					new KubernetesPermissions(client, Set.of("shop"), SecretReads.NONE, Map.<String, String>of()::get)
						.serviceAccount())
				.isNull();
		}
	}

	@Test
	void messageNamesTheServiceAccountInTheRoleBinding() {
		KubernetesPermissions.Report report = new KubernetesPermissions.Report("shop:orders",
				List.of(new KubernetesPermissions.Missing("configmaps", "shop", List.of("watch"), List.of())));
		assertThat(report.message()).contains("service account \"shop:orders\" may not watch configmaps")
			.contains("- kind: ServiceAccount\n  name: orders\n  namespace: shop");
	}

}
