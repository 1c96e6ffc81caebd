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
import java.util.List;
import java.util.Map;

import com.marcnuri.helm.LintResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@code helm lint --strict} on every mode, and values.schema.json turning bad values
 * into clear errors.
 */
class SteadypodChartValuesTests {

	@Test
	void lintStrictIsCleanOnDefaultsAndOnEveryMode(@TempDir Path workDir) {
		List<Map<String, Object>> modes = List.of(Map.of(), Map.of("configReload.mode", "api"),
				Map.of("autoscaling.enabled", true),
				Map.of("autoscaling.enabled", true, "autoscaling.cpu.enabled", true),
				Map.of("metrics.serviceMonitor.enabled", true), Map.of("rolloutOnConfigChange", true),
				Map.of("replicaCount", 1), Map.of("configReload.onRestartRequired", "rolling-restart"),
				Map.of("networkPolicy.enabled", true), SteadypodAlertRulesTests.ALERT_VALUES,
				Map.of("configReload.mode", "api", "configReload.secrets", List.of("orders-db")),
				Map.of("serviceAccount.create", true, "serviceAccount.annotations",
						Map.of("eks.amazonaws.com/role-arn", "arn:aws:iam::1:role/x"), "priorityClassName", "high",
						"deploymentAnnotations", Map.of("owner", "team"), "envFrom",
						List.of(Map.of("secretRef", Map.of("name", "env"))), "extraVolumes",
						List.of(Map.of("name", "creds", "secret", Map.of("secretName", "db"))), "extraVolumeMounts",
						List.of(Map.of("name", "creds", "mountPath", "/etc/steadypod/secrets", "readOnly", true)),
						"config.imports", List.of("optional:configtree:/etc/steadypod/secrets/")));
		int i = 0;
		for (Map<String, Object> mode : modes) {
			LintResult result = SteadypodChart.lintStrict(mode, workDir.resolve("mode-" + i++));
			assertThat(result.isFailed()).as("lint --strict with %s: %s", mode, result.getMessages()).isFalse();
			assertThat(result.getMessages()).as("lint --strict with %s", mode)
				.noneMatch((message) -> message.contains("[WARNING]") || message.contains("[ERROR]"));
		}
	}

	@Test
	void lintStrictFailsOnValuesTheSchemaRejects(@TempDir Path workDir) {
		LintResult result = SteadypodChart.lintStrict(Map.of("configReload.mode", "watch"), workDir);
		assertThat(result.isFailed()).isTrue();
		assertThat(String.join("\n", result.getMessages())).contains("configReload/mode");
	}

	@Test
	void unknownReloadModeIsRejectedNamingTheAllowedModes() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("configReload.mode", "watch")))
			.withMessageContaining("values don't meet the specifications of the schema")
			.withMessageContaining("/configReload/mode")
			.withMessageContaining("'volume'")
			.withMessageContaining("'api'");
	}

	@Test
	void shutdownOnRestartRequiredIsNotOfferedBecauseEveryReplicaWouldShutDownAtOnce() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("configReload.onRestartRequired", "shutdown")))
			.withMessageContaining("/configReload/onRestartRequired")
			.withMessageContaining("'log'")
			.withMessageContaining("'rolling-restart'");
	}

	@Test
	void negativeReplicaCountIsRejected() {
		assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.template(Map.of("replicaCount", -1)))
			.withMessageContaining("/replicaCount")
			.withMessageContaining("minimum");
	}

	@Test
	void wrongTypesAreRejectedNamingTheValueAndTheExpectedType() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("probes.liveness.timeoutSeconds", "soon")))
			.withMessageContaining("/probes/liveness/timeoutSeconds")
			.withMessageContaining("got string, want integer");
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("autoscaling.enabled", "yes please")))
			.withMessageContaining("/autoscaling/enabled")
			.withMessageContaining("want boolean");
		assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.template(Map.of("ports.management", 70000)))
			.withMessageContaining("/ports/management")
			.withMessageContaining("maximum");
	}

	@Test
	void extensionPointItemsMustBeObjectsWithTheFieldsKubernetesRequires(@TempDir Path workDir) {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.templateWithValues("extraVolumes: [secret-volume]", workDir))
			.withMessageContaining("/extraVolumes/0")
			.withMessageContaining("want object");
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.templateWithValues("extraVolumeMounts: [{name: creds}]", workDir))
			.withMessageContaining("/extraVolumeMounts/0")
			.withMessageContaining("mountPath");
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.templateWithValues("config: {imports: [\"/etc/secrets\"]}", workDir))
			.withMessageContaining("/config/imports/0")
			.withMessageContaining("configtree");
		assertThatIllegalStateException()
			.isThrownBy(
					() -> SteadypodChart.templateWithValues("networkPolicy: {enabled: true, managment: {}}", workDir))
			.withMessageContaining("/networkPolicy")
			.withMessageContaining("managment");
	}

	@Test
	void misspelledValuesAreRejectedInsteadOfSilentlyIgnored() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("probes.startup.expectedSecond", 20)))
			.withMessageContaining("/probes/startup")
			.withMessageContaining("expectedSecond");
	}

}
