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

import java.util.Locale;

/**
 * A start-up milestone, exported as the {@code phase} tag of
 * {@code steadypod_startup_seconds}.
 */
public enum StartupMilestone {

	/** The application's web server accepts connections. */
	WEB_SERVER_STARTED,

	/** Warm-up is over (finished, or given up after {@code max-duration}). */
	WARM,

	/** Spring Boot published {@code ACCEPTING_TRAFFIC}. */
	READY;

	/**
	 * The milestone's name in metrics and in {@code /actuator/warmup}.
	 * @return the lower-case name, e.g. {@code web_server_started}
	 */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
