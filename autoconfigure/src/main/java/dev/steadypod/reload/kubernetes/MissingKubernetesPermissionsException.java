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

/**
 * Start-up stops because the service account may not read or watch the ConfigMaps that
 * the Kubernetes API route reloads, and
 * {@code steadypod.reload.fail-on-missing-permissions} is true.
 */
public class MissingKubernetesPermissionsException extends RuntimeException {

	private final transient KubernetesPermissions.Report report;

	public MissingKubernetesPermissionsException(KubernetesPermissions.Report report) {
		super(report.message());
		this.report = report;
	}

	/** What is missing. */
	public KubernetesPermissions.Report getReport() {
		return this.report;
	}

}
