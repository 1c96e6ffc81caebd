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

package dev.steadypod.demo;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * A downstream dependency (a database, another service) that is slow while the
 * application warms up: its check answers after
 * {@code demo.dependency.latency-during-warmup} (default 0, so off) until the application
 * accepts traffic. It shows what a dependency check in the liveness group does to a pod
 * that is only starting; Steadypod keeps it out of liveness. For an outage of the
 * dependency, {@code demo.dependency.outage-marker} names a file: while it exists, the
 * check answers DOWN, as a database check does while the database refuses connections.
 */
@Component("dependencyHealthIndicator")
class SlowDependencyHealthIndicator implements HealthIndicator {

	private final ApplicationAvailability availability;

	private final Duration latencyDuringWarmup;

	private final String outageMarker;

	SlowDependencyHealthIndicator(ApplicationAvailability availability,
			@Value("${demo.dependency.latency-during-warmup:0s}") Duration latencyDuringWarmup,
			@Value("${demo.dependency.outage-marker:}") String outageMarker) {
		this.availability = availability;
		this.latencyDuringWarmup = latencyDuringWarmup;
		this.outageMarker = outageMarker;
	}

	@Override
	public Health health() {
		if (!this.outageMarker.isEmpty() && Files.exists(Path.of(this.outageMarker))) {
			return Health.down()
				.withDetail("outage", "connection refused while " + this.outageMarker + " exists")
				.build();
		}
		if (this.availability.getReadinessState() != ReadinessState.ACCEPTING_TRAFFIC
				&& !this.latencyDuringWarmup.isZero()) {
			try {
				Thread.sleep(this.latencyDuringWarmup.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		return Health.up().withDetail("latencyDuringWarmup", this.latencyDuringWarmup.toString()).build();
	}

}
