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
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * What rehearsing a route's current configuration found: everything a change goes through
 * except the swap, and, before readiness, the running configuration re-applied.
 *
 * @param source the route ({@code file}, {@code kubernetes})
 * @param keys how many keys the route's configuration holds
 * @param beans how many properties beans were bound from it
 * @param problems what would reject this very configuration if it arrived as a change
 * (property names and reasons, never values)
 * @param duration how long the rehearsal took
 * @param reapplied how long re-applying the running configuration took (within
 * {@code duration}), or {@code null} when it was not re-applied
 */
public record ReloadRehearsal(String source, int keys, int beans, List<String> problems, Duration duration,
		@Nullable Duration reapplied) {

	public ReloadRehearsal {
		problems = List.copyOf(problems);
	}

}
