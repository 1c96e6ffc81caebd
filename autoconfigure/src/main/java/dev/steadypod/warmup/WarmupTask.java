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
import java.util.Optional;

/**
 * Work an application wants done after its web server is up and before it accepts
 * traffic, for example loading a cache or priming a connection pool. Declare it as a
 * bean; Steadypod runs every task in parallel while readiness stays
 * {@code REFUSING_TRAFFIC}.
 */
public interface WarmupTask {

	/**
	 * The name shown in {@code /actuator/warmup} and in the logs.
	 * @return the task's name
	 */
	default String name() {
		return getClass().getSimpleName();
	}

	/**
	 * Does the work. An exception marks the task as failed; the task's thread is
	 * interrupted when its timeout or the warm-up budget runs out.
	 * @throws Exception if the work fails
	 */
	void run() throws Exception;

	/**
	 * How long this task may take. Empty means only the total budget
	 * ({@code steadypod.warmup.max-duration}) applies.
	 * @return the task's own timeout, if any
	 */
	default Optional<Duration> timeout() {
		return Optional.empty();
	}

}
