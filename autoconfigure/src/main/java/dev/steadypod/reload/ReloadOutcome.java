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

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What happened to one configuration change.
 *
 * @param time when the outcome was recorded
 * @param source where the change came from ({@code file}, {@code secret},
 * {@code kubernetes}, {@code kubernetes-secret})
 * @param result how it ended
 * @param changedKeys the property names whose effective value changed (never values)
 * @param reason why it was rejected or failed, or a note; empty when applied as promised
 * @param hash the content hash of the candidate, or {@code null} when there was none
 * @param duration from the change being noticed to the new values in effect (the sum of
 * the timings)
 * @param updated what was rebound or re-created (bean names, "logging levels")
 * @param restartRequired the changed keys no running consumer can pick up: they take
 * effect at the next restart
 * @param unknownKeys changed keys that no metadata declares and no bean binds (possible
 * typos, or read through {@code @Value} or the Environment)
 * @param requestAtomic whether the swap ran while no request was in flight (false: it ran
 * without that guarantee, see the reason)
 * @param attempt 1 for the first try, more for retries of a failed apply
 * @param timings where the time went, phase by phase
 */
public record ReloadOutcome(Instant time, String source, ReloadResult result, List<String> changedKeys, String reason,
		@Nullable String hash, Duration duration, List<String> updated, List<String> restartRequired,
		List<String> unknownKeys, boolean requestAtomic, int attempt, ReloadTimings timings) {

	public ReloadOutcome {
		changedKeys = List.copyOf(changedKeys);
		reason = (reason != null) ? reason : "";
		updated = List.copyOf(updated);
		restartRequired = List.copyOf(restartRequired);
		unknownKeys = List.copyOf(unknownKeys);
	}

	/**
	 * An outcome without effect details (rejected, unchanged, or recorded by a route).
	 */
	public ReloadOutcome(Instant time, String source, ReloadResult result, List<String> changedKeys, String reason,
			@Nullable String hash, Duration duration) {
		this(time, source, result, changedKeys, reason, hash, duration, List.of(), List.of(), List.of(), true, 1,
				ReloadTimings.NONE);
	}

}
