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

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Exports the start-up milestones as the gauge {@code steadypod.startup} (Prometheus:
 * {@code steadypod_startup_seconds}) tagged {@code phase}. A phase appears once it is
 * reached, so the fleet's P95 is never dragged down by pods still starting.
 */
public class StartupTimelineMetrics implements MeterBinder {

	private final StartupTimeline timeline;

	public StartupTimelineMetrics(StartupTimeline timeline) {
		this.timeline = timeline;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.timeline.subscribe((phase, seconds) -> Gauge.builder("steadypod.startup", () -> seconds)
			.tag("phase", phase)
			.baseUnit("seconds")
			.description("Seconds from JVM start until the application reached the phase")
			.register(registry));
	}

}
