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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Prints the missing RBAC permission and its two fixes as Spring Boot's start-up failure
 * report instead of a stack trace ending in a bare HTTP 403.
 */
class MissingKubernetesPermissionsFailureAnalyzer
		extends AbstractFailureAnalyzer<MissingKubernetesPermissionsException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, MissingKubernetesPermissionsException cause) {
		String message = cause.getMessage();
		int fix = message.indexOf("Fix it in one of two ways:");
		String description = (fix > 0) ? message.substring(0, fix).trim() : message;
		String action = (fix > 0) ? message.substring(fix)
				: "Grant list and watch on configmaps to the service account.";
		return new FailureAnalysis(description, action, cause);
	}

}
