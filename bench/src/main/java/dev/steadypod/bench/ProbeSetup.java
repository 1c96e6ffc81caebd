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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.steadypod.testsupport.kubelet.ProbeSpec;
import org.yaml.snakeyaml.Yaml;

/**
 * One way of probing the demo: the probes the kubelet runs, where they go and which
 * health groups answer them.
 *
 * @param id the short name used in properties and logs
 * @param label the name in the table
 * @param sharedPort whether the management server shares the application port
 * @param startup the startup probe, or null
 * @param liveness the liveness probe
 * @param readiness the readiness probe
 * @param args the demo's arguments that make the health groups
 */
record ProbeSetup(String id, String label, boolean sharedPort, ProbeSpec startup, ProbeSpec liveness,
		ProbeSpec readiness, List<String> args) {

	/**
	 * Spring Boot's own liveness and readiness groups, without Steadypod's contributors.
	 */
	private static final List<String> BOOT_GROUPS = List.of(
			"--management.endpoint.health.group.liveness.include=livenessState",
			"--management.endpoint.health.group.readiness.include=readinessState");

	/** The dependency check in both groups, as the source's service had it. */
	private static final List<String> DEPENDENCY_IN_BOTH = List.of(
			"--management.endpoint.health.group.liveness.include=livenessState,dependency",
			"--management.endpoint.health.group.readiness.include=readinessState,dependency");

	static final List<String> IDS = List.of("k8s-defaults", "boot-documented", "source-design", "chart", "legacy-a");

	static ProbeSetup of(String id, Path values) throws IOException {
		return switch (id) {
			case "k8s-defaults" -> kubernetesDefaults();
			case "boot-documented" -> bootDocumented();
			case "source-design" -> sourceDesign();
			case "chart" -> chart(values, List.of());
			case "legacy-a" -> legacyA();
			default -> throw new IllegalArgumentException(
					"Unknown probe setup '" + id + "'; known: " + String.join(", ", IDS));
		};
	}

	/**
	 * Kubernetes' defaults (period 10 s, timeout 1 s, failureThreshold 3, no initial
	 * delay, no startup probe) on Spring Boot's probe paths, served by the application
	 * port (no separate management port).
	 */
	static ProbeSetup kubernetesDefaults() {
		return new ProbeSetup("k8s-defaults", "(a) Kubernetes defaults, application port", true, null,
				ProbeSpec.of("/actuator/health/liveness", false), ProbeSpec.of("/actuator/health/readiness", false),
				BOOT_GROUPS);
	}

	/**
	 * Spring Boot's documented probes: the liveness and readiness groups with their
	 * default members, on a separate management port; Kubernetes' default probe values.
	 */
	static ProbeSetup bootDocumented() {
		return new ProbeSetup("boot-documented", "(b) Spring Boot's documented probes, management port", false, null,
				ProbeSpec.of("/actuator/health/liveness", true), ProbeSpec.of("/actuator/health/readiness", true),
				BOOT_GROUPS);
	}

	/**
	 * The source's design: (b) with the dependency check in the liveness and readiness
	 * groups and the 5 s initial delay the source's team reported.
	 */
	static ProbeSetup sourceDesign() {
		return new ProbeSetup("source-design", "(c) source's design: dependency in liveness", false, null,
				ProbeSpec.of("/actuator/health/liveness", true).initialDelaySeconds(5),
				ProbeSpec.of("/actuator/health/readiness", true).initialDelaySeconds(5), DEPENDENCY_IN_BOTH);
	}

	/**
	 * The first setup of the earlier runs, kept reproducible: probes on the application
	 * port, the dependency in liveness, initialDelaySeconds 30, no startup probe.
	 */
	static ProbeSetup legacyA() {
		ProbeSpec liveness = ProbeSpec.of("/actuator/health/liveness", false).initialDelaySeconds(30);
		ProbeSpec readiness = ProbeSpec.of("/actuator/health/readiness", false).initialDelaySeconds(30);
		return new ProbeSetup("legacy-a", "earlier setup A: application port, dependency in liveness, delay 30 s", true,
				null, liveness, readiness,
				List.of("--management.endpoint.health.group.liveness.include=livenessState,dependency"));
	}

	/**
	 * The Steadypod chart's probes, read from the chart's values, with Steadypod's
	 * default groups.
	 * @param values the chart's values.yaml
	 * @param extraArgs further demo arguments
	 * @return the setup
	 * @throws IOException if the values cannot be read
	 */
	@SuppressWarnings("unchecked")
	static ProbeSetup chart(Path values, List<String> extraArgs) throws IOException {
		Map<String, Object> root = new Yaml().load(Files.readString(values));
		Map<String, Object> probes = (Map<String, Object>) root.get("probes");
		Map<String, Object> startup = (Map<String, Object>) probes.get("startup");
		Map<String, Object> liveness = (Map<String, Object>) probes.get("liveness");
		Map<String, Object> readiness = (Map<String, Object>) probes.get("readiness");
		int startupPeriod = (Integer) startup.get("periodSeconds");
		int expected = ((Number) startup.get("expectedSeconds")).intValue();
		// The chart's formula: failureThreshold = ceil(2 x expectedSeconds /
		// periodSeconds).
		int startupFailures = (int) Math.ceil(2.0 * expected / startupPeriod);
		ProbeSpec startupProbe = ProbeSpec.of("/actuator/health/liveness", true)
			.periodSeconds(startupPeriod)
			.failureThreshold(startupFailures);
		ProbeSpec livenessProbe = ProbeSpec.of("/actuator/health/liveness", true)
			.periodSeconds((Integer) liveness.get("periodSeconds"))
			.timeoutSeconds((Integer) liveness.get("timeoutSeconds"))
			.failureThreshold((Integer) liveness.get("failureThreshold"));
		ProbeSpec readinessProbe = ProbeSpec.of("/actuator/health/readiness", true)
			.periodSeconds((Integer) readiness.get("periodSeconds"))
			.timeoutSeconds((Integer) readiness.get("timeoutSeconds"))
			.failureThreshold((Integer) readiness.get("failureThreshold"));
		return new ProbeSetup("chart", "(d) Steadypod chart, management port", false, startupProbe, livenessProbe,
				readinessProbe, List.copyOf(extraArgs));
	}

	/**
	 * The chart's values, from the repository root or from bench/ (as the exec plugin
	 * runs).
	 */
	static Path chartValues() {
		Path values = Path.of("helm/steadypod/values.yaml");
		return Files.isRegularFile(values) ? values : Path.of("..").resolve(values);
	}

	ProbeSetup withArgs(String label, List<String> more) {
		List<String> all = new ArrayList<>(this.args);
		all.addAll(more);
		return new ProbeSetup(this.id, label, this.sharedPort, this.startup, this.liveness, this.readiness, all);
	}

	/** The probes as the table states them. */
	String describe() {
		List<String> parts = new ArrayList<>();
		if (this.startup != null) {
			parts.add("startup " + describe(this.startup));
		}
		else {
			parts.add("no startup probe");
		}
		parts.add("liveness " + describe(this.liveness));
		parts.add("readiness " + describe(this.readiness));
		parts.add(this.sharedPort ? "application port" : "management port");
		return String.join("; ", parts);
	}

	private static String describe(ProbeSpec probe) {
		String delay = (probe.initialDelaySeconds() > 0) ? "delay " + probe.initialDelaySeconds() + "/" : "";
		return delay + "period " + probe.periodSeconds() + "/timeout " + probe.timeoutSeconds() + "/failures "
				+ probe.failureThreshold();
	}

}
