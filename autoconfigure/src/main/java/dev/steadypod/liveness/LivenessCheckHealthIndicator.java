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

import java.util.LinkedHashMap;
import java.util.Map;

import dev.steadypod.warmup.StartupProgress;
import dev.steadypod.warmup.WarmupPhase;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * One {@link LivenessCheck} as its own health contributor. While the application is not
 * yet warm a failure is suppressed (a pod that fills its heap or loads caches is slow,
 * not broken): the contributor stays UP and shows the failure as
 * {@code suppressedFailure}. Once warm, or when there is no warm-up, a failure is DOWN.
 */
class LivenessCheckHealthIndicator implements HealthIndicator, SteadypodLivenessContributor {

	private final LivenessCheck check;

	private final @Nullable StartupProgress progress;

	LivenessCheckHealthIndicator(LivenessCheck check, @Nullable StartupProgress progress) {
		this.check = check;
		this.progress = progress;
	}

	@Override
	public Health health() {
		LivenessCheck.Result result = run();
		if (result.healthy()) {
			return Health.up().withDetails(result.details()).build();
		}
		Map<String, Object> failure = new LinkedHashMap<>();
		failure.put("reason", result.reason());
		failure.putAll(result.details());
		WarmupPhase phase = (this.progress != null) ? this.progress.phase() : WarmupPhase.WARM;
		if (phase == WarmupPhase.STARTING || phase == WarmupPhase.WARMING_UP) {
			return Health.up().withDetail("phase", phase).withDetail("suppressedFailure", failure).build();
		}
		return Health.down().withDetails(failure).build();
	}

	private LivenessCheck.Result run() {
		try {
			return this.check.check();
		}
		catch (RuntimeException ex) {
			return LivenessCheck.Result.failed("check threw " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					Map.of());
		}
	}

}
