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
