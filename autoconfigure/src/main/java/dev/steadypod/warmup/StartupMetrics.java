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
 * Exports the start-up: the gauge {@code steadypod.startup} (Prometheus:
 * {@code steadypod_startup_seconds}) tagged {@code phase}, which appears once the
 * milestone is reached so the fleet's P95 is never dragged down by pods still starting;
 * and {@code steadypod.warmup.over.budget} (Prometheus:
 * {@code steadypod_warmup_over_budget}), 1 when warm-up ran over
 * {@code steadypod.warmup.max-duration}, else 0.
 */
class StartupMetrics implements MeterBinder {

	private final StartupProgress progress;

	StartupMetrics(StartupProgress progress) {
		this.progress = progress;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.progress.subscribe((milestone, time) -> Gauge.builder("steadypod.startup", () -> time.toNanos() / 1e9)
			.tag("phase", milestone.tagValue())
			.baseUnit("seconds")
			.description("Seconds from JVM start until the application reached the phase")
			.register(registry));
		Gauge.builder("steadypod.warmup.over.budget", this.progress, (progress) -> progress.isOverBudget() ? 1 : 0)
			.description("1 when warm-up ran over steadypod.warmup.max-duration and was given up, else 0")
			.register(registry);
	}

}
