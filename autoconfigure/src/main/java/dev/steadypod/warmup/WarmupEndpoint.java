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
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.core.env.Environment;

/**
 * {@code /actuator/warmup}: the warm-up phase, the start-up milestones, each task's
 * outcome, and the probe settings that the measured start-up calls for.
 */
@Endpoint(id = "warmup")
public class WarmupEndpoint {

	private final WarmupTracker tracker;

	private final StartupTimeline timeline;

	private final Environment environment;

	public WarmupEndpoint(WarmupTracker tracker, StartupTimeline timeline, Environment environment) {
		this.tracker = tracker;
		this.timeline = timeline;
		this.environment = environment;
	}

	@ReadOperation
	public Map<String, Object> warmup() {
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("phase", this.tracker.phase());
		body.put("elapsed", this.tracker.elapsed().toString());
		body.put("maxDuration", this.tracker.maxDuration().toString());
		body.put("overBudget", this.tracker.isOverBudget());
		body.put("startupSeconds", this.timeline.asMap());
		List<Map<String, Object>> tasks = this.tracker.outcomes().stream().map(WarmupEndpoint::describe).toList();
		body.put("tasks", tasks);
		Double webServerStarted = this.timeline.seconds(StartupTimeline.WEB_SERVER_STARTED);
		Integer port = managementPort();
		if (webServerStarted != null && port != null) {
			body.put("recommendedProbes", ProbeRecommendations.probes(webServerStarted, port));
			body.put("recommendedProbesYaml", ProbeRecommendations.yaml(webServerStarted, port));
		}
		return body;
	}

	private static Map<String, Object> describe(WarmupTaskOutcome outcome) {
		Map<String, Object> task = new LinkedHashMap<>();
		task.put("name", outcome.name());
		task.put("status", outcome.status());
		task.put("durationMillis", outcome.duration().toMillis());
		if (outcome.error() != null) {
			task.put("error", outcome.error());
		}
		return task;
	}

	private Integer managementPort() {
		// The configured port is what a pod spec needs; the local port only when it was
		// random (0).
		Integer configured = this.environment.getProperty("management.server.port", Integer.class);
		if (configured != null && configured > 0) {
			return configured;
		}
		Integer local = this.environment.getProperty("local.management.port", Integer.class);
		return (local != null) ? local : this.environment.getProperty("local.server.port", Integer.class);
	}

}
