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

import java.util.Locale;

/**
 * How a configuration change ended; the {@code result} tag of
 * {@code steadypod.config.reloads}.
 */
public enum ReloadResult {

	/** Validated and applied. */
	APPLIED,

	/** Refused before anything was applied: the old configuration is still served. */
	REJECTED,

	/** Validated but the apply failed and was rolled back. */
	FAILED,

	/** Same content or no effective property change: nothing to do. */
	UNCHANGED;

	/** The lower-case tag value. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
