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

/**
 * Where an application is on its way to serving traffic.
 */
public enum WarmupPhase {

	/** The context is starting; warm-up has not begun. */
	STARTING,

	/**
	 * The web server is up and the warm-up tasks are running; readiness refuses traffic.
	 */
	WARMING_UP,

	/**
	 * Warm-up is over, within its budget or not; the application serves and liveness
	 * checks count.
	 */
	WARM,

	/**
	 * Warm-up failed with {@code steadypod.warmup.fail-on-error=true}: start-up is
	 * aborted and the pod never serves.
	 */
	FAILED

}
