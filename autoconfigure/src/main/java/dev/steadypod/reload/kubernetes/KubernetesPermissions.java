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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Checks, once, that the service account may do what the Kubernetes API route needs
 * ({@code list} and {@code watch} on {@code configmaps} in every watched namespace, and,
 * when spring-cloud-kubernetes reads Secrets, what {@link SecretReads} lists) by trying
 * exactly those requests, and turns an HTTP 403 into one actionable message: which verbs
 * on which resource in which namespace for which service account, the Role and
 * RoleBinding that grant them, or how to switch to volume mode.
 */
public class KubernetesPermissions {

	private static final Log logger = LogFactory.getLog(KubernetesPermissions.class);

	private static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

	private static final Pattern SUBJECT = Pattern
		.compile("\"sub\"\\s*:\\s*\"system:serviceaccount:([^:\"]+):([^\"]+)\"");

	private final KubernetesClient client;

	private final Set<String> namespaces;

	private final SecretReads secrets;

	private final Function<String, String> env;

	private volatile Report report;

	public KubernetesPermissions(KubernetesClient client, Set<String> namespaces) {
		this(client, namespaces, SecretReads.NONE, System::getenv);
	}

	KubernetesPermissions(KubernetesClient client, Set<String> namespaces, SecretReads secrets) {
		this(client, namespaces, secrets, System::getenv);
	}

	KubernetesPermissions(KubernetesClient client, Set<String> namespaces, SecretReads secrets,
			Function<String, String> env) {
		this.client = client;
		this.namespaces = Set.copyOf(namespaces);
		this.secrets = secrets;
		this.env = env;
	}

	/** The namespaces whose ConfigMaps are watched. */
	public Set<String> namespaces() {
		return this.namespaces;
	}

	/** Checks once and remembers the result. */
	public Report report() {
		Report current = this.report;
		if (current == null) {
			synchronized (this) {
				if (this.report == null) {
					this.report = check();
				}
				current = this.report;
			}
		}
		return current;
	}

	/** Checks again, for example after an operator granted the permission. */
	public Report recheck() {
		Report fresh = check();
		this.report = fresh;
		return fresh;
	}

	private Report check() {
		List<Missing> missing = new ArrayList<>();
		for (String namespace : this.namespaces) {
			List<String> verbs = new ArrayList<>();
			if (forbidden(() -> this.client.configMaps()
				.inNamespace(namespace)
				.list(new ListOptionsBuilder().withLimit(1L).build()))) {
				verbs.add("list");
			}
			if (forbidden(() -> probeWatch(namespace))) {
				verbs.add("watch");
			}
			if (!verbs.isEmpty()) {
				missing.add(new Missing("configmaps", namespace, verbs, List.of()));
			}
		}
		missing.addAll(this.secrets.check(this.client, KubernetesPermissions::forbidden));
		return new Report(serviceAccount(), missing);
	}

	private void probeWatch(String namespace) {
		Watch watch = this.client.configMaps()
			.inNamespace(namespace)
			.watch(new ListOptionsBuilder().withTimeoutSeconds(1L).build(), new Watcher<ConfigMap>() {

				@Override
				public void eventReceived(Action action, ConfigMap resource) {
				}

				@Override
				public void onClose(WatcherException cause) {
				}

			});
		watch.close();
	}

	private static boolean forbidden(Runnable request) {
		try {
			request.run();
			return false;
		}
		catch (KubernetesClientException ex) {
			if (ex.getCode() == 403 || ex.getCode() == 401) {
				return true;
			}
			// Not a permission problem (API server unreachable, ...): the watch's own
			// retries cover it.
			logger.debug("Could not check Kubernetes API permissions: " + ex.getMessage());
			return false;
		}
	}

	/**
	 * The service account the pod runs as: the subject of its token, else the {@code
	 * STEADYPOD_SERVICE_ACCOUNT} variable (set it from {@code spec.serviceAccountName}
	 * with the downward API), else unknown.
	 */
	String serviceAccount() {
		String token = this.client.getConfiguration().getAutoOAuthToken();
		if (token == null) {
			token = this.client.getConfiguration().getOauthToken();
		}
		if (token == null && Files.isReadable(SERVICE_ACCOUNT_TOKEN)) {
			try {
				token = Files.readString(SERVICE_ACCOUNT_TOKEN);
			}
			catch (Exception ex) {
				token = null;
			}
		}
		String fromToken = subjectOf(token);
		if (fromToken != null) {
			return fromToken;
		}
		String fromEnv = this.env.apply("STEADYPOD_SERVICE_ACCOUNT");
		if (fromEnv != null && !fromEnv.isBlank()) {
			return fromEnv.contains(":") ? fromEnv : namespaceFallback() + ":" + fromEnv.trim();
		}
		return null;
	}

	private String namespaceFallback() {
		return this.namespaces.isEmpty() ? "default" : this.namespaces.iterator().next();
	}

	/** {@code namespace:name} from a service account token's {@code sub} claim. */
	static String subjectOf(String token) {
		if (token == null) {
			return null;
		}
		String[] parts = token.trim().split("\\.");
		if (parts.length < 2) {
			return null;
		}
		try {
			String payload = new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8);
			Matcher matcher = SUBJECT.matcher(payload);
			return matcher.find() ? matcher.group(1) + ":" + matcher.group(2) : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	/**
	 * What the check found.
	 *
	 * @param serviceAccount {@code namespace:name} of the service account, or
	 * {@code null} when unknown
	 * @param missing the missing permissions, in the order they were checked
	 */
	public record Report(String serviceAccount, List<Missing> missing) {

		public Report {
			missing = List.copyOf(missing);
		}

		/** Whether everything the route needs is allowed. */
		public boolean permitted() {
			return this.missing.isEmpty();
		}

		/** One line for the endpoint and the WARN. */
		public String summary() {
			List<String> parts = this.missing.stream().map(Missing::describe).toList();
			boolean configMaps = this.missing.stream().anyMatch((missing) -> !missing.secrets());
			boolean secrets = this.missing.stream().anyMatch(Missing::secrets);
			String unseen = (configMaps && secrets) ? "ConfigMap and Secret" : secrets ? "Secret" : "ConfigMap";
			return "Missing Kubernetes RBAC permission: " + subject() + " may not " + String.join("; ", parts)
					+ " (HTTP 403), so " + unseen + " changes are not seen through the API";
		}

		/**
		 * The full message: what is missing and the two ways to fix it, and how to start
		 * anyway.
		 */
		public String message() {
			return message(true);
		}

		/**
		 * The full message: what is missing and the two ways to fix it.
		 * @param failsStartUp whether start-up fails, so that the message tells how to
		 * start anyway ({@code false} when the application already starts without the
		 * permission)
		 * @return the message
		 */
		public String message(boolean failsStartUp) {
			return MissingPermissionsAdvice.message(this, failsStartUp);
		}

		private String subject() {
			return (this.serviceAccount != null) ? "service account \"" + this.serviceAccount + "\""
					: "the pod's service account (spec.serviceAccountName, \"default\" unless set)";
		}

	}

	/**
	 * Verbs the service account may not use on one resource in one namespace.
	 *
	 * @param resource {@code configmaps} or {@code secrets}
	 * @param namespace the namespace
	 * @param verbs the refused verbs
	 * @param resourceNames the objects the verbs were refused on, empty when the verbs
	 * are needed on every object of the namespace
	 */
	public record Missing(String resource, String namespace, List<String> verbs, List<String> resourceNames) {

		public Missing {
			verbs = List.copyOf(verbs);
			resourceNames = List.copyOf(resourceNames);
		}

		boolean secrets() {
			return "secrets".equals(this.resource);
		}

		String describe() {
			String names = this.resourceNames.stream()
				.map((name) -> "\"" + name + "\"")
				.collect(Collectors.joining(", "));
			return String.join(", ", this.verbs) + " " + this.resource + (names.isEmpty() ? "" : " " + names)
					+ " in namespace \"" + this.namespace + "\"";
		}

	}

}
