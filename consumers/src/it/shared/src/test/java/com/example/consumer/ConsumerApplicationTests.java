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


package com.example.consumer;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The three fixes as a user of the starter gets them: a mounted ConfigMap reloads
 * without a restart, the probes answer, and the autoscaling metric is exported.
 */
class ConsumerApplicationTests {

	@TempDir
	static Path volumeDir;

	private static KubeletConfigMapVolume volume;

	private static RunningConsumer app;

	// One application for the class: starts are the slow part of a consumer build.
	@BeforeAll
	static void startOnAMountedConfigMap() throws IOException {
		volume = new KubeletConfigMapVolume(volumeDir);
		volume.write(Map.of("application.properties", "consumer.greeting.message=first\n"));
		app = RunningConsumer.start("spring.config.import=optional:file:" + volumeDir.toAbsolutePath() + "/");
	}

	@AfterAll
	static void stop() {
		if (app != null) {
			app.close();
		}
	}

	@Test
	void aKubeletConfigMapSwapIsAppliedWithoutARestart() throws Exception {
		assertThat(app.greeting()).isEqualTo("first");
		volume.write(Map.of("application.properties", "consumer.greeting.message=second\n"));
		await().atMost(Duration.ofSeconds(30)).until(app::greeting, "second"::equals);
		volume.write(Map.of("application.properties", "consumer.greeting.message=third\n"));
		await().atMost(Duration.ofSeconds(30)).until(app::greeting, "third"::equals);
		assertThat(volumeDir.resolve("application.properties")).isSymbolicLink();
	}

	@Test
	void livenessAndReadinessProbesAnswer() {
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(app.get("/actuator/health/readiness").statusCode()).isEqualTo(200));
		assertThat(app.get("/actuator/health/readiness").body()).contains("\"status\":\"UP\"");
		assertThat(app.get("/actuator/health/liveness").statusCode()).isEqualTo(200);
		assertThat(app.get("/actuator/health/liveness").body()).contains("\"status\":\"UP\"");
	}

	@Test
	void theInFlightRequestsMetricIsExported() {
		app.greeting();
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(app.get("/actuator/prometheus").body())
				.contains("http_server_requests_active_seconds_count"));
	}

}
