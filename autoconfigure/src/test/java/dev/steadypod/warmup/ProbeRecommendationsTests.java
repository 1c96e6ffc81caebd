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

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeRecommendationsTests {

	@Test
	void startupProbeAllowsAtLeastTwiceTheTimeToTheWebServer() {
		assertThat(ProbeRecommendations.startupFailureThreshold(8.2)).isEqualTo(4);
		assertThat(ProbeRecommendations.startupFailureThreshold(12.6)).isEqualTo(6);
		assertThat(ProbeRecommendations.startupFailureThreshold(0.1)).isEqualTo(1);
		for (double seconds : new double[] { 0.5, 3.0, 8.2, 12.6, 47.9 }) {
			assertThat(
					ProbeRecommendations.startupFailureThreshold(seconds) * ProbeRecommendations.STARTUP_PERIOD_SECONDS)
				.isGreaterThanOrEqualTo((int) Math.ceil(2 * seconds));
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void allProbesTargetTheManagementPortWithTheSharedDefaults() {
		Map<String, Object> probes = ProbeRecommendations.probes(12.6, 8081);
		Map<String, Object> liveness = (Map<String, Object>) probes.get("livenessProbe");
		assertThat(liveness).containsEntry("periodSeconds", 10)
			.containsEntry("timeoutSeconds", 3)
			.containsEntry("failureThreshold", 3)
			.containsEntry("httpGet", Map.of("path", "/actuator/health/liveness", "port", 8081));
		Map<String, Object> readiness = (Map<String, Object>) probes.get("readinessProbe");
		assertThat(readiness).containsEntry("periodSeconds", 5)
			.containsEntry("httpGet", Map.of("path", "/actuator/health/readiness", "port", 8081));
		assertThat(ProbeRecommendations.yaml(12.6, 8081)).startsWith("""
				startupProbe:
				  httpGet:
				    path: /actuator/health/liveness
				    port: 8081
				  periodSeconds: 5
				  failureThreshold: 6
				livenessProbe:
				""");
	}

}
