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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Where the time of one configuration change went, phase by phase, from the moment a
 * route noticed it to the moment the new values were in effect.
 *
 * @param queued from the change being noticed (a file event, a watch event) to the start
 * of the read: debounce and queueing
 * @param read reading the content (files, or the ConfigMaps from the Kubernetes API)
 * @param parse turning the content into property sources
 * @param validate the property diff and binding the candidate against the properties
 * beans and the configuration metadata
 * @param swap swapping the property sources and rebinding the properties beans behind the
 * request gate, the drain included
 * @param listeners telling logging, listeners and the refresh scope, after the gate
 */
public record ReloadTimings(Duration queued, Duration read, Duration parse, Duration validate, Duration drain,
		Duration swap, Duration listeners) {

	/** Nothing measured. */
	public static final ReloadTimings NONE = new ReloadTimings(Duration.ZERO, Duration.ZERO, Duration.ZERO,
			Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

	/**
	 * Timings of the route's part (queued, read, parse) only.
	 * @param queued see {@link #queued()}
	 * @param read see {@link #read()}
	 * @param parse see {@link #parse()}
	 * @return the timings
	 */
	public static ReloadTimings route(Duration queued, Duration read, Duration parse) {
		return new ReloadTimings(queued, read, parse, Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);
	}

	/** The sum of all phases. */
	public Duration total() {
		return this.queued.plus(this.read)
			.plus(this.parse)
			.plus(this.validate)
			.plus(this.drain)
			.plus(this.swap)
			.plus(this.listeners);
	}

	ReloadTimings withPipeline(Duration validate, Duration drain, Duration swap, Duration listeners) {
		return new ReloadTimings(this.queued, this.read, this.parse, validate, drain, swap, listeners);
	}

	/** The phases in order, by name. */
	public Map<String, Duration> phases() {
		Map<String, Duration> phases = new LinkedHashMap<>();
		phases.put("queued", this.queued);
		phases.put("read", this.read);
		phases.put("parse", this.parse);
		phases.put("validate", this.validate);
		phases.put("drain", this.drain);
		phases.put("swap", this.swap);
		phases.put("listeners", this.listeners);
		return phases;
	}

	/** For log lines: {@code queued 0.0 ms, read 1.2 ms, ...}. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		phases().forEach((name, duration) -> text.append((text.isEmpty()) ? "" : ", ")
			.append(name)
			.append(' ')
			.append(millis(duration))
			.append(" ms"));
		return text.toString();
	}

	private static String millis(Duration duration) {
		long micros = TimeUnit.NANOSECONDS.toMicros(duration.toNanos());
		return (micros >= 10_000) ? String.valueOf(micros / 1000)
				: String.format(java.util.Locale.ROOT, "%.1f", micros / 1000.0);
	}

}
