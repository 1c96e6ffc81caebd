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

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.steadypod.warmup.WarmupEndpoint.HttpGetDescriptor;
import dev.steadypod.warmup.WarmupEndpoint.ProbeDescriptor;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

import org.springframework.core.env.Environment;

/**
 * Kubernetes probe settings derived from the measured start-up. The startup probe allows
 * at least twice the time the web server took to start; liveness and readiness use the
 * values the Steadypod Helm chart ships. Paths follow the configured actuator base path
 * and health endpoint mapping.
 */
final class ProbeRecommendations {

	/** Period of the startup probe, in seconds. */
	static final int STARTUP_PERIOD_SECONDS = 5;

	private ProbeRecommendations() {
	}

	/**
	 * The startup probe's failure threshold: {@code ceil(2 x timeToWebServer / period)},
	 * at least 1.
	 * @param timeToWebServer time from JVM start to {@code web_server_started}
	 * @return the failure threshold
	 */
	static int startupFailureThreshold(Duration timeToWebServer) {
		double seconds = timeToWebServer.toNanos() / 1e9;
		return Math.max(1, (int) Math.ceil(2 * seconds / STARTUP_PERIOD_SECONDS));
	}

	/**
	 * The three probes, in the shape of a container spec.
	 * @param timeToWebServer time from JVM start to {@code web_server_started}
	 * @param port the port the probes go to
	 * @param healthPath the health endpoint's path, e.g. {@code /actuator/health}
	 * @return {@code startupProbe}, {@code livenessProbe} and {@code readinessProbe}
	 */
	static Map<String, ProbeDescriptor> probes(Duration timeToWebServer, int port, String healthPath) {
		Map<String, ProbeDescriptor> probes = new LinkedHashMap<>();
		probes.put("startupProbe", new ProbeDescriptor(new HttpGetDescriptor(healthPath + "/liveness", port),
				STARTUP_PERIOD_SECONDS, null, startupFailureThreshold(timeToWebServer)));
		probes.put("livenessProbe",
				new ProbeDescriptor(new HttpGetDescriptor(healthPath + "/liveness", port), 10, 3, 3));
		probes.put("readinessProbe",
				new ProbeDescriptor(new HttpGetDescriptor(healthPath + "/readiness", port), 5, 3, 3));
		return probes;
	}

	/**
	 * The probes as a YAML block to paste under a container.
	 * @param probes the probes
	 * @return the YAML
	 */
	static String yaml(Map<String, ProbeDescriptor> probes) {
		Map<String, Object> tree = new LinkedHashMap<>();
		probes.forEach((name, probe) -> tree.put(name, probe.asMap()));
		DumperOptions options = new DumperOptions();
		options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
		options.setIndent(2);
		return new Yaml(options).dump(tree);
	}

	/**
	 * The health endpoint's path under the management server.
	 * @param environment the environment
	 * @return e.g. {@code /actuator/health}
	 */
	static String healthPath(Environment environment) {
		String basePath = environment.getProperty("management.endpoints.web.base-path", "/actuator");
		String health = environment.getProperty("management.endpoints.web.path-mapping.health", "health");
		String path = (basePath.endsWith("/") ? basePath.substring(0, basePath.length() - 1) : basePath) + "/"
				+ (health.startsWith("/") ? health.substring(1) : health);
		return path.startsWith("/") ? path : "/" + path;
	}

}
