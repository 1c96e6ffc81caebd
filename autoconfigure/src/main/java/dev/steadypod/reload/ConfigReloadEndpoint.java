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

package dev.steadypod.reload;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/configreload}: what is watched (each path marked kubelet-managed,
 * plain or subPath mount), the active content hash and the last 20 outcomes. POST checks
 * for a change immediately.
 */
@Endpoint(id = "configreload")
public class ConfigReloadEndpoint {

	private final ConfigReloadPipeline pipeline;

	private final List<ConfigReloadCheck> checks;

	public ConfigReloadEndpoint(ConfigReloadPipeline pipeline, List<ConfigReloadCheck> checks) {
		this.pipeline = pipeline;
		this.checks = List.copyOf(checks);
	}

	@ReadOperation
	public Map<String, Object> status() {
		Map<String, Object> status = new LinkedHashMap<>();
		List<Map<String, Object>> watched = new ArrayList<>();
		for (ConfigReloadCheck check : this.checks) {
			for (WatchedLocationStatus path : check.watchedPaths()) {
				Map<String, Object> entry = new LinkedHashMap<>();
				entry.put("location", path.location());
				entry.put("path", path.path());
				entry.put("kind", path.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
				entry.put("mount", path.mount().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
				watched.add(entry);
			}
		}
		status.put("watchedPaths", watched);
		status.put("activeHash", this.pipeline.activeHash());
		status.put("activeHashes", this.pipeline.activeHashes());
		status.put("lastApplied", this.pipeline.lastApplied());
		status.put("status", new ArrayList<>(this.pipeline.statusLines().values()));
		status.put("outcomes", this.pipeline.recentOutcomes().stream().map(ConfigReloadEndpoint::describe).toList());
		return status;
	}

	/**
	 * Checks every route for a change now; returns the outcomes (empty when nothing
	 * changed).
	 */
	@WriteOperation
	public Map<String, Object> check() {
		List<Map<String, Object>> outcomes = new ArrayList<>();
		for (ConfigReloadCheck check : this.checks) {
			ReloadOutcome outcome = check.checkNow();
			if (outcome != null) {
				outcomes.add(describe(outcome));
			}
		}
		return Map.of("outcomes", outcomes);
	}

	private static Map<String, Object> describe(ReloadOutcome outcome) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("time", outcome.time().toString());
		entry.put("source", outcome.source());
		entry.put("result", outcome.result().tag());
		entry.put("changedKeys", outcome.changedKeys());
		entry.put("reason", outcome.reason());
		entry.put("hash", outcome.hash());
		entry.put("durationMillis", outcome.duration().toNanos() / 1_000_000.0);
		return entry;
	}

}
