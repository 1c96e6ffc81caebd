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

package dev.steadypod.liveness;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A check of the process itself, never of its dependencies: if it fails, restarting the
 * pod is the cure. Declare one as a bean: it becomes its own health contributor, named
 * {@link #name()}, in the liveness group (unless you set the group's {@code include}
 * yourself), switchable with {@code management.health.<name>.enabled}. While the
 * application warms up a failure is reported but does not count (the contributor stays UP
 * and lists it as {@code suppressedFailure}); once warm it makes the contributor DOWN.
 */
public interface LivenessCheck {

	/**
	 * The name under which the check appears in the liveness details.
	 * @return the check's name
	 */
	String name();

	/**
	 * Runs the check. It must be fast: it runs on every liveness probe.
	 * @return the result
	 */
	Result check();

	/**
	 * The result of a check.
	 *
	 * @param healthy whether the process passed
	 * @param reason why it failed, or {@code null} when healthy
	 * @param details what an operator needs to act
	 */
	record Result(boolean healthy, @Nullable String reason, Map<String, Object> details) {

		public static Result healthy(Map<String, Object> details) {
			return new Result(true, null, details);
		}

		public static Result failed(String reason, Map<String, Object> details) {
			return new Result(false, reason, details);
		}

	}

}
