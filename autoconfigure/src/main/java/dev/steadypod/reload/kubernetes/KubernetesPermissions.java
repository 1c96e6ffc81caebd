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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
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
 * ({@code list} and {@code watch} on {@code configmaps} in every watched namespace) by
 * trying exactly those requests, and turns an HTTP 403 into one actionable message: which
 * verbs on which resource in which namespace for which service account, the Role and
 * RoleBinding that grant them, or how to switch to volume mode.
 */
public class KubernetesPermissions {

	private static final Log logger = LogFactory.getLog(KubernetesPermissions.class);

	private static final Path SERVICE_ACCOUNT_TOKEN = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/token");

	private static final Pattern SUBJECT = Pattern
		.compile("\"sub\"\\s*:\\s*\"system:serviceaccount:([^:\"]+):([^\"]+)\"");

	private final KubernetesClient client;

	private final Set<String> namespaces;

	private final Function<String, String> env;

	private volatile Report report;

	public KubernetesPermissions(KubernetesClient client, Set<String> namespaces) {
		this(client, namespaces, System::getenv);
	}

	KubernetesPermissions(KubernetesClient client, Set<String> namespaces, Function<String, String> env) {
		this.client = client;
		this.namespaces = Set.copyOf(namespaces);
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
		Map<String, List<String>> missing = new LinkedHashMap<>();
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
				missing.put(namespace, verbs);
			}
		}
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
	 * @param missing the missing verbs on configmaps per namespace
	 */
	public record Report(String serviceAccount, Map<String, List<String>> missing) {

		public Report {
			missing = Map.copyOf(missing);
		}

		/** Whether everything the route needs is allowed. */
		public boolean permitted() {
			return this.missing.isEmpty();
		}

		/** One line for the endpoint and the WARN. */
		public String summary() {
			StringBuilder summary = new StringBuilder("Missing Kubernetes RBAC permission: ").append(subject())
				.append(" may not ");
			List<String> parts = new ArrayList<>();
			new TreeMap<>(this.missing).forEach((namespace, verbs) -> parts
				.add(String.join(", ", verbs) + " configmaps in namespace \"" + namespace + "\""));
			summary.append(String.join("; ", parts))
				.append(" (HTTP 403), so ConfigMap changes are not seen through the API");
			return summary.toString();
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
			StringBuilder message = new StringBuilder(summary()).append(".\n");
			message.append("Fix it in one of two ways:\n");
			message.append("1. Grant the permission (kubectl apply -f):\n");
			String account = accountName();
			new TreeMap<>(this.missing).forEach((namespace, verbs) -> {
				message.append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n")
					.append("  name: steadypod-config-reader\n  namespace: ")
					.append(namespace)
					.append("\nrules:\n- apiGroups: [\"\"]\n  resources: [\"configmaps\"]\n")
					.append("  verbs: [\"get\", \"list\", \"watch\"]\n");
				message.append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n")
					.append("  name: steadypod-config-reader\n  namespace: ")
					.append(namespace)
					.append("\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n")
					.append("  name: steadypod-config-reader\nsubjects:\n- kind: ServiceAccount\n  name: ")
					.append(account)
					.append("\n  namespace: ")
					.append(accountNamespace(namespace))
					.append("\n");
			});
			message.append("2. Or switch to volume mode: mount the ConfigMap as a volume (not with subPath), import it")
				.append(" with spring.config.import=optional:configtree:/etc/config/ (or optional:file:/etc/config/)")
				.append(" instead of kubernetes:, and set spring.cloud.kubernetes.reload.enabled=false.\n");
			if (failsStartUp) {
				message.append("To start anyway and keep reloading from mounted volumes only, set")
					.append(" steadypod.reload.fail-on-missing-permissions=false.");
			}
			else {
				message.append("Started anyway (steadypod.reload.fail-on-missing-permissions=false): reloading from")
					.append(" mounted volumes only until the permission is granted.");
			}
			return message.toString();
		}

		private String subject() {
			return (this.serviceAccount != null) ? "service account \"" + this.serviceAccount + "\""
					: "the pod's service account (spec.serviceAccountName, \"default\" unless set)";
		}

		private String accountName() {
			if (this.serviceAccount == null) {
				return "default  # the pod's spec.serviceAccountName";
			}
			return this.serviceAccount.substring(this.serviceAccount.indexOf(':') + 1);
		}

		private String accountNamespace(String fallback) {
			if (this.serviceAccount == null || !this.serviceAccount.contains(":")) {
				return fallback;
			}
			return this.serviceAccount.substring(0, this.serviceAccount.indexOf(':'));
		}

	}

}
