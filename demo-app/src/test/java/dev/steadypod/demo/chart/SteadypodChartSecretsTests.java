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

package dev.steadypod.demo.chart;

import java.nio.file.Path;
import java.util.Map;

import dev.steadypod.reload.ReloadProperties;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Secrets read through the Kubernetes API ({@code configReload.secrets}, api mode):
 * spring-cloud-kubernetes' secrets source reads exactly the named Secrets, and the RBAC
 * grants access to those names only, never to every Secret of the namespace.
 */
class SteadypodChartSecretsTests {

	/** {@code --set} syntax for list items. */
	private static final Map<String, Object> API_SECRETS = Map.of("configReload.mode", "api", "configReload.secrets[0]",
			"orders-db", "configReload.secrets[1]", "orders-api-keys");

	@Test
	void noSecretAccessUnlessSecretsAreNamed() {
		RenderedChart api = SteadypodChart.template(Map.of("configReload.mode", "api"));
		assertThat(api.all(Role.class)).flatExtracting(Role::getRules)
			.flatExtracting(PolicyRule::getResources)
			.doesNotContain("secrets");
		assertThat(api.container().getEnv()).noneMatch((env) -> env.getName().contains("SECRETS"));
	}

	@Test
	void namedSecretsGetTheirOwnRoleLimitedToThoseNames() {
		RenderedChart chart = SteadypodChart.template(API_SECRETS);
		Role secrets = role(chart, SteadypodChart.FULLNAME + "-secrets");
		assertThat(secrets.getRules()).singleElement().satisfies((rule) -> {
			assertThat(rule.getApiGroups()).containsExactly("");
			assertThat(rule.getResources()).containsExactly("secrets");
			assertThat(rule.getResourceNames()).containsExactly("orders-db", "orders-api-keys");
			assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
		});
		assertThat(role(chart, SteadypodChart.FULLNAME).getRules()).flatExtracting(PolicyRule::getResources)
			.containsExactly("configmaps");
		RoleBinding binding = chart.all(RoleBinding.class)
			.stream()
			.filter((candidate) -> candidate.getRoleRef().getName().equals(secrets.getMetadata().getName()))
			.findFirst()
			.orElseThrow();
		assertThat(binding.getSubjects()).singleElement()
			.satisfies((subject) -> assertThat(subject.getName()).isEqualTo(SteadypodChart.FULLNAME));
	}

	@Test
	void theSecretsSourceReadsEachNamedSecretByNameInTheReleaseNamespace() {
		Container container = SteadypodChart.template(API_SECRETS).container();
		assertThat(SteadypodChartRenderingTests.env(container, "SPRING_CLOUD_KUBERNETES_SECRETS_ENABLED"))
			.isEqualTo("true");
		// BATCH (the default) lists every Secret of the namespace, which resourceNames
		// cannot allow; SINGLE gets each by name.
		assertThat(SteadypodChartRenderingTests.env(container, "SPRING_CLOUD_KUBERNETES_SECRETS_READ_TYPE"))
			.isEqualTo("SINGLE");
		assertThat(SteadypodChartRenderingTests.env(container,
				"SPRING_CLOUD_KUBERNETES_SECRETS_INCLUDE_PROFILE_SPECIFIC_SOURCES"))
			.isEqualTo("false");
		assertThat(SteadypodChartRenderingTests.env(container, "SPRING_CLOUD_KUBERNETES_SECRETS_SOURCES_0_NAME"))
			.isEqualTo("orders-db");
		assertThat(SteadypodChartRenderingTests.env(container, "SPRING_CLOUD_KUBERNETES_SECRETS_SOURCES_1_NAME"))
			.isEqualTo("orders-api-keys");
		assertThat(SteadypodChartRenderingTests.envVar(container, "SPRING_CLOUD_KUBERNETES_SECRETS_SOURCES_1_NAMESPACE")
			.getValueFrom()
			.getFieldRef()
			.getFieldPath()).isEqualTo("metadata.namespace");
	}

	@Test
	void namedSecretsInVolumeModeAreRefusedWithTheWayToMountThem() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("configReload.secrets[0]", "orders-db")))
			.withMessageContaining("configReload.secrets")
			.withMessageContaining("configReload.mode=api")
			.withMessageContaining("extraVolumes");
	}

	@Test
	void aSecretNameThatIsNoKubernetesNameIsRejectedByTheSchema() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart
				.template(Map.of("configReload.mode", "api", "configReload.secrets[0]", "Orders_DB")))
			.withMessageContaining("/configReload/secrets/0");
	}

	@Test
	void aSecretVolumeAmongTheImportsIsReportedToTheAppAsASecretLocation(@TempDir Path workDir) {
		RenderedChart chart = SteadypodChart.templateWithValues("""
				config:
				  imports:
				    - optional:configtree:/etc/steadypod/secrets/
				    - optional:configtree:/etc/steadypod/tokens/api/
				    - optional:configtree:/etc/steadypod/flags/
				extraVolumes:
				  - name: db
				    secret:
				      secretName: orders-db
				  - name: tokens
				    projected:
				      sources:
				        - secret:
				            name: orders-api-token
				  - name: flags
				    configMap:
				      name: orders-flags
				extraVolumeMounts:
				  - name: db
				    mountPath: /etc/steadypod/secrets
				  - name: tokens
				    mountPath: /etc/steadypod/tokens
				  - name: flags
				    mountPath: /etc/steadypod/flags
				""", workDir);
		// The ConfigMap volume is not a Secret; the projected one with a Secret source
		// is.
		assertThat(SteadypodChartRenderingTests.env(chart.container(), "STEADYPOD_RELOAD_SECRETLOCATIONS"))
			.isEqualTo("/etc/steadypod/secrets,/etc/steadypod/tokens/api");
	}

	@Test
	void theSecretLocationsBindToTheStartersProperty(@TempDir Path workDir) {
		RenderedChart chart = SteadypodChart.templateWithValues("""
				config:
				  imports:
				    - optional:configtree:/etc/steadypod/secrets/
				extraVolumes:
				  - name: db
				    secret:
				      secretName: orders-db
				extraVolumeMounts:
				  - name: db
				    mountPath: /etc/steadypod/secrets
				""", workDir);
		ReloadProperties properties = chart.reloadProperties();
		assertThat(properties.getSecretLocations()).containsExactly("/etc/steadypod/secrets");
	}

	@Test
	void noSecretLocationsWithoutASecretVolumeAmongTheImports() {
		assertThat(SteadypodChart.template().container().getEnv())
			.noneMatch((env) -> env.getName().equals("STEADYPOD_RELOAD_SECRETLOCATIONS"));
	}

	private static Role role(RenderedChart chart, String name) {
		return chart.all(Role.class)
			.stream()
			.filter((role) -> role.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No Role " + name));
	}

}
