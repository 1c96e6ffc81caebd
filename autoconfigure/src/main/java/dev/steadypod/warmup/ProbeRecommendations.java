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

package dev.steadypod.warmup;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Kubernetes probe settings derived from the measured start-up. The startup probe allows
 * at least twice the time the web server took to start; liveness and readiness use the
 * values the Steadypod Helm chart ships. All probes target the management port.
 */
public final class ProbeRecommendations {

	/** Period of the startup probe, in seconds. */
	public static final int STARTUP_PERIOD_SECONDS = 5;

	private ProbeRecommendations() {
	}

	/**
	 * The startup probe's failure threshold:
	 * {@code ceil(2 x secondsToWebServer / period)}, at least 1.
	 * @param secondsToWebServer seconds from JVM start to {@code web_server_started}
	 * @return the failure threshold
	 */
	public static int startupFailureThreshold(double secondsToWebServer) {
		return Math.max(1, (int) Math.ceil(2 * secondsToWebServer / STARTUP_PERIOD_SECONDS));
	}

	/**
	 * The three probes as nested maps, in the shape of a container spec.
	 * @param secondsToWebServer seconds from JVM start to {@code web_server_started}
	 * @param port the management port
	 * @return {@code startupProbe}, {@code livenessProbe} and {@code readinessProbe}
	 */
	public static Map<String, Object> probes(double secondsToWebServer, int port) {
		Map<String, Object> probes = new LinkedHashMap<>();
		probes.put("startupProbe", probe("/actuator/health/liveness", port, STARTUP_PERIOD_SECONDS, null,
				startupFailureThreshold(secondsToWebServer)));
		probes.put("livenessProbe", probe("/actuator/health/liveness", port, 10, 3, 3));
		probes.put("readinessProbe", probe("/actuator/health/readiness", port, 5, 3, 3));
		return probes;
	}

	/**
	 * The same probes as a YAML block to paste under a container.
	 * @param secondsToWebServer seconds from JVM start to {@code web_server_started}
	 * @param port the management port
	 * @return the YAML
	 */
	@SuppressWarnings("unchecked")
	public static String yaml(double secondsToWebServer, int port) {
		StringBuilder yaml = new StringBuilder();
		probes(secondsToWebServer, port).forEach((name, value) -> {
			Map<String, Object> probe = (Map<String, Object>) value;
			Map<String, Object> httpGet = (Map<String, Object>) probe.get("httpGet");
			yaml.append(name).append(":\n");
			yaml.append("  httpGet:\n");
			yaml.append("    path: ").append(httpGet.get("path")).append('\n');
			yaml.append("    port: ").append(httpGet.get("port")).append('\n');
			probe.forEach((key, setting) -> {
				if (!key.equals("httpGet")) {
					yaml.append("  ").append(key).append(": ").append(setting).append('\n');
				}
			});
		});
		return yaml.toString();
	}

	private static Map<String, Object> probe(String path, int port, int period, Integer timeout, int failureThreshold) {
		Map<String, Object> probe = new LinkedHashMap<>();
		probe.put("httpGet", Map.of("path", path, "port", port));
		probe.put("periodSeconds", period);
		if (timeout != null) {
			probe.put("timeoutSeconds", timeout);
		}
		probe.put("failureThreshold", failureThreshold);
		return probe;
	}

}
