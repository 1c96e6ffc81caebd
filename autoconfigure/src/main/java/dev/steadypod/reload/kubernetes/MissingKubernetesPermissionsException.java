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
