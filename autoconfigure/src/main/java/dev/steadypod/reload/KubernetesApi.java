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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.core.env.Environment;

/**
 * The smallest client of the in-cluster Kubernetes API: the JDK's HTTP client, the pod's
 * service-account token (re-read for every call, because projected tokens rotate) and the
 * cluster CA. It keeps the base starter free of a Kubernetes client library.
 */
final class KubernetesApi {

	/** Where the kubelet mounts the service-account token, CA and namespace. */
	static final Path SERVICE_ACCOUNT = Path.of("/var/run/secrets/kubernetes.io/serviceaccount");

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private final URI server;

	private final Path tokenFile;

	private final HttpClient client;

	KubernetesApi(URI server, Path tokenFile, @Nullable Path caFile) {
		this.server = server;
		this.tokenFile = tokenFile;
		HttpClient.Builder builder = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.connectTimeout(TIMEOUT);
		if (caFile != null) {
			PemSslStoreBundle trust = new PemSslStoreBundle(null,
					PemSslStoreDetails.forCertificates(caFile.toUri().toString()));
			builder.sslContext(SslBundle.of(trust).createSslContext());
		}
		this.client = builder.build();
	}

	/**
	 * Why this process cannot call the API of the cluster it runs in: not on Kubernetes
	 * ({@code KUBERNETES_SERVICE_HOST} unset) or no service-account token mounted.
	 * @param environment where {@code KUBERNETES_SERVICE_HOST} is read
	 * @param serviceAccount the service-account directory
	 * @return the reason, or empty when {@link #inCluster} can be called
	 */
	static Optional<String> whyNotInCluster(Environment environment, Path serviceAccount) {
		String host = environment.getProperty("KUBERNETES_SERVICE_HOST");
		if (host == null || host.isBlank()) {
			return Optional.of("not running on Kubernetes (KUBERNETES_SERVICE_HOST is not set)");
		}
		if (!Files.isReadable(serviceAccount.resolve("token")) || !Files.isReadable(serviceAccount.resolve("ca.crt"))) {
			return Optional
				.of("no service-account token at " + serviceAccount + " (automountServiceAccountToken is false?)");
		}
		return Optional.empty();
	}

	/**
	 * A client for the API server of the cluster this pod runs in.
	 * @param environment where {@code KUBERNETES_SERVICE_HOST} and {@code _PORT} are read
	 * @param serviceAccount the service-account directory with the token and CA
	 * @return the client
	 * @throws IllegalStateException when the cluster CA cannot be read
	 */
	static KubernetesApi inCluster(Environment environment, Path serviceAccount) {
		String host = environment.getRequiredProperty("KUBERNETES_SERVICE_HOST");
		String port = environment.getProperty("KUBERNETES_SERVICE_PORT", "443");
		String authority = host.contains(":") ? "[" + host + "]:" + port : host + ":" + port;
		Path ca = serviceAccount.resolve("ca.crt");
		try {
			return new KubernetesApi(URI.create("https://" + authority), serviceAccount.resolve("token"), ca);
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("cannot read the cluster CA " + ca + ": " + ex.getMessage(), ex);
		}
	}

	/** The pod's namespace from the service-account directory, if mounted. */
	static Optional<String> podNamespace(Path serviceAccount) {
		try {
			String namespace = Files.readString(serviceAccount.resolve("namespace"), StandardCharsets.UTF_8).trim();
			return namespace.isEmpty() ? Optional.empty() : Optional.of(namespace);
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	Response get(String path) throws IOException, InterruptedException {
		return send(request(path).GET().build());
	}

	Response mergePatch(String path, String json) throws IOException, InterruptedException {
		return send(request(path).header("Content-Type", "application/merge-patch+json")
			.method("PATCH", HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
			.build());
	}

	private HttpRequest.Builder request(String path) throws IOException {
		String token = Files.readString(this.tokenFile, StandardCharsets.UTF_8).trim();
		return HttpRequest.newBuilder(this.server.resolve(path))
			.timeout(TIMEOUT)
			.header("Authorization", "Bearer " + token)
			.header("Accept", "application/json");
	}

	private Response send(HttpRequest request) throws IOException, InterruptedException {
		HttpResponse<String> response = this.client.send(request,
				HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
		return new Response(response.statusCode(), response.body());
	}

	/** Status code and body of an API response. */
	record Response(int status, String body) {

		boolean isSuccessful() {
			return this.status >= 200 && this.status < 300;
		}

	}

}
