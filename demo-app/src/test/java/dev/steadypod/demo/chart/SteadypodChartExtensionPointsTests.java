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

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraint;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The values that let a team adopt the chart without forking it: extra volumes and
 * mounts, envFrom, service-account annotations, priority class, image registry and
 * digest, Deployment annotations, topology spread constraints, NetworkPolicy and the
 * management Service.
 */
class SteadypodChartExtensionPointsTests {

	private static final String TEAM_VALUES = """
			image:
			  registry: registry.example.com/team
			  repository: orders
			  tag: "1.4.2"
			  digest: sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef
			config:
			  imports:
			    - optional:configtree:/etc/steadypod/secrets/
			extraVolumes:
			  - name: db-credentials
			    secret:
			      secretName: orders-db
			  - name: ca
			    configMap:
			      name: corporate-ca
			extraVolumeMounts:
			  - name: db-credentials
			    mountPath: /etc/steadypod/secrets
			    readOnly: true
			  - name: ca
			    mountPath: /etc/ssl/corporate/ca.pem
			    subPath: ca.pem
			envFrom:
			  - secretRef:
			      name: orders-env
			  - configMapRef:
			      name: orders-flags
			      optional: true
			serviceAccount:
			  annotations:
			    eks.amazonaws.com/role-arn: arn:aws:iam::123456789012:role/orders
			priorityClassName: business-critical
			deploymentAnnotations:
			  team.example.com/owner: payments
			""";

	@Test
	void aSecretIsMountedAsADirectoryAndImportedAsAConfigTree(@TempDir Path workDir) {
		RenderedChart chart = SteadypodChart.templateWithValues(TEAM_VALUES, workDir);
		Container container = chart.container();
		assertThat(container.getVolumeMounts()).filteredOn((mount) -> mount.getName().equals("db-credentials"))
			.singleElement()
			.satisfies((mount) -> {
				assertThat(mount.getMountPath()).isEqualTo("/etc/steadypod/secrets");
				assertThat(mount.getSubPath()).isNull();
				assertThat(mount.getReadOnly()).isTrue();
			});
		Volume secret = volume(chart, "db-credentials");
		assertThat(secret.getSecret().getSecretName()).isEqualTo("orders-db");
		assertThat(secret.getSecret().getItems()).as("items would hide keys added later").isEmpty();
		assertThat(volume(chart, "ca").getConfigMap().getName()).isEqualTo("corporate-ca");
		assertThat(SteadypodChartRenderingTests.env(container, "SPRING_CONFIG_IMPORT"))
			.isEqualTo("optional:file:/etc/steadypod/config/,optional:configtree:/etc/steadypod/secrets/");
		assertThat(volume(chart, "config").getConfigMap()).isNotNull();
		assertThat(volume(chart, "tmp").getEmptyDir()).isNotNull();
	}

	@Test
	void aSubPathMountOutsideTheConfigImportsIsAllowed(@TempDir Path workDir) {
		Container container = SteadypodChart.templateWithValues(TEAM_VALUES, workDir).container();
		assertThat(container.getVolumeMounts()).filteredOn((mount) -> mount.getName().equals("ca"))
			.singleElement()
			.satisfies((mount) -> assertThat(mount.getSubPath()).isEqualTo("ca.pem"));
	}

	@Test
	void aSubPathMountUnderAConfigImportPathIsRefusedWithTheReason(@TempDir Path workDir) {
		for (String mountPath : List.of("/etc/steadypod/secrets/password", "/etc/steadypod/config/extra.yaml",
				"/etc/steadypod/secrets")) {
			String values = """
					config:
					  imports: ["optional:configtree:/etc/steadypod/secrets/"]
					extraVolumes: [{name: creds, secret: {secretName: orders-db}}]
					extraVolumeMounts: [{name: creds, mountPath: %s, subPath: password}]
					""".formatted(mountPath);
			assertThatIllegalStateException().as(mountPath)
				.isThrownBy(() -> SteadypodChart.templateWithValues(values, workDir))
				.withMessageContaining("extraVolumeMounts[0] (creds)")
				.withMessageContaining(mountPath)
				.withMessageContaining("subPath")
				.withMessageContaining("never sees an update");
		}
		String expression = """
				extraVolumes: [{name: creds, secret: {secretName: orders-db}}]
				extraVolumeMounts: [{name: creds, mountPath: /etc/steadypod/config/x, subPathExpr: "$(POD_NAME)"}]
				""";
		assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.templateWithValues(expression, workDir))
			.withMessageContaining("subPathExpr");
	}

	@Test
	void aMountOfAnUndeclaredVolumeIsRefused(@TempDir Path workDir) {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart
				.templateWithValues("extraVolumeMounts: [{name: missing, mountPath: /etc/steadypod/secrets}]", workDir))
			.withMessageContaining("extraVolumeMounts[0] (missing)")
			.withMessageContaining("extraVolumes");
	}

	@Test
	void envFromPriorityClassAndDeploymentAnnotationsReachTheDeployment(@TempDir Path workDir) {
		RenderedChart chart = SteadypodChart.templateWithValues(TEAM_VALUES, workDir);
		Container container = chart.container();
		assertThat(container.getEnvFrom()).hasSize(2);
		assertThat(container.getEnvFrom().get(0).getSecretRef().getName()).isEqualTo("orders-env");
		assertThat(container.getEnvFrom().get(1).getConfigMapRef().getName()).isEqualTo("orders-flags");
		assertThat(container.getEnvFrom().get(1).getConfigMapRef().getOptional()).isTrue();
		PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getPriorityClassName()).isEqualTo("business-critical");
		assertThat(chart.deployment().getMetadata().getAnnotations()).containsEntry("team.example.com/owner",
				"payments");
		assertThat(chart.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
			.doesNotContainKey("team.example.com/owner");
	}

	@Test
	void defaultsRenderNoneOfTheOptionalFields() {
		RenderedChart chart = SteadypodChart.template();
		Container container = chart.container();
		assertThat(container.getEnvFrom()).isEmpty();
		assertThat(container.getImage()).isEqualTo("steadypod-demo-app:0.1.0-SNAPSHOT");
		PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getPriorityClassName()).isNull();
		assertThat(pod.getVolumes()).extracting(Volume::getName).containsExactly("config", "tmp");
		assertThat(chart.deployment().getMetadata().getAnnotations()).isNullOrEmpty();
		assertThat(chart.all(NetworkPolicy.class)).isEmpty();
	}

	@Test
	void imageComesFromTheRegistryAndIsPinnedByDigestWhenGiven(@TempDir Path workDir) {
		assertThat(SteadypodChart.templateWithValues(TEAM_VALUES, workDir).container().getImage()).isEqualTo(
				"registry.example.com/team/orders@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef");
		assertThat(SteadypodChart.template(Map.of("image.registry", "ghcr.io/acme/")).container().getImage())
			.isEqualTo("ghcr.io/acme/steadypod-demo-app:0.1.0-SNAPSHOT");
		assertThat(SteadypodChart.template(Map.of("image.tag", "")).container().getImage())
			.isEqualTo("steadypod-demo-app:0.1.0-SNAPSHOT");
	}

	@Test
	void aMalformedDigestIsRejectedByTheSchema() {
		assertThatIllegalStateException().isThrownBy(() -> SteadypodChart.template(Map.of("image.digest", "latest")))
			.withMessageContaining("/image/digest")
			.withMessageContaining("sha256");
	}

	@Test
	void serviceAccountAnnotationsCreateAnAnnotatedServiceAccountEvenInVolumeMode(@TempDir Path workDir) {
		RenderedChart chart = SteadypodChart.templateWithValues(TEAM_VALUES, workDir);
		ServiceAccount account = chart.get(ServiceAccount.class);
		assertThat(account.getMetadata().getName()).isEqualTo(SteadypodChart.FULLNAME);
		assertThat(account.getMetadata().getAnnotations()).containsEntry("eks.amazonaws.com/role-arn",
				"arn:aws:iam::123456789012:role/orders");
		PodSpec pod = chart.deployment().getSpec().getTemplate().getSpec();
		assertThat(pod.getServiceAccountName()).isEqualTo(SteadypodChart.FULLNAME);
		assertThat(chart.all(RoleBinding.class)).as("volume mode needs no API access").isEmpty();
		RenderedChart api = SteadypodChart.template(Map.of("configReload.mode", "api",
				"serviceAccount.annotations.iam\\.gke\\.io/gcp-service-account", "orders@p.iam.gserviceaccount.com"));
		assertThat(api.get(ServiceAccount.class).getMetadata().getAnnotations())
			.containsEntry("iam.gke.io/gcp-service-account", "orders@p.iam.gserviceaccount.com");
	}

	@Test
	void anExistingServiceAccountIsUsedAndBoundInsteadOfCreated() {
		RenderedChart chart = SteadypodChart.template(
				Map.of("configReload.mode", "api", "serviceAccount.create", false, "serviceAccount.name", "orders"));
		assertThat(chart.all(ServiceAccount.class)).isEmpty();
		assertThat(chart.deployment().getSpec().getTemplate().getSpec().getServiceAccountName()).isEqualTo("orders");
		assertThat(chart.get(RoleBinding.class).getSubjects()).singleElement()
			.satisfies((subject) -> assertThat(subject.getName()).isEqualTo("orders"));
	}

	@Test
	void podsSpreadAcrossNodesAndZonesByDefault() {
		RenderedChart chart = SteadypodChart.template();
		List<TopologySpreadConstraint> constraints = chart.deployment()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getTopologySpreadConstraints();
		assertThat(constraints).extracting(TopologySpreadConstraint::getTopologyKey)
			.containsExactly("kubernetes.io/hostname", "topology.kubernetes.io/zone");
		assertThat(constraints).allSatisfy((constraint) -> {
			assertThat(constraint.getMaxSkew()).isEqualTo(1);
			assertThat(constraint.getWhenUnsatisfiable()).isEqualTo("ScheduleAnyway");
			assertThat(constraint.getLabelSelector().getMatchLabels())
				.isEqualTo(chart.deployment().getSpec().getSelector().getMatchLabels());
		});
	}

	@Test
	void topologySpreadConstraintsAreAListTheUserOwns(@TempDir Path workDir) {
		RenderedChart chart = SteadypodChart.templateWithValues("""
				topologySpreadConstraints:
				  - maxSkew: 2
				    topologyKey: topology.kubernetes.io/zone
				    whenUnsatisfiable: DoNotSchedule
				    minDomains: 3
				    labelSelector:
				      matchLabels: {tier: web}
				""", workDir);
		assertThat(chart.deployment().getSpec().getTemplate().getSpec().getTopologySpreadConstraints()).singleElement()
			.satisfies((constraint) -> {
				assertThat(constraint.getMaxSkew()).isEqualTo(2);
				assertThat(constraint.getMinDomains()).isEqualTo(3);
				assertThat(constraint.getLabelSelector().getMatchLabels()).isEqualTo(Map.of("tier", "web"));
			});
		assertThat(SteadypodChart.templateWithValues("topologySpreadConstraints: []", workDir)
			.deployment()
			.getSpec()
			.getTemplate()
			.getSpec()
			.getTopologySpreadConstraints()).isEmpty();
	}

	@Test
	void aTopologySpreadConstraintWithoutATopologyKeyIsRejected(@TempDir Path workDir) {
		assertThatIllegalStateException()
			.isThrownBy(() -> SteadypodChart.templateWithValues(
					"topologySpreadConstraints: [{maxSkew: 1, whenUnsatisfiable: ScheduleAnyway}]", workDir))
			.withMessageContaining("/topologySpreadConstraints/0")
			.withMessageContaining("topologyKey");
	}

	@Test
	void theAppServiceCarriesOnlyTheAppPortAndTheManagementPortHasItsOwnService() {
		RenderedChart chart = SteadypodChart.template();
		List<Service> services = chart.all(Service.class);
		assertThat(services).extracting((service) -> service.getMetadata().getName())
			.containsExactlyInAnyOrder(SteadypodChart.FULLNAME, SteadypodChart.FULLNAME + "-management");
		Service app = service(chart, SteadypodChart.FULLNAME);
		assertThat(app.getSpec().getPorts()).extracting(ServicePort::getName).containsExactly("http");
		Service management = service(chart, SteadypodChart.FULLNAME + "-management");
		assertThat(management.getSpec().getType()).isEqualTo("ClusterIP");
		assertThat(management.getSpec().getPorts()).singleElement().satisfies((port) -> {
			assertThat(port.getName()).isEqualTo("management");
			assertThat(port.getPort()).isEqualTo(8081);
			assertThat(port.getTargetPort().getStrVal()).isEqualTo("management");
		});
		assertThat(management.getMetadata().getLabels()).containsEntry("app.kubernetes.io/component", "management");
		assertThat(app.getMetadata().getLabels()).doesNotContainKey("app.kubernetes.io/component");
		RenderedChart loadBalanced = SteadypodChart.template(Map.of("service.type", "LoadBalancer"));
		assertThat(service(loadBalanced, SteadypodChart.FULLNAME + "-management").getSpec().getType())
			.as("the management port never leaves the cluster through the app's Service type")
			.isEqualTo("ClusterIP");
	}

	@Test
	void networkPolicyLetsTheAppPortInFromWhereAllowedAndTheManagementPortOnlyFromMonitoring(@TempDir Path workDir) {
		RenderedChart open = SteadypodChart.template(Map.of("networkPolicy.enabled", true));
		NetworkPolicy policy = open.get(NetworkPolicy.class);
		assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
		assertThat(policy.getSpec().getPodSelector().getMatchLabels())
			.isEqualTo(open.deployment().getSpec().getSelector().getMatchLabels());
		NetworkPolicyIngressRule http = rule(policy, "http");
		assertThat(http.getFrom()).as("no peers: from anywhere").isEmpty();
		NetworkPolicyIngressRule management = rule(policy, "management");
		assertThat(management.getFrom()).anySatisfy((peer) -> {
			assertThat(peer.getNamespaceSelector()).isNotNull();
			assertThat(peer.getNamespaceSelector().getMatchLabels())
				.containsExactly(Map.entry("kubernetes.io/metadata.name", "monitoring"));
			assertThat(peer.getPodSelector()).isNull();
		});
		assertThat(management.getFrom()).as("the helm test pod reaches the management port").anySatisfy((peer) -> {
			assertThat(peer.getNamespaceSelector()).as("the release namespace only").isNull();
			assertThat(peer.getPodSelector()).isNotNull();
			assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/component", "test");
		});

		RenderedChart locked = SteadypodChart.templateWithValues("""
				networkPolicy:
				  enabled: true
				  http:
				    from:
				      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: ingress-nginx}}
				  management:
				    from:
				      - namespaceSelector: {matchLabels: {kubernetes.io/metadata.name: observability}}
				        podSelector: {matchLabels: {app.kubernetes.io/name: prometheus}}
				""", workDir);
		NetworkPolicy lockedPolicy = locked.get(NetworkPolicy.class);
		assertThat(rule(lockedPolicy, "http").getFrom()).singleElement()
			.satisfies((peer) -> assertThat(peer.getNamespaceSelector().getMatchLabels())
				.containsEntry("kubernetes.io/metadata.name", "ingress-nginx"));
		assertThat(rule(lockedPolicy, "management").getFrom()).hasSize(2).anySatisfy((peer) -> {
			assertThat(peer.getNamespaceSelector()).isNotNull();
			assertThat(peer.getPodSelector()).isNotNull();
			assertThat(peer.getNamespaceSelector().getMatchLabels()).containsEntry("kubernetes.io/metadata.name",
					"observability");
			assertThat(peer.getPodSelector().getMatchLabels()).containsEntry("app.kubernetes.io/name", "prometheus");
		});
	}

	@Test
	void theHelmTestPodIsNotAnEndpointOfTheServices(@TempDir Path workDir) {
		RenderedChart chart = SteadypodChart.template();
		Map<String, String> testLabels = SteadypodChart.templateTestHooks(workDir)
			.get(Pod.class)
			.getMetadata()
			.getLabels();
		assertThat(testLabels).containsEntry("app.kubernetes.io/component", "test");
		Map<String, String> selector = chart.deployment().getSpec().getSelector().getMatchLabels();
		assertThat(testLabels.entrySet().containsAll(selector.entrySet()))
			.as("a pod with every selector label would receive Service traffic")
			.isFalse();
	}

	private static NetworkPolicyIngressRule rule(NetworkPolicy policy, String port) {
		return policy.getSpec()
			.getIngress()
			.stream()
			.filter((rule) -> rule.getPorts().stream().anyMatch((p) -> port.equals(p.getPort().getStrVal())))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No ingress rule for port " + port));
	}

	private static Service service(RenderedChart chart, String name) {
		return chart.all(Service.class)
			.stream()
			.filter((service) -> service.getMetadata().getName().equals(name))
			.findFirst()
			.orElseThrow(() -> new AssertionError("No Service " + name));
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
			.orElseThrow(() -> new AssertionError("No volume " + name));
	}

}
