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

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;

import io.fabric8.kubernetes.api.model.APIGroupBuilder;
import io.fabric8.kubernetes.api.model.APIGroupListBuilder;
import io.fabric8.kubernetes.api.model.APIResourceBuilder;
import io.fabric8.kubernetes.api.model.APIResourceListBuilder;
import io.fabric8.kubernetes.api.model.APIVersionsBuilder;
import io.fabric8.kubernetes.api.model.GroupVersionForDiscovery;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.Buffer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.Headers;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;

/**
 * A Kubernetes API server that real Helm can install a release into: fabric8's mock API
 * server in CRUD mode (objects are stored, read back, patched, listed by label), plus the
 * API discovery the CRUD mode does not serve. Helm maps every kind of a manifest to its
 * resource through discovery ({@code /api}, {@code /apis} and the resource list of each
 * group version); without it, it fails with "resource mapping not found ... no matches
 * for kind". Discovery is served in its plain (not aggregated) form, which client-go
 * falls back to. Helm writes its release record (a Secret) as protobuf, which the CRUD
 * mode cannot read (it throws, never answers, and Helm waits forever): it is translated
 * to JSON first ({@link KubernetesProtobuf}). Lists are answered with their typed kind
 * and upgrades' strategic merge patches applied as merge patches where the two agree;
 * anything else the mock cannot store faithfully is answered with an error, never left
 * unanswered.
 */
final class MockKubernetesCluster implements AutoCloseable {

	/**
	 * Group version to {@code [plural, Kind, namespaced]} of every kind the chart
	 * renders.
	 */
	private static final Map<String, List<String[]>> RESOURCES = resources();

	private static final String PROTOBUF = "application/vnd.kubernetes.protobuf";

	private static final String STRATEGIC_MERGE_PATCH = "application/strategic-merge-patch+json";

	private final KubernetesMockServer server;

	private final List<String> requests = new CopyOnWriteArrayList<>();

	private final KubernetesSerialization serialization = new KubernetesSerialization();

	MockKubernetesCluster() {
		Map<ServerRequest, Queue<ServerResponse>> responses = new HashMap<>();
		Dispatcher crud = new KubernetesMixedDispatcher(responses);
		Dispatcher dispatcher = new Dispatcher() {

			@Override
			public MockResponse dispatch(RecordedRequest request) {
				MockResponse response = discovery(request);
				if (response == null) {
					try {
						response = crud.dispatch(asJson(request));
						if (response.header("Content-Type") == null) {
							// Without it, client-go decodes the JSON answer as the
							// protobuf it sent.
							response.setHeader("Content-Type", "application/json");
						}
						typedList(request, response);
					}
					catch (UnsupportedBodyException ex) {
						response = new MockResponse().setResponseCode(415).setBody(ex.getMessage());
					}
					catch (RuntimeException ex) {
						// Unanswered, the request would leave Helm waiting forever.
						response = new MockResponse().setResponseCode(500).setBody("Mock API server: " + ex);
					}
				}
				MockKubernetesCluster.this.requests
					.add(request.getMethod() + " " + request.getPath() + " " + response.code());
				return response;
			}

		};
		this.server = new KubernetesMockServer(new Context(), new MockWebServer(), responses, dispatcher, false);
		try {
			this.server.start(InetAddress.getByName("127.0.0.1"), 0);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** A kubeconfig for Helm whose current context is this server and the namespace. */
	String kubeconfig(String namespace) {
		return """
				apiVersion: v1
				kind: Config
				clusters:
				- name: mock
				  cluster:
				    server: http://127.0.0.1:%d
				contexts:
				- name: mock
				  context:
				    cluster: mock
				    user: mock
				    namespace: %s
				current-context: mock
				users:
				- name: mock
				  user:
				    token: mock-token
				""".formatted(this.server.getPort(), namespace);
	}

	/** A client of this server, for the test's own reads. */
	KubernetesClient client() {
		return this.server.createClient();
	}

	/** Every request served, as {@code METHOD path status}, for failure messages. */
	List<String> requests() {
		return List.copyOf(this.requests);
	}

	@Override
	public void close() {
		this.server.destroy();
	}

	/**
	 * The request with a protobuf body (Helm's release record) turned into JSON. The CRUD
	 * mode reads bodies as JSON only: on protobuf it throws and never answers, and Helm
	 * waits for the answer forever. Protobuf bodies of other kinds are refused with 415,
	 * so that a test fails instead of hanging.
	 */
	private RecordedRequest asJson(RecordedRequest request) {
		String contentType = request.getHeader("Content-Type");
		if (contentType != null && contentType.startsWith(STRATEGIC_MERGE_PATCH)) {
			return asMergePatch(request);
		}
		if (contentType == null || !contentType.startsWith(PROTOBUF)) {
			return request;
		}
		byte[] json;
		try {
			json = this.serialization.asJson(KubernetesProtobuf.secret(request.getBody().getBytes()))
				.getBytes(StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			throw new UnsupportedBodyException("a protobuf body: " + ex.getMessage());
		}
		Headers headers = request.getHeaders().newBuilder().set("Content-Type", "application/json").build();
		return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers,
				new Buffer(json));
	}

	/**
	 * A strategic merge patch (what Helm sends to upgrade built-in kinds) as a JSON merge
	 * patch, which the CRUD mode applies: the two mean the same for a patch without
	 * strategic directives (no {@code $patch}, {@code $setElementOrder},
	 * {@code $retainKeys}, {@code $deleteFromPrimitiveList}), which merge lists by key.
	 * One with directives is refused with 415, never applied wrongly.
	 */
	private static RecordedRequest asMergePatch(RecordedRequest request) {
		String patch = new String(request.getBody().getBytes(), StandardCharsets.UTF_8);
		if (patch.contains("\"$")) {
			throw new UnsupportedBodyException("a strategic merge patch with directives: " + patch);
		}
		Headers headers = request.getHeaders().newBuilder().set("Content-Type", "application/merge-patch+json").build();
		return new RecordedRequest(request.getHttpVersion(), request.method(), request.getPath(), headers,
				new Buffer(patch.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Names the kind of a list answer ({@code SecretList}): the CRUD mode answers
	 * {@code List}, which client-go's typed clients, Helm's release storage among them,
	 * read as no items at all, so that an upgrade finds no installed release.
	 */
	private static void typedList(RecordedRequest request, MockResponse response) {
		if (!"GET".equals(request.getMethod()) || response.code() != 200) {
			return;
		}
		String path = request.getPath();
		int query = path.indexOf('?');
		path = (query >= 0) ? path.substring(0, query) : path;
		String plural = path.substring(path.lastIndexOf('/') + 1);
		String kind = RESOURCES.values()
			.stream()
			.flatMap(List::stream)
			.filter((resource) -> resource[0].equals(plural))
			.map((resource) -> resource[1])
			.findFirst()
			.orElse(null);
		if (kind == null) {
			return;
		}
		String body = new String(response.getBody().getBytes(), StandardCharsets.UTF_8);
		if (body.startsWith("{\"apiVersion\":\"v1\",\"kind\":\"List\"")) {
			response.setBody(body.replaceFirst("\"kind\":\"List\"", "\"kind\":\"" + kind + "List\""));
		}
	}

	private MockResponse discovery(RecordedRequest request) {
		if (!"GET".equals(request.getMethod())) {
			return null;
		}
		String path = request.getPath();
		int query = path.indexOf('?');
		path = (query >= 0) ? path.substring(0, query) : path;
		Object body = null;
		if (path.equals("/api")) {
			body = new APIVersionsBuilder().withVersions("v1").build();
		}
		else if (path.equals("/apis")) {
			APIGroupListBuilder groups = new APIGroupListBuilder();
			RESOURCES.keySet().stream().filter((groupVersion) -> groupVersion.contains("/")).forEach((groupVersion) -> {
				GroupVersionForDiscovery version = new GroupVersionForDiscovery(groupVersion,
						groupVersion.substring(groupVersion.indexOf('/') + 1));
				groups.addToGroups(new APIGroupBuilder().withName(groupVersion.substring(0, groupVersion.indexOf('/')))
					.withVersions(version)
					.withPreferredVersion(version)
					.build());
			});
			body = groups.build();
		}
		else if (path.startsWith("/api/") || path.startsWith("/apis/")) {
			String groupVersion = path.substring(path.indexOf('/', 1) + 1);
			List<String[]> resources = RESOURCES.get(groupVersion);
			if (resources != null) {
				APIResourceListBuilder list = new APIResourceListBuilder().withGroupVersion(groupVersion);
				for (String[] resource : resources) {
					list.addToResources(new APIResourceBuilder().withName(resource[0])
						.withSingularName(resource[1].toLowerCase())
						.withKind(resource[1])
						.withNamespaced(Boolean.parseBoolean(resource[2]))
						.withVerbs("create", "delete", "get", "list", "patch", "update", "watch")
						.build());
				}
				body = list.build();
			}
		}
		if (body == null) {
			return null;
		}
		return new MockResponse().setResponseCode(200)
			.setHeader("Content-Type", "application/json")
			.setBody(this.serialization.asJson(body));
	}

	/** A request body the mock cannot store faithfully. */
	private static final class UnsupportedBodyException extends RuntimeException {

		UnsupportedBodyException(String what) {
			super("Not understood by the mock API server: " + what);
		}

	}

	private static Map<String, List<String[]>> resources() {
		Map<String, List<String[]>> resources = new LinkedHashMap<>();
		resources.put("v1",
				List.of(new String[] { "configmaps", "ConfigMap", "true" },
						new String[] { "secrets", "Secret", "true" }, new String[] { "services", "Service", "true" },
						new String[] { "serviceaccounts", "ServiceAccount", "true" },
						new String[] { "pods", "Pod", "true" }, new String[] { "namespaces", "Namespace", "false" }));
		resources.put("apps/v1", List.<String[]>of(new String[] { "deployments", "Deployment", "true" }));
		resources.put("policy/v1",
				List.<String[]>of(new String[] { "poddisruptionbudgets", "PodDisruptionBudget", "true" }));
		resources.put("autoscaling/v2",
				List.<String[]>of(new String[] { "horizontalpodautoscalers", "HorizontalPodAutoscaler", "true" }));
		resources.put("rbac.authorization.k8s.io/v1", List.of(new String[] { "roles", "Role", "true" },
				new String[] { "rolebindings", "RoleBinding", "true" }));
		resources.put("networking.k8s.io/v1",
				List.<String[]>of(new String[] { "networkpolicies", "NetworkPolicy", "true" }));
		return resources;
	}

}
