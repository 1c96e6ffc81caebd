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

import dev.steadypod.reload.kubernetes.KubernetesPermissions.Missing;
import dev.steadypod.reload.kubernetes.KubernetesPermissions.Report;
import org.jspecify.annotations.Nullable;

/**
 * The fix for missing RBAC permissions, as the start-up failure report and the WARN show
 * it: a Role and RoleBinding per resource and namespace (limited by {@code resourceNames}
 * to the Secrets read by name), or volume mode instead.
 */
final class MissingPermissionsAdvice {

	private MissingPermissionsAdvice() {
	}

	/**
	 * The full message: what is missing and the two ways to fix it.
	 * @param report what the check found
	 * @param failsStartUp whether start-up fails
	 * @return the message
	 */
	static String message(Report report, boolean failsStartUp) {
		StringBuilder message = new StringBuilder(report.summary()).append(".\n");
		message.append("Fix it in one of two ways:\n");
		message.append("1. Grant the permission (kubectl apply -f):\n");
		String account = accountName(report.serviceAccount());
		for (Missing missing : report.missing()) {
			String role = missing.secrets() ? "steadypod-secret-reader" : "steadypod-config-reader";
			message.append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata:\n")
				.append("  name: ")
				.append(role)
				.append("\n  namespace: ")
				.append(missing.namespace())
				.append("\nrules:\n- apiGroups: [\"\"]\n  resources: [\"")
				.append(missing.resource())
				.append("\"]\n");
			if (!missing.resourceNames().isEmpty()) {
				message.append("  resourceNames: [")
					.append(String.join(", ", missing.resourceNames().stream().map((n) -> "\"" + n + "\"").toList()))
					.append("]\n");
			}
			message.append("  verbs: [\"get\", \"list\", \"watch\"]\n");
			message.append("---\napiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata:\n")
				.append("  name: ")
				.append(role)
				.append("\n  namespace: ")
				.append(missing.namespace())
				.append("\nroleRef:\n  apiGroup: rbac.authorization.k8s.io\n  kind: Role\n  name: ")
				.append(role)
				.append("\nsubjects:\n- kind: ServiceAccount\n  name: ")
				.append(account)
				.append("\n  namespace: ")
				.append(accountNamespace(report.serviceAccount(), missing.namespace()))
				.append("\n");
		}
		if (report.missing().stream().anyMatch((missing) -> missing.secrets() && missing.resourceNames().isEmpty())) {
			message.append("   (Listing every Secret of a namespace is what spring-cloud-kubernetes' BATCH read and")
				.append(" label selectors need, and watching them what its Secret watcher")
				.append(" (spring.cloud.kubernetes.reload.monitoring-secrets=true) needs for labels or profiles.")
				.append(" To grant only the Secrets the app reads, name them in")
				.append(" spring.cloud.kubernetes.secrets.sources and set")
				.append(" spring.cloud.kubernetes.secrets.read-type=SINGLE: a Role with resourceNames then")
				.append(" suffices.)\n");
		}
		message.append("2. Or switch to volume mode: mount the ConfigMap (and any Secret) as a volume (not with")
			.append(" subPath), import it with spring.config.import=optional:configtree:/etc/config/ (or")
			.append(" optional:file:/etc/config/) instead of kubernetes:, and set")
			.append(" spring.cloud.kubernetes.reload.enabled=false.\n");
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

	private static String accountName(@Nullable String serviceAccount) {
		if (serviceAccount == null) {
			return "default  # the pod's spec.serviceAccountName";
		}
		return serviceAccount.substring(serviceAccount.indexOf(':') + 1);
	}

	private static String accountNamespace(@Nullable String serviceAccount, String fallback) {
		if (serviceAccount == null || !serviceAccount.contains(":")) {
			return fallback;
		}
		return serviceAccount.substring(0, serviceAccount.indexOf(':'));
	}

}
