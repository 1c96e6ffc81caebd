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

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = { "management.server.port=0",
		"spring.config.import=", "demo.greeting.message=Hello from the test", "demo.warmup.duration=0s" })
class DemoApplicationTests {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private Environment environment;

	@Test
	void greetingAnswersWithTheConfiguredMessageAndSuffix() throws Exception {
		HttpResponse<String> response = get(appPort(), "/greeting");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).isEqualTo("{\"message\":\"Hello from the test\",\"suffix\":\"!\"}");
	}

	@Test
	void workHoldsTheRequestForTheGivenTime() throws Exception {
		long start = System.nanoTime();
		HttpResponse<String> response = get(appPort(), "/work?ms=150");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat((System.nanoTime() - start) / 1_000_000).isGreaterThanOrEqualTo(150);
	}

	@Test
	void workRejectsDurationsOutsideItsRangeWithAClearMessage() throws Exception {
		HttpResponse<String> tooLong = get(appPort(), "/work?ms=60001");
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(tooLong.body()).contains("ms must be between 0 and 60000 milliseconds, was 60001");
		assertThat(get(appPort(), "/work?ms=-1").statusCode()).isEqualTo(400);
		HttpResponse<String> notANumber = get(appPort(), "/work?ms=soon");
		assertThat(notANumber.statusCode()).isEqualTo(400);
		assertThat(notANumber.body()).contains("was 'soon'");
	}

	@Test
	void workBurnsTheAskedCpuTimeAndAllocatesTheAskedMemory() throws Exception {
		HttpResponse<String> response = get(appPort(), "/work?cpuMs=40&allocKb=2048");
		assertThat(response.statusCode()).isEqualTo(200);
		assertThat(response.body()).contains("\"heldMillis\":0", "\"allocatedKb\":2048");
		long cpuMillis = Long.parseLong(response.body().replaceAll(".*\"cpuMillis\":(\\d+).*", "$1"));
		assertThat(cpuMillis).as("measured CPU time").isBetween(40L, 1000L);
	}

	@Test
	void workRejectsCpuAndAllocationOutsideTheirRangeNamingTheParameter() throws Exception {
		HttpResponse<String> tooMuchCpu = get(appPort(), "/work?cpuMs=10001");
		assertThat(tooMuchCpu.statusCode()).isEqualTo(400);
		assertThat(tooMuchCpu.body()).contains("cpuMs must be between 0 and 10000 milliseconds, was 10001");
		HttpResponse<String> tooMuchMemory = get(appPort(), "/work?allocKb=65537");
		assertThat(tooMuchMemory.statusCode()).isEqualTo(400);
		assertThat(tooMuchMemory.body()).contains("allocKb must be between 0 and 65536 KiB, was 65537");
		assertThat(get(appPort(), "/work?allocKb=-1").statusCode()).isEqualTo(400);
		HttpResponse<String> notANumber = get(appPort(), "/work?cpuMs=lots");
		assertThat(notANumber.statusCode()).isEqualTo(400);
		assertThat(notANumber.body()).contains("cpuMs must be a whole number of milliseconds between 0 and 10000",
				"was 'lots'");
	}

	@Test
	void managementPortServesHealthInfoAndPrometheus() throws Exception {
		HttpResponse<String> health = get(managementPort(), "/actuator/health");
		assertThat(health.statusCode()).isEqualTo(200);
		assertThat(health.body()).contains("\"status\":\"UP\"");
		HttpResponse<String> prometheus = get(managementPort(), "/actuator/prometheus");
		assertThat(prometheus.statusCode()).isEqualTo(200);
		assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
		HttpResponse<String> info = get(managementPort(), "/actuator/info");
		assertThat(info.body()).contains("\"steadypod\"");
	}

	@Test
	void actuatorIsNotServedOnTheApplicationPort() throws Exception {
		assertThat(get(appPort(), "/actuator/health").statusCode()).isEqualTo(404);
	}

	@Test
	void warmupEndpointShowsTheTasksTheirOutcomesAndRecommendedProbes() throws Exception {
		HttpResponse<String> warmup = get(managementPort(), "/actuator/warmup");
		assertThat(warmup.statusCode()).isEqualTo(200);
		assertThat(warmup.body()).contains("\"phase\":\"WARM\"", "\"name\":\"greeting-cache\"",
				"\"name\":\"http-self-warm-up\"", "\"startupProbe\"", "\"recommendedProbesYaml\"",
				"/actuator/health/readiness");
		assertThat(warmup.body()).doesNotContain("FAILED", "TIMED_OUT");
		HttpResponse<String> liveness = get(managementPort(), "/actuator/health/liveness");
		assertThat(liveness.statusCode()).isEqualTo(200);
		assertThat(liveness.body()).contains("\"warmup\"", "\"deadlockedThreads\"", "\"applicationConnector\"");
	}

	@Test
	void startupMilestonesAreExportedAsSecondsSinceJvmStart() throws Exception {
		String prometheus = get(managementPort(), "/actuator/prometheus").body();
		assertThat(prometheus).contains("steadypod_startup_seconds{phase=\"web_server_started\"}",
				"steadypod_startup_seconds{phase=\"warm\"}", "steadypod_startup_seconds{phase=\"ready\"}");
	}

	private int appPort() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private int managementPort() {
		return this.environment.getRequiredProperty("local.management.port", Integer.class);
	}

	private HttpResponse<String> get(int port, String path) throws Exception {
		return this.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
				HttpResponse.BodyHandlers.ofString());
	}

}
