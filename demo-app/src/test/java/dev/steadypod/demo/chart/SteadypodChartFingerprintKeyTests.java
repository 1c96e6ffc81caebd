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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * One fingerprint key per release ({@code STEADYPOD_RELOAD_FINGERPRINTKEY}), so that pods
 * with the same configuration show the same fingerprint and the
 * {@code SteadypodConfigHashesDiverge} alert fires only for real differences: a Secret
 * the chart generates once, or the user's own.
 */
class SteadypodChartFingerprintKeyTests {

	private static final String GENERATED = SteadypodChart.FULLNAME + "-fingerprint";

	@Test
	void theChartGeneratesARandomKeyInItsOwnSecret() {
		RenderedChart chart = SteadypodChart.template();
		Secret secret = secret(chart, GENERATED);
		assertThat(secret.getType()).isEqualTo("Opaque");
		assertThat(secret.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance",
				SteadypodChart.RELEASE);
		String key = decode(secret.getData().get("fingerprint-key"));
		// 48 random letters and digits: about 285 bits.
		assertThat(key).hasSize(48).matches("[A-Za-z0-9]+");
		assertThat(decode(secret(SteadypodChart.template(), GENERATED).getData().get("fingerprint-key")))
			.as("a new key without a cluster to look the installed one up in")
			.isNotEqualTo(key);
	}

	@Test
	void everyModeInjectsTheKeyFromTheSecretNeverAsALiteral() {
		for (Map<String, Object> mode : List.<Map<String, Object>>of(Map.of(), Map.of("configReload.mode", "api"),
				Map.of("configReload.onRestartRequired", "rolling-restart"))) {
			EnvVar variable = SteadypodChartRenderingTests.envVar(SteadypodChart.template(mode).container(),
					"STEADYPOD_RELOAD_FINGERPRINTKEY");
			assertThat(variable.getValue()).as("literal value with %s", mode).isNull();
			SecretKeySelector reference = variable.getValueFrom().getSecretKeyRef();
			assertThat(reference.getName()).isEqualTo(GENERATED);
			assertThat(reference.getKey()).isEqualTo("fingerprint-key");
		}
	}

	@Test
	void anExistingSecretReplacesTheGeneratedOne() {
		RenderedChart chart = SteadypodChart.template(Map.of("configReload.fingerprintKey.existingSecret",
				"orders-fingerprint", "configReload.fingerprintKey.existingSecretKey", "hmac"));
		assertThat(chart.all(Secret.class)).isEmpty();
		SecretKeySelector reference = SteadypodChartRenderingTests
			.envVar(chart.container(), "STEADYPOD_RELOAD_FINGERPRINTKEY")
			.getValueFrom()
			.getSecretKeyRef();
		assertThat(reference.getName()).isEqualTo("orders-fingerprint");
		assertThat(reference.getKey()).isEqualTo("hmac");
	}

	@Test
	void anExistingSecretThatIsNoKubernetesNameIsRejectedByTheSchema() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart
				.template(Map.of("configReload.fingerprintKey.existingSecret", "Orders_Fingerprint")))
			.withMessageContaining("/configReload/fingerprintKey/existingSecret");
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("configReload.fingerprintKey.existingSecret",
					"orders-fingerprint", "configReload.fingerprintKey.existingSecretKey", "")))
			.withMessageContaining("/configReload/fingerprintKey/existingSecretKey");
	}

	@Test
	void lintStrictIsCleanWithTheGeneratedAndAnExistingSecret(@TempDir Path workDir) {
		int i = 0;
		for (Map<String, Object> values : List.<Map<String, Object>>of(Map.of(),
				Map.of("configReload.fingerprintKey.existingSecret", "orders-fingerprint"))) {
			LintResult result = SteadypodChart.lintStrict(values, workDir.resolve("values-" + i++));
			assertThat(result.isFailed()).as("lint --strict with %s: %s", values, result.getMessages()).isFalse();
			assertThat(result.getMessages()).noneMatch((message) -> message.contains("[WARNING]"));
		}
	}

	@Test
	@Timeout(value = 3, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void helmUpgradeKeepsTheInstalledKeyAndAnotherReleaseGetsItsOwn() {
		try (MockKubernetesCluster cluster = new MockKubernetesCluster(); KubernetesClient client = cluster.client()) {
			String kubeconfig = cluster.kubeconfig(SteadypodChart.NAMESPACE);
			Release installed = SteadypodChart.install(SteadypodChart.RELEASE, kubeconfig, Map.of());
			assertThat(installed.getStatus()).as("%s", cluster.requests()).isEqualTo("deployed");
			String key = installedKey(client, GENERATED);
			assertThat(key).hasSize(48);

			// Changed values, so that the upgrade changes the release. Rendered as an
			// upgrade, the chart looks the installed Secret up; were it to draw a new
			// key, Helm would patch the Secret with it.
			Release upgraded = SteadypodChart.upgrade(SteadypodChart.RELEASE, kubeconfig, Map.of("replicaCount", "3"));
			assertThat(upgraded.getRevision()).as("%s", cluster.requests()).isEqualTo("2");
			assertThat(client.apps()
				.deployments()
				.inNamespace(SteadypodChart.NAMESPACE)
				.withName(SteadypodChart.FULLNAME)
				.get()
				.getSpec()
				.getReplicas()).as("the upgrade was applied").isEqualTo(3);
			assertThat(installedKey(client, GENERATED)).as("the key after helm upgrade").isEqualTo(key);

			Release other = SteadypodChart.install("orders", kubeconfig, Map.of());
			assertThat(other.getStatus()).isEqualTo("deployed");
			String otherKey = installedKey(client, "orders-steadypod-fingerprint");
			assertThat(otherKey).hasSize(48).isNotEqualTo(key);
			assertThat(installedKey(client, GENERATED)).isEqualTo(key);
		}
	}

	private static String installedKey(KubernetesClient client, String name) {
		Secret secret = client.secrets().inNamespace(SteadypodChart.NAMESPACE).withName(name).get();
		assertThat(secret).as("Secret %s", name).isNotNull();
		return decode(secret.getData().get("fingerprint-key"));
	}

	static Secret secret(RenderedChart chart, String name) {
		return chart.all(Secret.class)
			.stream()
			.filter((secret) -> secret.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No Secret " + name));
	}

	static String decode(String base64) {
		return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
	}

}
