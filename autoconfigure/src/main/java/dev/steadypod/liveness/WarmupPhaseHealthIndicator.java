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

import dev.steadypod.warmup.StartupProgress;
import dev.steadypod.warmup.WarmupPhase;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code warmup} member of the liveness group: DOWN only when start-up can no longer
 * succeed on its own, i.e. warm-up failed with {@code fail-on-error} (the pod never
 * served), or the application is still not warming up {@code max-duration} after its web
 * server started (another runner hangs). A warm-up that ran over its budget with
 * {@code fail-on-error=false} leaves a serving pod: UP, with {@code overBudget: true}.
 */
class WarmupPhaseHealthIndicator implements HealthIndicator, SteadypodLivenessContributor {

	private final StartupProgress progress;

	WarmupPhaseHealthIndicator(StartupProgress progress) {
		this.progress = progress;
	}

	@Override
	public Health health() {
		WarmupPhase phase = this.progress.phase();
		Health.Builder builder = new Health.Builder().withDetail("phase", phase)
			.withDetail("elapsed", this.progress.elapsed().toString())
			.withDetail("overBudget", this.progress.isOverBudget());
		if (phase == WarmupPhase.FAILED) {
			return builder.down().withDetail("reason", String.valueOf(this.progress.failure())).build();
		}
		if (this.progress.isStuckBeforeWarmup()) {
			return builder.down()
				.withDetail("reason",
						"start-up is not warm after steadypod.warmup.max-duration (" + this.progress.maxDuration()
								+ "): warm-up never began")
				.build();
		}
		return builder.up().build();
	}

}
