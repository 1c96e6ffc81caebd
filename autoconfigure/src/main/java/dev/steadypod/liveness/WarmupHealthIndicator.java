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
import java.util.List;
import java.util.Map;

import dev.steadypod.warmup.WarmupPhase;
import dev.steadypod.warmup.WarmupTracker;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * The {@code warmup} member of the liveness group. While the application is not warm it
 * reports UP whatever the checks say (a pod that is filling its heap or loading caches is
 * slow, not broken) and lists the suppressed failures. Once warm, any failing
 * {@link LivenessCheck} makes it DOWN. If warm-up overruns
 * {@code steadypod.warmup.max-duration}, leniency ends and it reports DOWN with that
 * reason.
 */
public class WarmupHealthIndicator implements HealthIndicator {

	private final WarmupTracker tracker;

	private final List<LivenessCheck> checks;

	/**
	 * Creates the indicator.
	 * @param tracker the warm-up state, or {@code null} when warm-up is switched off
	 * (then the application counts as warm from the start)
	 * @param checks the liveness checks
	 */
	public WarmupHealthIndicator(WarmupTracker tracker, List<LivenessCheck> checks) {
		this.tracker = tracker;
		this.checks = List.copyOf(checks);
	}

	@Override
	public Health health() {
		WarmupPhase phase = (this.tracker != null) ? this.tracker.phase() : WarmupPhase.WARM;
		Map<String, Object> results = new LinkedHashMap<>();
		Map<String, Object> failures = new LinkedHashMap<>();
		for (LivenessCheck check : this.checks) {
			LivenessCheck.Result result = run(check);
			Map<String, Object> described = new LinkedHashMap<>();
			described.put("status", result.healthy() ? "UP" : "DOWN");
			if (result.reason() != null) {
				described.put("reason", result.reason());
			}
			described.putAll(result.details());
			results.put(check.name(), described);
			if (!result.healthy()) {
				failures.put(check.name(), described);
			}
		}
		Health.Builder builder = new Health.Builder().withDetail("phase", phase);
		if (this.tracker != null) {
			builder.withDetail("elapsed", this.tracker.elapsed().toString());
		}
		builder.withDetail("checks", results);
		if (this.tracker != null && this.tracker.isOverBudget()) {
			return builder.down()
				.withDetail("reason",
						"warm-up did not finish within steadypod.warmup.max-duration (" + this.tracker.maxDuration()
								+ ")")
				.build();
		}
		if (phase != WarmupPhase.WARM) {
			if (!failures.isEmpty()) {
				builder.withDetail("suppressedFailures", failures);
			}
			return builder.up().build();
		}
		if (!failures.isEmpty()) {
			return builder.down().withDetail("reason", "liveness check(s) failed: " + failures.keySet()).build();
		}
		return builder.up().build();
	}

	private static LivenessCheck.Result run(LivenessCheck check) {
		try {
			return check.check();
		}
		catch (RuntimeException ex) {
			return LivenessCheck.Result.failed("check threw " + ex.getClass().getSimpleName() + ": " + ex.getMessage(),
					Map.of());
		}
	}

}
