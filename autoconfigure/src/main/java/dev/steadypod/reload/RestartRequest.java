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

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import dev.steadypod.reload.ReloadProperties.OnRestartRequired;

/**
 * What was done about an applied change whose keys only take effect after a restart.
 *
 * @param time when the restart was considered
 * @param source where the change came from
 * @param keys the changed keys that need a restart
 * @param configHash the configuration hash the request carries (a short prefix of the
 * content hash)
 * @param action the configured {@code steadypod.reload.on-restart-required}
 * @param status what happened
 * @param detail why, for the log and the endpoint
 */
record RestartRequest(Instant time, String source, List<String> keys, String configHash, OnRestartRequired action,
		Status status, String detail) {

	RestartRequest {
		keys = List.copyOf(keys);
	}

	/** One line for the endpoint's status list. */
	String summary() {
		return "Restart required for " + this.keys + " from " + this.source + " at " + this.time + ": "
				+ this.status.tag() + " (" + this.detail + ")";
	}

	/** The {@code status} tag of {@code steadypod.config.restart.requests}. */
	enum Status {

		/**
		 * {@code log}: nothing restarts; the keys keep their old values until a restart.
		 */
		NOT_TRIGGERED,

		/** {@code shutdown}: this instance shuts down (only ever off Kubernetes). */
		SHUTTING_DOWN,

		/** {@code rolling-restart}: this replica patched the Deployment. */
		ROLLOUT_REQUESTED,

		/**
		 * {@code rolling-restart}: the Deployment already carries the request (another
		 * replica patched it, or a rollout started after this pod did).
		 */
		ROLLOUT_ALREADY_REQUESTED,

		/**
		 * {@code rolling-restart}: no restart could be requested (not on Kubernetes, no
		 * permission, API unreachable); the keys keep their old values.
		 */
		ROLLOUT_FAILED;

		String tag() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

	}

}
