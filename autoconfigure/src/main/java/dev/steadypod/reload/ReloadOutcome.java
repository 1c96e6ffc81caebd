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

/**
 * What happened to one configuration change.
 *
 * @param time when the outcome was recorded
 * @param source where the change came from ({@code file}, {@code kubernetes})
 * @param result how it ended
 * @param changedKeys the property names whose effective value changed (never values)
 * @param reason why it was rejected or failed, or a note; empty when applied
 * @param hash the content hash of the candidate, or {@code null} when there was none
 * @param duration how long validating and applying took
 */
public record ReloadOutcome(Instant time, String source, ReloadResult result, List<String> changedKeys, String reason,
		String hash, Duration duration) {

	public ReloadOutcome {
		changedKeys = List.copyOf(changedKeys);
		reason = (reason != null) ? reason : "";
	}

}
