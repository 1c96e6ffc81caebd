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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.steadypod.testsupport.PrometheusAdapterRule;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HPAScalingRules;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.MetricSpec;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import dev.steadypod.reload.ReloadProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Renders the chart with real Helm for every mode and checks the objects that would reach
 * the cluster.
 */
class SteadypodChartRenderingTests {

	private static final String CONFIG_DIR = "/etc/steadypod/config";

	@Test
	void everyProbeHitsTheManagementPortOnTheHealthGroupPaths() {
		Container container = SteadypodChart.template().container();
		assertThat(container.getPorts()).anySatisfy((port) -> {
			assertThat(port.getName()).isEqualTo("management");
			assertThat(port.getContainerPort()).isEqualTo(8081);
		}).anySatisfy((port) -> {
			assertThat(port.getName()).isEqualTo("http");
			assertThat(port.getContainerPort()).isEqualTo(8080);
		});
		assertThat(env(container, "MANAGEMENT_SERVER_PORT")).isEqualTo("8081");
		assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
		assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
		assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
	}

	@Test
	void probesUseTheContractDefaultsWithoutInitialDelayGuesswork() {
		Container container = SteadypodChart.template().container();
		Map<String, Object> values = SteadypodChart.defaultValues();
		int expectedSeconds = ((Number) value(values, "probes.startup.expectedSeconds")).intValue();
		Probe startup = container.getStartupProbe();
		assertThat(startup.getPeriodSeconds()).isEqualTo(5);
		assertThat(startup.getFailureThreshold()).isEqualTo((int) Math.ceil(2.0 * expectedSeconds / 5));
		assertThat(container.getLivenessProbe().getPeriodSeconds()).isEqualTo(10);
		assertThat(container.getLivenessProbe().getTimeoutSeconds()).isEqualTo(3);
		assertThat(container.getLivenessProbe().getFailureThreshold()).isEqualTo(3);
		assertThat(container.getReadinessProbe().getPeriodSeconds()).isEqualTo(5);
		assertThat(container.getReadinessProbe().getTimeoutSeconds()).isEqualTo(3);
		assertThat(container.getReadinessProbe().getFailureThreshold()).isEqualTo(3);
		assertThat(List.of(startup, container.getLivenessProbe(), container.getReadinessProbe()))
			.allSatisfy((probe) -> assertThat(probe.getInitialDelaySeconds()).isNull());
	}

	@Test
	void startupBudgetIsAtLeastTwiceTheExpectedStartupTimeRoundedUpToWholePeriods(@TempDir Path workDir) {
		for (Object expected : List.of(30, 8.2, 12.6, 1, 61)) {
			for (int period : List.of(5, 3, 10)) {
				Probe startup = SteadypodChart
					.templateWithValues(
							"probes: {startup: {expectedSeconds: %s, periodSeconds: %d}}".formatted(expected, period),
							workDir)
					.container()
					.getStartupProbe();
				double expectedSeconds = ((Number) expected).doubleValue();
				int budget = startup.getFailureThreshold() * startup.getPeriodSeconds();
				assertThat(budget).as("budget for %ss in periods of %ss", expected, period)
					.isGreaterThanOrEqualTo((int) Math.ceil(2 * expectedSeconds))
					.isLessThan((int) Math.ceil(2 * expectedSeconds) + period);
			}
		}
	}

	@Test
	void configIsADirectoryMountOfTheConfigMapNeverASubPath() {
		RenderedChart chart = SteadypodChart.template();
		Container container = chart.container();
		assertThat(container.getVolumeMounts()).allSatisfy((mount) -> assertThat(mount.getSubPath()).isNull())
			.allSatisfy((mount) -> assertThat(mount.getSubPathExpr()).isNull());
		assertThat(container.getVolumeMounts()).filteredOn((mount) -> mount.getMountPath().equals(CONFIG_DIR))
			.singleElement()
			.satisfies((mount) -> {
				Volume volume = volume(chart, mount.getName());
				assertThat(volume.getConfigMap().getName()).isEqualTo(chart.configMap().getMetadata().getName());
				assertThat(volume.getConfigMap().getItems()).as("items would hide keys added later").isEmpty();
			});
		assertThat(env(container, "SPRING_CONFIG_IMPORT")).isEqualTo("optional:file:" + CONFIG_DIR + "/");
		assertThat(chart.configMap().getData()).containsOnlyKeys("application.yaml");
		Map<String, Object> applicationYaml = new Yaml().load(chart.configMap().getData().get("application.yaml"));
		assertThat(value(applicationYaml, "demo.greeting.message")).isEqualTo("Hello from the Steadypod ConfigMap");
	}

	@Test
	void volumeModeHasNoRbacAndMountsNoServiceAccountToken() {
		RenderedChart chart = SteadypodChart.template();
		PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getAutomountServiceAccountToken()).isFalse();
		assertThat(pod.getServiceAccountName()).isNull();
		assertThat(chart.all(Role.class)).isEmpty();
		assertThat(chart.all(RoleBinding.class)).isEmpty();
		assertThat(chart.all(ServiceAccount.class)).isEmpty();
		assertThat(chart.objects()).extracting(HasMetadata::getKind)
			.doesNotContain("ClusterRole", "ClusterRoleBinding");
		assertThat(chart.container().getEnv()).extracting(EnvVar::getName)
			.noneMatch((name) -> name.startsWith("SPRING_CLOUD_KUBERNETES"));
	}

	@Test
	void apiModeGrantsOnlyReadAndWatchOnConfigMapsInTheReleaseNamespace() {
		RenderedChart chart = SteadypodChart.template(Map.of("configReload.mode", "api"));
		ServiceAccount account = chart.get(ServiceAccount.class);
		Role role = chart.get(Role.class);
		assertThat(role.getRules()).singleElement().satisfies((PolicyRule rule) -> {
			assertThat(rule.getApiGroups()).containsExactly("");
			assertThat(rule.getResources()).containsExactly("configmaps");
			assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "list", "watch");
			assertThat(rule.getResourceNames()).isEmpty();
		});
		RoleBinding binding = chart.get(RoleBinding.class);
		assertThat(binding.getRoleRef().getKind()).isEqualTo("Role");
		assertThat(binding.getRoleRef().getName()).isEqualTo(role.getMetadata().getName());
		assertThat(binding.getSubjects()).singleElement().satisfies((subject) -> {
			assertThat(subject.getKind()).isEqualTo("ServiceAccount");
			assertThat(subject.getName()).isEqualTo(account.getMetadata().getName());
			assertThat(subject.getNamespace()).isEqualTo(SteadypodChart.NAMESPACE);
		});
		assertThat(chart.objects()).extracting(HasMetadata::getKind)
			.doesNotContain("ClusterRole", "ClusterRoleBinding");
		PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getServiceAccountName()).isEqualTo(account.getMetadata().getName());
		assertThat(pod.getAutomountServiceAccountToken()).isTrue();
		Container container = chart.container();
		assertThat(env(container, "SPRING_CONFIG_IMPORT")).isEqualTo("optional:file:" + CONFIG_DIR + "/,kubernetes:");
		assertThat(env(container, "SPRING_CLOUD_KUBERNETES_RELOAD_ENABLED")).isEqualTo("true");
		assertThat(env(container, "SPRING_CLOUD_KUBERNETES_CONFIG_SOURCES_0_NAME"))
			.isEqualTo(chart.configMap().getMetadata().getName());
		assertThat(envVar(container, "SPRING_CLOUD_KUBERNETES_CONFIG_SOURCES_0_NAMESPACE").getValueFrom()
			.getFieldRef()
			.getFieldPath()).isEqualTo("metadata.namespace");
		assertThat(container.getVolumeMounts()).allSatisfy((mount) -> assertThat(mount.getSubPath()).isNull());
	}

	@Test
	void rollingRestartGrantsOnlyGetAndPatchOnItsOwnDeployment() {
		RenderedChart chart = SteadypodChart.template(Map.of("configReload.onRestartRequired", "rolling-restart"));
		Role role = chart.get(Role.class);
		assertThat(role.getRules()).singleElement().satisfies((PolicyRule rule) -> {
			assertThat(rule.getApiGroups()).containsExactly("apps");
			assertThat(rule.getResources()).containsExactly("deployments");
			assertThat(rule.getResourceNames()).containsExactly(chart.deployment().getMetadata().getName());
			assertThat(rule.getVerbs()).containsExactlyInAnyOrder("get", "patch");
		});
		assertThat(chart.get(RoleBinding.class).getSubjects()).singleElement()
			.satisfies((subject) -> assertThat(subject.getName())
				.isEqualTo(chart.get(ServiceAccount.class).getMetadata().getName()));
		PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getServiceAccountName()).isEqualTo(chart.get(ServiceAccount.class).getMetadata().getName());
		assertThat(pod.getAutomountServiceAccountToken()).isTrue();
		Container container = chart.container();
		assertThat(env(container, "STEADYPOD_RELOAD_ONRESTARTREQUIRED")).isEqualTo("rolling-restart");
		assertThat(env(container, "STEADYPOD_RELOAD_ROLLINGRESTART_DEPLOYMENT"))
			.isEqualTo(chart.deployment().getMetadata().getName());
		assertThat(chart.objects()).extracting(HasMetadata::getKind)
			.doesNotContain("ClusterRole", "ClusterRoleBinding");
	}

	@Test
	void rollingRestartEnvironmentBindsToTheStartersProperties() {
		RenderedChart chart = SteadypodChart.template(Map.of("configReload.onRestartRequired", "rolling-restart"));
		ReloadProperties properties = chart.reloadProperties();
		assertThat(properties.getOnRestartRequired()).isEqualTo(ReloadProperties.OnRestartRequired.ROLLING_RESTART);
		assertThat(properties.getRollingRestart().getDeployment()).isEqualTo(SteadypodChart.FULLNAME);
	}

	@Test
	void apiModeWithRollingRestartGrantsBothRulesToOneServiceAccount() {
		RenderedChart chart = SteadypodChart
			.template(Map.of("configReload.mode", "api", "configReload.onRestartRequired", "rolling-restart"));
		assertThat(chart.get(Role.class).getRules()).extracting((rule) -> rule.getResources().get(0))
			.containsExactly("configmaps", "deployments");
		assertThat(chart.all(ServiceAccount.class)).hasSize(1);
	}

	@Test
	void theDefaultLogsRestartRequiredChangesAndAddsNoApiAccess() {
		RenderedChart chart = SteadypodChart.template();
		assertThat(chart.container().getEnv()).extracting(EnvVar::getName)
			.noneMatch((name) -> name.startsWith("STEADYPOD_RELOAD_ONRESTARTREQUIRED")
					|| name.startsWith("STEADYPOD_RELOAD_ROLLINGRESTART"));
		assertThat(chart.all(Role.class)).isEmpty();
	}

	@Test
	void hpaAsksForExactlyTheMetricThePrometheusAdapterRuleServes() {
		HorizontalPodAutoscaler hpa = SteadypodChart
			.template(SteadypodChartAutoscalingSignalsTests.only("hpa", "inFlight"))
			.get(HorizontalPodAutoscaler.class);
		PrometheusAdapterRule rule = PrometheusAdapterRule.load(PrometheusAdapterRule.IN_FLIGHT);
		assertThat(hpa.getSpec().getMetrics()).singleElement().satisfies((MetricSpec metric) -> {
			assertThat(metric.getType()).isEqualTo("Pods");
			assertThat(metric.getPods().getMetric().getName()).isEqualTo(rule.metricNameFor(rule.seriesName()).get());
			assertThat(metric.getPods().getTarget().getType()).isEqualTo("AverageValue");
		});
		assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
		assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(SteadypodChart.FULLNAME);
		assertThat(hpa.getSpec().getMinReplicas()).isEqualTo(2);
		assertThat(hpa.getSpec().getMaxReplicas()).isEqualTo(10);
	}

	@Test
	void hpaScalesUpAtOnceWithinBoundsAndDownAfterTheWindowOfValuesYaml() {
		HorizontalPodAutoscaler hpa = SteadypodChart.template(Map.of("autoscaling.enabled", true))
			.get(HorizontalPodAutoscaler.class);
		HPAScalingRules up = hpa.getSpec().getBehavior().getScaleUp();
		assertThat(up.getStabilizationWindowSeconds()).isZero();
		assertThat(up.getPolicies()).isNotEmpty()
			.allSatisfy((policy) -> assertThat(policy.getPeriodSeconds()).isPositive())
			.anySatisfy((policy) -> {
				assertThat(policy.getType()).isEqualTo("Pods");
				assertThat(policy.getValue()).isEqualTo(4);
			});
		Map<String, Object> values = SteadypodChart.defaultValues();
		HPAScalingRules down = hpa.getSpec().getBehavior().getScaleDown();
		assertThat(down.getStabilizationWindowSeconds())
			.isEqualTo(value(values, "autoscaling.scaleDown.stabilizationWindowSeconds"))
			.as("a short dip in load does not remove pods at once")
			.isPositive();
		assertThat(down.getSelectPolicy()).isEqualTo("Min");
		assertThat(down.getPolicies()).singleElement().satisfies((policy) -> {
			assertThat(policy.getType()).isEqualTo("Percent");
			assertThat(policy.getValue()).isEqualTo(value(values, "autoscaling.scaleDown.percent"));
			assertThat(policy.getPeriodSeconds()).isEqualTo(value(values, "autoscaling.scaleDown.periodSeconds"));
		});
	}

	@Test
	void anHpaThatCouldNeverReachItsMinimumIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(
					Map.of("autoscaling.enabled", true, "autoscaling.minReplicas", 5, "autoscaling.maxReplicas", 3)))
			.withMessageContaining("autoscaling.minReplicas (5) must not be greater than autoscaling.maxReplicas (3)");
	}

	@Test
	void cpuIsAnHpaMetricOnlyWhenEnabled() {
		Map<String, Object> withCpu = new LinkedHashMap<>(
				SteadypodChartAutoscalingSignalsTests.only("hpa", "inFlight"));
		withCpu.put("autoscaling.cpu.enabled", true);
		assertThat(SteadypodChart.template(withCpu).get(HorizontalPodAutoscaler.class).getSpec().getMetrics())
			.extracting(MetricSpec::getType)
			.containsExactly("Resource", "Pods");
		assertThat(SteadypodChart.template(SteadypodChartAutoscalingSignalsTests.only("hpa", "inFlight"))
			.get(HorizontalPodAutoscaler.class)
			.getSpec()
			.getMetrics()).extracting(MetricSpec::getType).containsExactly("Pods");
	}

	@Test
	void autoscalingOffLeavesTheReplicaCountToTheDeploymentAndOnLeavesItToTheHpa() {
		RenderedChart off = SteadypodChart.template(Map.of("autoscaling.enabled", false, "replicaCount", 3));
		assertThat(off.all(HorizontalPodAutoscaler.class)).isEmpty();
		assertThat(off.deployment().getSpec().getReplicas()).isEqualTo(3);
		RenderedChart on = SteadypodChart.template(Map.of("autoscaling.enabled", true));
		assertThat(on.deployment().getSpec().getReplicas()).as("the HPA owns the count").isNull();
	}

	@Test
	void podDisruptionBudgetExistsOnlyWhenMoreThanOnePodMayRun() {
		assertThat(SteadypodChart.template(Map.of("replicaCount", 1)).all(PodDisruptionBudget.class)).isEmpty();
		PodDisruptionBudget pdb = SteadypodChart.template(Map.of("replicaCount", 2)).get(PodDisruptionBudget.class);
		assertThat(pdb.getSpec().getMinAvailable().getIntVal()).isEqualTo(1);
		assertThat(pdb.getSpec().getSelector().getMatchLabels())
			.isEqualTo(SteadypodChart.template().deployment().getSpec().getSelector().getMatchLabels());
		assertThat(SteadypodChart.template(Map.of("replicaCount", 1, "autoscaling.enabled", true))
			.all(PodDisruptionBudget.class)).hasSize(1);
	}

	@Test
	void servicesSelectExactlyTheDeploymentsPods() {
		RenderedChart chart = SteadypodChart.template();
		assertThat(chart.all(Service.class)).hasSize(2).allSatisfy((service) -> {
			assertThat(service.getSpec().getSelector())
				.isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
			assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getLabels())
				.containsAllEntriesOf(service.getSpec().getSelector());
		});
	}

	@Test
	void withoutServiceMonitorThePodsCarryScrapeAnnotationsForTheManagementPort() {
		RenderedChart chart = SteadypodChart.template();
		assertThat(chart.generic("ServiceMonitor")).isEmpty();
		assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
			.containsEntry("prometheus.io/scrape", "true")
			.containsEntry("prometheus.io/port", "8081")
			.containsEntry("prometheus.io/path", "/actuator/prometheus");
	}

	@Test
	@SuppressWarnings("unchecked")
	void serviceMonitorScrapesTheManagementPortInsteadOfAnnotations() {
		RenderedChart chart = SteadypodChart.template(
				Map.of("metrics.serviceMonitor.enabled", true, "metrics.serviceMonitor.labels.release", "kube-prom"));
		GenericKubernetesResource monitor = chart.generic("ServiceMonitor").get(0);
		assertThat(monitor.getApiVersion()).isEqualTo("monitoring.coreos.com/v1");
		assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prom");
		Map<String, Object> spec = (Map<String, Object>) monitor.getAdditionalProperties().get("spec");
		assertThat(spec).containsOnlyKeys("selector", "endpoints");
		Map<String, String> managementService = Map.of("app.kubernetes.io/name", "steadypod",
				"app.kubernetes.io/instance", SteadypodChart.RELEASE, "app.kubernetes.io/component", "management");
		assertThat((Map<String, Object>) spec.get("selector")).containsEntry("matchLabels", managementService);
		assertThat(chart.all(Service.class))
			.filteredOn(
					(service) -> service.getMetadata().getLabels().entrySet().containsAll(managementService.entrySet()))
			.singleElement()
			.satisfies((service) -> assertThat(service.getSpec().getPorts()).extracting(ServicePort::getName)
				.containsExactly("management"));
		assertThat((List<Map<String, Object>>) spec.get("endpoints")).singleElement()
			.isEqualTo(Map.of("port", "management", "path", "/actuator/prometheus", "interval", "15s"));
		assertThat(podAnnotations(chart)).doesNotContainKeys("prometheus.io/scrape", "prometheus.io/port",
				"prometheus.io/path");
	}

	@Test
	void rolloutOnConfigChangeAddsAChecksumThatFollowsTheConfigOnlyWhenAskedFor() {
		assertThat(podAnnotations(SteadypodChart.template())).doesNotContainKey("checksum/config");
		String first = checksum(Map.of("rolloutOnConfigChange", true));
		String same = checksum(Map.of("rolloutOnConfigChange", true));
		String changed = checksum(Map.of("rolloutOnConfigChange", true, "config.applicationYaml", "other: text"));
		assertThat(first).matches("[0-9a-f]{64}").isEqualTo(same).isNotEqualTo(changed);
	}

	@Test
	void containerIsHardened() {
		RenderedChart chart = SteadypodChart.template();
		PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getSecurityContext().getRunAsNonRoot()).isTrue();
		assertThat(pod.getSecurityContext().getRunAsUser()).isPositive();
		assertThat(pod.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
		Container container = chart.container();
		assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
		assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
		assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
		assertThat(container.getSecurityContext().getCapabilities().getAdd()).isEmpty();
		assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
		assertThat(container.getVolumeMounts()).filteredOn((mount) -> mount.getMountPath().equals("/tmp"))
			.singleElement()
			.satisfies((mount) -> assertThat(volume(chart, mount.getName()).getEmptyDir()).isNotNull());
	}

	@Test
	void resourcesReserveMemoryAsLimitAndCpuWithoutALimit() {
		Container container = SteadypodChart.template().container();
		assertThat(container.getResources().getLimits().get("memory"))
			.isEqualTo(container.getResources().getRequests().get("memory"));
		assertThat(container.getResources().getRequests()).containsKey("cpu");
		assertThat(container.getResources().getLimits()).doesNotContainKey("cpu");
	}

	@Test
	void shutdownDrainsBeforeTheJvmStopsAndEndsBeforeTheKubeletKillsIt() {
		RenderedChart chart = SteadypodChart.template();
		PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
		Container container = chart.container();
		long pause = container.getLifecycle().getPreStop().getSleep().getSeconds();
		String timeout = env(container, "SPRING_LIFECYCLE_TIMEOUT_PER_SHUTDOWN_PHASE");
		assertThat(timeout).matches("\\d+s");
		long shutdown = Long.parseLong(timeout.substring(0, timeout.length() - 1));
		assertThat(pause).isPositive();
		assertThat(env(container, "SERVER_SHUTDOWN")).isEqualTo("graceful");
		assertThat(pod.getTerminationGracePeriodSeconds()).isGreaterThan(pause + shutdown);
	}

	@Test
	void aGracePeriodTooShortForPauseAndShutdownIsRefused() {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.template(Map.of("shutdown.terminationGracePeriodSeconds", 40)))
			.withMessageContaining("shutdown.terminationGracePeriodSeconds (40) must be greater than")
			.withMessageContaining("(40)");
	}

	@Test
	void helmTestPodChecksReadinessThroughTheService(@TempDir Path workDir) {
		assertThat(SteadypodChart.read(SteadypodChart.DIRECTORY.resolve("templates/tests/test-readiness.yaml")))
			.contains("\"helm.sh/hook\": test");
		Pod test = SteadypodChart.templateTestHooks(workDir).get(Pod.class);
		assertThat(test.getMetadata().getAnnotations()).containsEntry("steadypod.dev/was-hook", "test");
		assertThat(test.getSpec().getRestartPolicy()).isEqualTo("Never");
		assertThat(String.join(" ", test.getSpec().getContainers().get(0).getCommand()))
			.contains("http://" + SteadypodChart.FULLNAME + "-management:8081/actuator/health/readiness")
			.contains("--fail");
	}

	@Test
	void notesTellHowToSeeProbesReloadAndTheHpaMetric() {
		String off = SteadypodChart.installDryRun(Map.of());
		assertThat(off).contains("/actuator/health/liveness", "/actuator/health/readiness", "helm test shop",
				"kubectl -n steady edit configmap shop-steadypod-config", "12 x 5s", "autoscaling.enabled is false",
				"prometheus-adapter-values.yaml", "helm upgrade shop helm/steadypod -n steady --reuse-values");
		assertThat(off).as("no placeholder a reader must guess").doesNotContain("<chart>");
		String on = SteadypodChart.installDryRun(SteadypodChartAutoscalingSignalsTests.only("hpa", "inFlight"));
		assertThat(on).contains("/apis/custom.metrics.k8s.io/v1beta1/namespaces/steady/pods/*/http_requests_in_flight",
				"get hpa shop-steadypod");
	}

	@Test
	void everyRenderedObjectParsesStrictlyInEveryMode() {
		List<Map<String, Object>> modes = List.of(Map.of(), Map.of("configReload.mode", "api"),
				Map.of("autoscaling.enabled", true, "autoscaling.cpu.enabled", true),
				Map.of("metrics.serviceMonitor.enabled", true), Map.of("rolloutOnConfigChange", true),
				Map.of("configReload.onRestartRequired", "rolling-restart"), Map.of("networkPolicy.enabled", true),
				SteadypodAlertRulesTests.ALERT_VALUES,
				Map.of("configReload.mode", "api", "configReload.secrets[0]", "orders-db"),
				Map.of("serviceAccount.create", true, "priorityClassName", "high", "image.digest",
						"sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"),
				Map.of("configReload.mode", "api", "serviceAccount.create", false, "serviceAccount.name", "existing"));
		for (Map<String, Object> mode : modes) {
			RenderedChart chart = SteadypodChart.template(mode);
			assertThat(chart.objects()).as("objects for %s", mode).isNotEmpty();
			assertThat(chart.objects()).allSatisfy((object) -> {
				assertThat(object.getMetadata().getName()).startsWith(SteadypodChart.FULLNAME);
				assertThat(object.getMetadata().getLabels()).containsEntry("app.kubernetes.io/instance",
						SteadypodChart.RELEASE);
			});
		}
	}

	@Test
	void strictParseRejectsAFieldTheKubernetesModelDoesNotKnow() {
		String manifest = SteadypodChart.template()
			.manifest()
			.replaceFirst("(?m)^(\\s+)readOnlyRootFilesystem: true$", "$0\n$1readOnlyRootFileSystem: true");
		assertThatIllegalStateException().isThrownBy(() -> RenderedChart.parse(manifest))
			.withMessageContaining("readOnlyRootFileSystem");
	}

	private static Map<String, String> podAnnotations(RenderedChart chart) {
		Map<String, String> annotations = chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations();
		return (annotations != null) ? annotations : Map.of();
	}

	private static String checksum(Map<String, Object> sets) {
		return SteadypodChart.template(sets)
			.deployment()
			.getSpec()
			.getTemplate()
			.getMetadata()
			.getAnnotations()
			.get("checksum/config");
	}

	private static void assertProbe(Probe probe, String path) {
		assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
		assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("management");
		assertThat(probe.getExec()).isNull();
		assertThat(probe.getTcpSocket()).isNull();
	}

	private static Volume volume(RenderedChart chart, String name) {
		return chart.deployment()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getVolumes()
			.stream()
			.filter((volume) -> volume.getName().equals(name))
			.findFirst()
			.orElseThrow();
	}

	static EnvVar envVar(Container container, String name) {
		return container.getEnv()
			.stream()
			.filter((env) -> env.getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No env var " + name));
	}

	static String env(Container container, String name) {
		return envVar(container, name).getValue();
	}

	@SuppressWarnings("unchecked")
	static Object value(Map<String, Object> map, String dottedPath) {
		Object node = map;
		for (String key : dottedPath.split("\\.")) {
			node = ((Map<String, Object>) node).get(key);
		}
		return node;
	}

}
