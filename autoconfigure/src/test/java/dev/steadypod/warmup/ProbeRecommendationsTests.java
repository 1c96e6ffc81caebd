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

import java.time.Duration;
import java.util.Map;

import dev.steadypod.warmup.WarmupEndpoint.HttpGetDescriptor;
import dev.steadypod.warmup.WarmupEndpoint.ProbeDescriptor;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ProbeRecommendationsTests {

	@Test
	void startupProbeAllowsAtLeastTwiceTheTimeToTheWebServer() {
		assertThat(ProbeRecommendations.startupFailureThreshold(Duration.ofMillis(8200))).isEqualTo(4);
		assertThat(ProbeRecommendations.startupFailureThreshold(Duration.ofMillis(12600))).isEqualTo(6);
		assertThat(ProbeRecommendations.startupFailureThreshold(Duration.ofMillis(100))).isEqualTo(1);
		for (long millis : new long[] { 500, 3000, 8200, 12600, 47900 }) {
			assertThat(ProbeRecommendations.startupFailureThreshold(Duration.ofMillis(millis))
					* ProbeRecommendations.STARTUP_PERIOD_SECONDS)
				.isGreaterThanOrEqualTo((int) Math.ceil(2 * millis / 1000.0));
		}
	}

	@Test
	void allProbesTargetTheGivenPortWithTheSharedDefaults() {
		Map<String, ProbeDescriptor> probes = ProbeRecommendations.probes(Duration.ofMillis(12600), 8081,
				"/actuator/health");
		assertThat(probes.get("livenessProbe"))
			.isEqualTo(new ProbeDescriptor(new HttpGetDescriptor("/actuator/health/liveness", 8081), 10, 3, 3));
		assertThat(probes.get("readinessProbe"))
			.isEqualTo(new ProbeDescriptor(new HttpGetDescriptor("/actuator/health/readiness", 8081), 5, 3, 3));
		assertThat(probes.get("startupProbe"))
			.isEqualTo(new ProbeDescriptor(new HttpGetDescriptor("/actuator/health/liveness", 8081), 5, null, 6));
	}

	@Test
	void yamlIsWhatSnakeYamlReadsBackAsTheProbes() {
		Map<String, ProbeDescriptor> probes = ProbeRecommendations.probes(Duration.ofSeconds(3), 8081,
				"/actuator/health");
		Map<String, Object> read = new Yaml().load(ProbeRecommendations.yaml(probes));
		assertThat(read).containsOnlyKeys("startupProbe", "livenessProbe", "readinessProbe");
		assertThat(read.get("startupProbe")).isEqualTo(Map.of("httpGet",
				Map.of("path", "/actuator/health/liveness", "port", 8081), "periodSeconds", 5, "failureThreshold", 2));
		assertThat(ProbeRecommendations.yaml(probes)).startsWith("startupProbe:\n  httpGet:\n");
	}

	@Test
	void healthPathFollowsTheBasePathAndThePathMapping() {
		assertThat(ProbeRecommendations.healthPath(new MockEnvironment())).isEqualTo("/actuator/health");
		assertThat(ProbeRecommendations
			.healthPath(new MockEnvironment().withProperty("management.endpoints.web.base-path", "/manage/")))
			.isEqualTo("/manage/health");
		assertThat(ProbeRecommendations
			.healthPath(new MockEnvironment().withProperty("management.endpoints.web.base-path", "/")
				.withProperty("management.endpoints.web.path-mapping.health", "healthz")))
			.isEqualTo("/healthz");
	}

}
