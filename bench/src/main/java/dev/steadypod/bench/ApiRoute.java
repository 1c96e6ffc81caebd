package dev.steadypod.bench;

import java.util.List;

/**
 * The demo app's arguments for reading its ConfigMap through the Kubernetes API.
 */
final class ApiRoute {

	private ApiRoute() {
	}

	static String[] args(String masterUrl, String namespace, String name, boolean steadypodRoute) {
		List<String> args = List.of("--spring.main.cloud-platform=kubernetes",
				"--spring.config.import=kubernetes:",
				"--spring.cloud.kubernetes.client.master-url=" + masterUrl,
				"--spring.cloud.kubernetes.client.namespace=" + namespace,
				"--spring.cloud.kubernetes.client.trust-certs=true",
				"--spring.cloud.kubernetes.config.sources[0].name=" + name,
				"--spring.cloud.kubernetes.config.sources[0].namespace=" + namespace,
				"--spring.cloud.kubernetes.reload.enabled=true", "--spring.cloud.kubernetes.secrets.enabled=false",
				"--steadypod.reload.kubernetes.enabled=" + steadypodRoute);
		return args.toArray(String[]::new);
	}

}
