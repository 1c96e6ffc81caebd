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

package dev.steadypod.bench;

import java.util.List;

/**
 * The demo app's arguments for reading its ConfigMap through the Kubernetes API.
 */
final class ApiRoute {

	private ApiRoute() {
	}

	static String[] args(String masterUrl, String namespace, String name, boolean steadypodRoute) {
		List<String> args = List.of("--spring.main.cloud-platform=kubernetes", "--spring.config.import=kubernetes:",
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
