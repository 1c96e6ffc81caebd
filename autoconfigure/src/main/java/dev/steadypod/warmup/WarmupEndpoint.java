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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.steadypod.core.ProbesOnApplicationPort;
import dev.steadypod.core.SteadypodEnvironment;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.core.env.Environment;

/**
 * {@code /actuator/warmup}: the warm-up phase, the start-up milestones, each task's
 * outcome, and the probe settings that the measured start-up calls for. Durations are
 * ISO-8601 durations ({@code PT4.2S}), instants ISO-8601 timestamps.
 */
@Endpoint(id = "warmup")
public class WarmupEndpoint {

	private final StartupProgress progress;

	private final Environment environment;

	public WarmupEndpoint(StartupProgress progress, Environment environment) {
		this.progress = progress;
		this.environment = environment;
	}

	@ReadOperation
	public WarmupDescriptor warmup() {
		Map<String, Duration> startup = new LinkedHashMap<>();
		this.progress.milestones().forEach((milestone, time) -> startup.put(milestone.tagValue(), time));
		List<TaskDescriptor> tasks = this.progress.outcomes()
			.stream()
			.map((outcome) -> new TaskDescriptor(outcome.name(), outcome.status(), outcome.duration(), outcome.error()))
			.toList();
		Duration webServerStarted = this.progress.milestone(StartupMilestone.WEB_SERVER_STARTED);
		OptionalInt port = probePort();
		Map<String, ProbeDescriptor> probes = null;
		String yaml = null;
		if (webServerStarted != null && port.isPresent()) {
			probes = ProbeRecommendations.probes(webServerStarted, port.getAsInt(),
					ProbeRecommendations.healthPath(this.environment));
			yaml = ProbeRecommendations.yaml(probes);
		}
		String warning = ProbesOnApplicationPort.applies(this.environment) ? ProbesOnApplicationPort.WARNING : null;
		return new WarmupDescriptor(this.progress.phase(), this.progress.elapsed(), this.progress.maxDuration(),
				this.progress.isOverBudget(), this.progress.failure(), this.progress.jvmStartedAt(), startup, tasks,
				probes, yaml, warning);
	}

	private OptionalInt probePort() {
		// The configured port is what a pod spec needs; the local port only when it was
		// random (0).
		Integer configured = this.environment.getProperty("management.server.port", Integer.class);
		if (configured != null && configured > 0) {
			return OptionalInt.of(configured);
		}
		Integer local = this.environment.getProperty("local.management.port", Integer.class);
		return (local != null) ? OptionalInt.of(local) : SteadypodEnvironment.applicationPort(this.environment);
	}

	/**
	 * The response of {@code /actuator/warmup}.
	 *
	 * @param phase the warm-up phase
	 * @param elapsed time spent warming up (so far, or in total once warm)
	 * @param maxDuration the warm-up budget
	 * @param overBudget whether warm-up ran over its budget
	 * @param failure why start-up was aborted, in phase FAILED
	 * @param jvmStartedAt when the JVM started
	 * @param startup time from JVM start to each milestone reached
	 * @param tasks each task's outcome
	 * @param recommendedProbes the probes the measured start-up calls for
	 * @param recommendedProbesYaml the same probes as YAML
	 * @param warning what is wrong with where the probes are served
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record WarmupDescriptor(WarmupPhase phase, Duration elapsed, Duration maxDuration, boolean overBudget,
			@Nullable String failure, Instant jvmStartedAt, Map<String, Duration> startup, List<TaskDescriptor> tasks,
			@Nullable Map<String, ProbeDescriptor> recommendedProbes, @Nullable String recommendedProbesYaml,
			@Nullable String warning) implements OperationResponseBody {

	}

	/**
	 * One warm-up task's outcome.
	 *
	 * @param name the task's name
	 * @param status how it ended
	 * @param duration how long it ran
	 * @param error what went wrong
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record TaskDescriptor(String name, WarmupTaskOutcome.Status status, Duration duration,
			@Nullable String error) {

	}

	/**
	 * A recommended Kubernetes probe.
	 *
	 * @param httpGet where the kubelet sends it
	 * @param periodSeconds how often
	 * @param timeoutSeconds how long it may take, or the Kubernetes default
	 * @param failureThreshold how many failures in a row count
	 */
	@JsonInclude(JsonInclude.Include.NON_NULL)
	public record ProbeDescriptor(HttpGetDescriptor httpGet, int periodSeconds, @Nullable Integer timeoutSeconds,
			int failureThreshold) {

		Map<String, Object> asMap() {
			Map<String, Object> probe = new LinkedHashMap<>();
			probe.put("httpGet", Map.of("path", this.httpGet.path(), "port", this.httpGet.port()));
			probe.put("periodSeconds", this.periodSeconds);
			if (this.timeoutSeconds != null) {
				probe.put("timeoutSeconds", this.timeoutSeconds);
			}
			probe.put("failureThreshold", this.failureThreshold);
			return probe;
		}

	}

	/**
	 * The HTTP target of a probe.
	 *
	 * @param path the path on the management server
	 * @param port the port
	 */
	public record HttpGetDescriptor(String path, int port) {

	}

}
