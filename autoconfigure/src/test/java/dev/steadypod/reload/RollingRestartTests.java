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

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.steadypod.reload.ReloadProperties.OnRestartRequired;
import dev.steadypod.reload.RestartRequest.Status;
import dev.steadypod.testsupport.MockKubernetesApi;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code on-restart-required=rolling-restart} against a real HTTP server acting as the
 * Kubernetes API: a recording fake for the exact requests and refusals, and fabric8's
 * CRUD mock server for several replicas sharing one Deployment.
 */
class RollingRestartTests {

	private static final String NAMESPACE = "shop";

	private static final String DEPLOYMENT = "shop-steadypod";

	private static final String HASH = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

	private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T06:00:00Z"), ZoneOffset.UTC);

	@TempDir
	Path serviceAccount;

	private FakeApiServer fake;

	@BeforeEach
	void writeToken() throws IOException {
		Files.writeString(this.serviceAccount.resolve("token"), "token-1\n");
		Files.writeString(this.serviceAccount.resolve("namespace"), NAMESPACE);
	}

	@AfterEach
	void stopFake() {
		if (this.fake != null) {
			this.fake.stop();
		}
	}

	@Test
	void requestsTheRestartWithOneMergePatchOfThePodTemplateAnnotation() throws IOException {
		this.fake = FakeApiServer.start();
		this.fake.answer("GET", 200, deploymentJson(""));
		this.fake.answer("PATCH", 200, deploymentJson("0123456789ab"));
		RestartPolicy policy = policy(this.fake.url());

		RestartRequest request = policy.restartRequired("file", List.of("server.port"), HASH);

		assertThat(request.status()).isEqualTo(Status.ROLLOUT_REQUESTED);
		assertThat(request.configHash()).isEqualTo("0123456789ab");
		assertThat(request.action()).isEqualTo(OnRestartRequired.ROLLING_RESTART);
		RecordedRequest patch = this.fake.requests("PATCH").get(0);
		assertThat(patch.path()).isEqualTo("/apis/apps/v1/namespaces/shop/deployments/shop-steadypod");
		assertThat(patch.contentType()).isEqualTo("application/merge-patch+json");
		assertThat(patch.authorization()).isEqualTo("Bearer token-1");
		assertThat(patch.body()).isEqualTo("{\"metadata\":{\"annotations\":{\"kubernetes.io/change-cause\":"
				+ "\"steadypod: [server.port] from file need a restart (config 0123456789ab)\"}},"
				+ "\"spec\":{\"template\":{\"metadata\":{\"annotations\":{\"steadypod.dev/config-hash\":"
				+ "\"0123456789ab\"}}}}}");
	}

	@Test
	void readsTheServiceAccountTokenAgainForEveryCallBecauseItRotates() throws IOException {
		this.fake = FakeApiServer.start();
		this.fake.answer("GET", 200, deploymentJson(""));
		this.fake.answer("PATCH", 200, deploymentJson("0123456789ab"));
		RestartPolicy policy = policy(this.fake.url());
		policy.afterSingletonsInstantiated();
		Files.writeString(this.serviceAccount.resolve("token"), "token-2\n");

		policy.restartRequired("file", List.of("server.port"), HASH);

		assertThat(this.fake.requests("GET")).extracting(RecordedRequest::authorization)
			.containsExactly("Bearer token-1", "Bearer token-2");
		assertThat(this.fake.requests("PATCH")).extracting(RecordedRequest::authorization)
			.containsExactly("Bearer token-2");
	}

	@Test
	void aForbiddenPatchRestartsNothingAndNamesTheRbacRuleThatFixesIt() {
		this.fake = FakeApiServer.start();
		this.fake.answer("GET", 200, deploymentJson(""));
		this.fake.answer("PATCH", 403, "{\"kind\":\"Status\",\"code\":403}");
		RestartPolicy policy = policy(this.fake.url());
		List<RestartRequest> seen = new CopyOnWriteArrayList<>();
		policy.addListener(seen::add);

		RestartRequest request = policy.restartRequired("file", List.of("server.port"), HASH);

		assertThat(request.status()).isEqualTo(Status.ROLLOUT_FAILED);
		assertThat(request.detail()).contains("may not patch deployment shop/shop-steadypod", "HTTP 403",
				"get and patch on deployments, resourceNames [shop-steadypod]", "namespace shop");
		assertThat(request.summary()).contains("[server.port]", "rollout-failed");
		assertThat(seen).containsExactly(request);
		assertThat(policy.lastRequest()).contains(request);
	}

	@Test
	void aForbiddenReadShowsTheProblemAtStartUpAndASuccessfulRequestClearsIt() {
		this.fake = FakeApiServer.start();
		this.fake.answer("GET", 403, "{\"kind\":\"Status\",\"code\":403}");
		RestartPolicy policy = policy(this.fake.url());
		List<String> problems = new CopyOnWriteArrayList<>();
		policy.addListener(new RestartListener() {

			@Override
			public void onRestartRequest(RestartRequest request) {
			}

			@Override
			public void onProblem(String problem) {
				problems.add(problem);
			}

		});

		policy.afterSingletonsInstantiated();
		assertThat(problems).singleElement()
			.asString()
			.contains("rolling-restart cannot restart this application", "may not get deployment shop/shop-steadypod");

		this.fake.answer("GET", 200, deploymentJson(""));
		this.fake.answer("PATCH", 200, deploymentJson("0123456789ab"));
		assertThat(policy.restartRequired("file", List.of("server.port"), HASH).status())
			.isEqualTo(Status.ROLLOUT_REQUESTED);
		assertThat(problems).last().isEqualTo("");
	}

	@Test
	void aMissingDeploymentNamesTheSettingToFix() {
		this.fake = FakeApiServer.start();
		this.fake.answer("GET", 404, "{\"kind\":\"Status\",\"code\":404}");

		RestartRequest request = policy(this.fake.url()).restartRequired("file", List.of("server.port"), HASH);

		assertThat(request.status()).isEqualTo(Status.ROLLOUT_FAILED);
		assertThat(request.detail()).contains("not found", "steadypod.reload.rolling-restart.deployment");
		assertThat(this.fake.requests("PATCH")).isEmpty();
	}

	@Test
	void aDeploymentWithTheRecreateStrategyIsNotRestartedBecauseItWouldStopEveryPod() {
		this.fake = FakeApiServer.start();
		this.fake.answer("GET", 200, "{\"kind\":\"Deployment\",\"spec\":{\"strategy\":{\"type\":\"Recreate\"}}}");

		RestartRequest request = policy(this.fake.url()).restartRequired("file", List.of("server.port"), HASH);

		assertThat(request.status()).isEqualTo(Status.ROLLOUT_FAILED);
		assertThat(request.detail()).contains("Recreate");
		assertThat(this.fake.requests("PATCH")).isEmpty();
	}

	@Test
	void anUnreachableApiServerIsReportedAndRestartsNothing() {
		this.fake = FakeApiServer.start();
		String url = this.fake.url();
		this.fake.stop();
		this.fake = null;

		RestartRequest request = policy(url).restartRequired("file", List.of("server.port"), HASH);

		assertThat(request.status()).isEqualTo(Status.ROLLOUT_FAILED);
		assertThat(request.detail()).contains("cannot reach the Kubernetes API");
	}

	@Test
	void everyReplicaAsksForTheSameRolloutSoTheDeploymentRollsOnce() throws Exception {
		try (MockKubernetesApi api = MockKubernetesApi.start()) {
			createDeployment(api);
			List<RestartPolicy> replicas = List.of(policy(api.url()), policy(api.url()), policy(api.url()));
			replicas.forEach(RestartPolicy::afterSingletonsInstantiated);

			List<Status> statuses = new ArrayList<>();
			for (RestartPolicy replica : replicas) {
				statuses.add(replica.restartRequired("file", List.of("server.port"), HASH).status());
			}

			assertThat(statuses).containsExactly(Status.ROLLOUT_REQUESTED, Status.ROLLOUT_ALREADY_REQUESTED,
					Status.ROLLOUT_ALREADY_REQUESTED);
			assertThat(templateAnnotations(api)).containsEntry(RollingRestart.ANNOTATION, "0123456789ab");
		}
	}

	@Test
	void replicasAskingAtTheSameMomentAllWriteTheSameValue() throws Exception {
		try (MockKubernetesApi api = MockKubernetesApi.start()) {
			createDeployment(api);
			List<RestartPolicy> replicas = new ArrayList<>();
			for (int i = 0; i < 6; i++) {
				replicas.add(policy(api.url()));
			}
			replicas.forEach(RestartPolicy::afterSingletonsInstantiated);
			ExecutorService executor = Executors.newFixedThreadPool(replicas.size());
			try {
				List<Future<RestartRequest>> requests = new ArrayList<>();
				for (RestartPolicy replica : replicas) {
					requests.add(executor.submit(() -> replica.restartRequired("file", List.of("server.port"), HASH)));
				}
				for (Future<RestartRequest> request : requests) {
					assertThat(request.get().status()).isIn(Status.ROLLOUT_REQUESTED, Status.ROLLOUT_ALREADY_REQUESTED);
				}
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(templateAnnotations(api)).containsEntry(RollingRestart.ANNOTATION, "0123456789ab");
		}
	}

	@Test
	void aReplicaWhoseDeploymentWasRolledSinceItStartedDoesNotRollItAgain() throws Exception {
		try (MockKubernetesApi api = MockKubernetesApi.start()) {
			createDeployment(api);
			RestartPolicy first = policy(api.url());
			RestartPolicy second = policy(api.url());
			first.afterSingletonsInstantiated();
			second.afterSingletonsInstantiated();

			// The API route sees the change first; the volume route of another replica
			// sees the same change a minute later, with another source hash.
			assertThat(first.restartRequired("kubernetes", List.of("server.port"), HASH).status())
				.isEqualTo(Status.ROLLOUT_REQUESTED);
			RestartRequest late = second.restartRequired("file", List.of("server.port"), "fedcba9876543210");
			assertThat(late.status()).isEqualTo(Status.ROLLOUT_ALREADY_REQUESTED);
			assertThat(late.detail()).contains("requested after this pod started");
			assertThat(templateAnnotations(api)).containsEntry(RollingRestart.ANNOTATION, "0123456789ab");

			// A pod of the new rollout started with the new annotation and rolls again
			// for the next change.
			RestartPolicy replacement = policy(api.url());
			replacement.afterSingletonsInstantiated();
			assertThat(replacement.restartRequired("file", List.of("server.port"), "fedcba9876543210").status())
				.isEqualTo(Status.ROLLOUT_REQUESTED);
			assertThat(templateAnnotations(api)).containsEntry(RollingRestart.ANNOTATION, "fedcba987654");
		}
	}

	@Test
	void notOnKubernetesNothingRestartsAndTheReasonIsReported() {
		RestartPolicy policy = RestartPolicy.create(context(Map.of()), rollingRestartProperties(), this.serviceAccount);
		List<String> problems = new CopyOnWriteArrayList<>();
		policy.addListener(new ProblemCollector(problems));

		policy.afterSingletonsInstantiated();
		RestartRequest request = policy.restartRequired("file", List.of("server.port"), HASH);

		assertThat(problems).singleElement().asString().contains("not running on Kubernetes");
		assertThat(request.status()).isEqualTo(Status.ROLLOUT_FAILED);
		assertThat(request.detail()).contains("KUBERNETES_SERVICE_HOST is not set");
	}

	@Test
	void onKubernetesWithoutAServiceAccountTokenNothingRestartsAndTheReasonIsReported() throws IOException {
		Files.delete(this.serviceAccount.resolve("token"));
		RestartPolicy policy = RestartPolicy.create(
				context(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")),
				rollingRestartProperties(), this.serviceAccount);

		RestartRequest request = policy.restartRequired("file", List.of("server.port"), HASH);

		assertThat(request.status()).isEqualTo(Status.ROLLOUT_FAILED);
		assertThat(request.detail()).contains("no service-account token", "automountServiceAccountToken");
	}

	@Test
	void withoutADeploymentNameNothingRestartsAndTheSettingIsNamed() throws IOException {
		Files.writeString(this.serviceAccount.resolve("ca.crt"), "");
		ReloadProperties properties = rollingRestartProperties();
		properties.getRollingRestart().setDeployment("");
		RestartPolicy policy = RestartPolicy.create(
				context(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")), properties,
				this.serviceAccount);

		RestartRequest request = policy.restartRequired("file", List.of("server.port"), HASH);

		assertThat(request.status()).isEqualTo(Status.ROLLOUT_FAILED);
		assertThat(request.detail()).contains("steadypod.reload.rolling-restart.deployment is not set");
	}

	@Test
	void withoutANamespaceFileOrSettingNothingRestartsAndTheSettingIsNamed() throws IOException {
		Files.writeString(this.serviceAccount.resolve("ca.crt"), "");
		Files.delete(this.serviceAccount.resolve("namespace"));
		RestartPolicy policy = RestartPolicy.create(
				context(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")),
				rollingRestartProperties(), this.serviceAccount);

		RestartRequest request = policy.restartRequired("file", List.of("server.port"), HASH);

		assertThat(request.detail()).contains("namespace is unknown", "steadypod.reload.rolling-restart.namespace");
	}

	@Test
	void theNamespaceDefaultsToThePodsOwnAndAnUnreadableClusterCaIsReported() throws IOException {
		Files.writeString(this.serviceAccount.resolve("ca.crt"), "not a certificate");
		RestartPolicy policy = RestartPolicy.create(
				context(Map.of("KUBERNETES_SERVICE_HOST", "10.96.0.1", "KUBERNETES_SERVICE_PORT", "443")),
				rollingRestartProperties(), this.serviceAccount);

		RestartRequest request = policy.restartRequired("file", List.of("server.port"), HASH);

		assertThat(request.status()).isEqualTo(Status.ROLLOUT_FAILED);
		assertThat(request.detail()).contains("cannot read the cluster CA");
	}

	private RestartPolicy policy(String url) {
		KubernetesApi api = new KubernetesApi(URI.create(url), this.serviceAccount.resolve("token"), null);
		return new RestartPolicy(OnRestartRequired.ROLLING_RESTART, () -> {
			throw new AssertionError("rolling-restart never shuts down");
		}, new RollingRestart(api, "", NAMESPACE, DEPLOYMENT), CLOCK);
	}

	private static ReloadProperties rollingRestartProperties() {
		ReloadProperties properties = new ReloadProperties();
		properties.setOnRestartRequired(OnRestartRequired.ROLLING_RESTART);
		properties.getRollingRestart().setDeployment(DEPLOYMENT);
		return properties;
	}

	private static GenericApplicationContext context(Map<String, Object> environment) {
		GenericApplicationContext context = new GenericApplicationContext();
		context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test-env", environment));
		return context;
	}

	private static void createDeployment(MockKubernetesApi api) {
		Deployment deployment = new DeploymentBuilder().withNewMetadata()
			.withName(DEPLOYMENT)
			.withNamespace(NAMESPACE)
			.endMetadata()
			.withNewSpec()
			.withReplicas(3)
			.withNewTemplate()
			.withNewMetadata()
			.withLabels(Map.of("app", "shop"))
			.endMetadata()
			.endTemplate()
			.endSpec()
			.build();
		api.client().apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
	}

	private static Map<String, String> templateAnnotations(MockKubernetesApi api) {
		Deployment deployment = api.client().apps().deployments().inNamespace(NAMESPACE).withName(DEPLOYMENT).get();
		Map<String, String> annotations = deployment.getSpec().getTemplate().getMetadata().getAnnotations();
		return (annotations != null) ? annotations : Map.of();
	}

	private static String deploymentJson(String annotation) {
		String annotations = annotation.isEmpty() ? "{}"
				: "{\"" + RollingRestart.ANNOTATION + "\":\"" + annotation + "\"}";
		return "{\"kind\":\"Deployment\",\"apiVersion\":\"apps/v1\",\"metadata\":{\"name\":\"" + DEPLOYMENT
				+ "\"},\"spec\":{\"strategy\":{\"type\":\"RollingUpdate\"},\"template\":{\"metadata\":{\"annotations\":"
				+ annotations + "}}}}";
	}

	private record ProblemCollector(List<String> problems) implements RestartListener {

		@Override
		public void onRestartRequest(RestartRequest request) {
		}

		@Override
		public void onProblem(String problem) {
			this.problems.add(problem);
		}

	}

	private record RecordedRequest(String method, String path, String contentType, String authorization, String body) {

	}

	/**
	 * An HTTP server on 127.0.0.1 that answers each method with a set status and body and
	 * records every request.
	 */
	private static final class FakeApiServer {

		private final HttpServer server;

		private final Map<String, String[]> answers = new ConcurrentHashMap<>();

		private final List<RecordedRequest> recorded = new CopyOnWriteArrayList<>();

		private final AtomicInteger port = new AtomicInteger();

		private FakeApiServer(HttpServer server) {
			this.server = server;
		}

		static FakeApiServer start() {
			try {
				HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
				FakeApiServer fake = new FakeApiServer(server);
				server.createContext("/", (exchange) -> {
					String body;
					try (InputStream in = exchange.getRequestBody()) {
						body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
					}
					String method = exchange.getRequestMethod();
					fake.recorded.add(new RecordedRequest(method, exchange.getRequestURI().getRawPath(),
							exchange.getRequestHeaders().getFirst("Content-Type"),
							exchange.getRequestHeaders().getFirst("Authorization"), body));
					String[] answer = fake.answers.getOrDefault(method, new String[] { "405", "{}" });
					byte[] bytes = answer[1].getBytes(StandardCharsets.UTF_8);
					exchange.getResponseHeaders().set("Content-Type", "application/json");
					exchange.sendResponseHeaders(Integer.parseInt(answer[0]), bytes.length);
					exchange.getResponseBody().write(bytes);
					exchange.close();
				});
				server.start();
				fake.port.set(server.getAddress().getPort());
				return fake;
			}
			catch (IOException ex) {
				throw new IllegalStateException(ex);
			}
		}

		String url() {
			return "http://127.0.0.1:" + this.port.get();
		}

		void answer(String method, int status, String body) {
			this.answers.put(method, new String[] { String.valueOf(status), body });
		}

		List<RecordedRequest> requests(String method) {
			return this.recorded.stream().filter((request) -> request.method().equals(method)).toList();
		}

		void stop() {
			this.server.stop(0);
		}

	}

}
