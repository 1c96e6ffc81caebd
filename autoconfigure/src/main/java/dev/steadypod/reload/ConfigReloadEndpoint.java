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
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@code /actuator/configreload}: what is watched (each path marked kubelet-managed,
 * plain or subPath mount), the active configuration's fingerprint and the last 20
 * outcomes. POST checks for a change immediately; it is off unless
 * {@code management.endpoint.configreload.access=unrestricted}. Times are ISO-8601
 * instants, durations ISO-8601 durations; content hashes are shown as keyed fingerprints.
 */
@Endpoint(id = "configreload", defaultAccess = Access.READ_ONLY)
public class ConfigReloadEndpoint {

	private final ConfigReloadPipeline pipeline;

	private final List<ConfigReloadCheck> checks;

	public ConfigReloadEndpoint(ConfigReloadPipeline pipeline, List<ConfigReloadCheck> checks) {
		this.pipeline = pipeline;
		this.checks = List.copyOf(checks);
	}

	@ReadOperation
	public StatusDescriptor status() {
		List<WatchedPathDescriptor> watched = new ArrayList<>();
		for (ConfigReloadCheck check : this.checks) {
			for (WatchedLocationStatus path : check.watchedPaths()) {
				watched.add(new WatchedPathDescriptor(path.location(), path.path(), tag(path.kind().name()),
						tag(path.mount().name())));
			}
		}
		Map<String, String> fingerprints = new LinkedHashMap<>();
		this.pipeline.activeHashes()
			.forEach((source, hash) -> fingerprints.put(source, this.pipeline.fingerprint(hash)));
		var lastApplied = this.pipeline.lastApplied();
		return new StatusDescriptor(watched, this.pipeline.fingerprint(this.pipeline.activeHash()), fingerprints,
				(lastApplied != null) ? lastApplied.toString() : null,
				new ArrayList<>(this.pipeline.statusLines().values()),
				this.pipeline.recentOutcomes().stream().map(this::describe).toList());
	}

	/**
	 * Checks every route for a change now; returns the outcomes (empty when nothing
	 * changed).
	 */
	@WriteOperation
	public CheckDescriptor check() {
		List<OutcomeDescriptor> outcomes = new ArrayList<>();
		for (ConfigReloadCheck check : this.checks) {
			for (ReloadOutcome outcome : check.checkNowPerSource()) {
				outcomes.add(describe(outcome));
			}
		}
		return new CheckDescriptor(outcomes);
	}

	private OutcomeDescriptor describe(ReloadOutcome outcome) {
		return new OutcomeDescriptor(outcome.time().toString(), outcome.source(), outcome.result().tag(),
				outcome.changedKeys(), outcome.updated(), outcome.restartRequired(), outcome.unknownKeys(),
				outcome.requestAtomic(), outcome.attempt(), outcome.reason(), this.pipeline.fingerprint(outcome.hash()),
				outcome.duration().toString(), phases(outcome.timings()));
	}

	private static Map<String, String> phases(ReloadTimings timings) {
		Map<String, String> phases = new LinkedHashMap<>();
		timings.phases().forEach((name, duration) -> phases.put(name, duration.toString()));
		return phases;
	}

	private static String tag(String name) {
		return name.toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/**
	 * The endpoint's state.
	 *
	 * @param watchedPaths what the routes watch
	 * @param activeHash fingerprint of the whole active configuration
	 * @param activeHashes fingerprint per source
	 * @param lastApplied when a change was last applied (ISO-8601), or {@code null}
	 * @param status status lines of the routes
	 * @param outcomes the last outcomes, newest first
	 */
	public record StatusDescriptor(List<WatchedPathDescriptor> watchedPaths, @Nullable String activeHash,
			Map<String, String> activeHashes, @Nullable String lastApplied, List<String> status,
			List<OutcomeDescriptor> outcomes) implements OperationResponseBody {

	}

	/**
	 * One watched path.
	 *
	 * @param location as configured
	 * @param path absolute path
	 * @param kind {@code directory}, {@code file} or {@code config-tree}
	 * @param mount {@code kubelet-managed}, {@code plain} or {@code subpath}
	 */
	public record WatchedPathDescriptor(String location, String path, String kind, String mount) {

	}

	/**
	 * One outcome.
	 *
	 * @param time ISO-8601 instant
	 * @param source {@code file}, {@code secret} (a mounted Secret), {@code kubernetes}
	 * (ConfigMaps through the API) or {@code kubernetes-secret} (Secrets through the API)
	 * @param result {@code applied}, {@code rejected}, {@code failed}, {@code unchanged}
	 * @param changedKeys keys whose effective value changed
	 * @param updated what was rebound or re-created
	 * @param restartRequired changed keys that take effect only after a restart
	 * @param unknownKeys changed keys neither declared nor bound (possible typos)
	 * @param requestAtomic whether the swap ran with no request in flight
	 * @param attempt 1, or more for a retry of a failed apply
	 * @param reason why rejected or failed, or a note
	 * @param hash fingerprint of the candidate's content
	 * @param duration ISO-8601 duration from the change being noticed to the new values
	 * in effect
	 * @param phases the same time phase by phase ({@code queued}, {@code read},
	 * {@code parse}, {@code validate}, {@code drain}, {@code swap}, {@code listeners}),
	 * ISO-8601 durations
	 */
	public record OutcomeDescriptor(String time, String source, String result, List<String> changedKeys,
			List<String> updated, List<String> restartRequired, List<String> unknownKeys, boolean requestAtomic,
			int attempt, String reason, @Nullable String hash, String duration, Map<String, String> phases) {

	}

	/**
	 * What a check found.
	 *
	 * @param outcomes one per route that saw a change
	 */
	public record CheckDescriptor(List<OutcomeDescriptor> outcomes) implements OperationResponseBody {

	}

}
