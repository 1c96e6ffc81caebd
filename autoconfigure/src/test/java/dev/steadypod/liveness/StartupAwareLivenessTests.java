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

import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.steadypod.testsupport.InducedDeadlock;
import dev.steadypod.testsupport.StartingApplication;
import dev.steadypod.warmup.WarmupTask;
import org.junit.jupiter.api.Test;

import org.springframework.boot.web.server.context.WebServerApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Real applications on random ports, probed over HTTP the way the kubelet probes them.
 */
class StartupAwareLivenessTests {

	private static final String[] SEPARATE_PORTS = { "--server.port=0", "--management.server.port=0",
			"--management.endpoints.web.exposure.include=health,warmup", "--spring.main.banner-mode=off" };

	@Test
	void livenessIsNeverDownDuringAThreeSecondWarmupAndReadinessOpensOnlyWhenWarm() throws Exception {
		AtomicLong warmupEnded = new AtomicLong();
		WarmupTask cacheLoad = new NamedTask("cache-load", () -> {
			Thread.sleep(3000);
			warmupEnded.set(System.nanoTime());
		});
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class,
				Map.of("cacheLoad", cacheLoad), SEPARATE_PORTS)) {
			app.managementPort();
			List<String> livenessDuringWarmup = new ArrayList<>();
			long readinessUpAt = 0;
			int polls = 0;
			while (readinessUpAt == 0 && polls < 300) {
				HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
				HttpResponse<String> readiness = app.getManagement("/actuator/health/readiness");
				polls++;
				assertThat(liveness.statusCode()).as("liveness at poll %d: %s", polls, liveness.body()).isEqualTo(200);
				if (liveness.body().contains("\"phase\":\"WARMING_UP\"")) {
					livenessDuringWarmup.add(liveness.body());
				}
				if (readiness.statusCode() == 200) {
					readinessUpAt = System.nanoTime();
				}
				Thread.sleep(100);
			}
			assertThat(readinessUpAt).as("readiness came up").isNotZero();
			assertThat(warmupEnded.get()).as("warm-up finished").isNotZero();
			assertThat(readinessUpAt - warmupEnded.get()).as("readiness opened after warm-up").isPositive();
			// Polls did land inside the warm-up (how many depends on the machine's load:
			// the first calls of
			// the probe path are slow on a busy CI host), and every poll was UP.
			assertThat(livenessDuringWarmup).hasSizeGreaterThanOrEqualTo(3);
			System.out.printf("Liveness polled %d times during start-up, %d of them while WARMING_UP; all UP%n", polls,
					livenessDuringWarmup.size());
			HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(liveness.body()).contains("\"phase\":\"WARM\"");
			assertThat(app.getManagement("/actuator/health/readiness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void livenessGroupHoldsOnlyLivenessStateAndWarmupEvenWithADownDependencyAndAFailedWarmupTask() throws Exception {
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of(), append(
				SEPARATE_PORTS, "--steadypod.warmup.http.paths=/nothing-here", "--steadypod.warmup.http.requests=2"))) {
			app.context();
			HttpResponse<String> warmup = app.getManagement("/actuator/warmup");
			assertThat(warmup.body()).as("a failed task is reported and start-up continues")
				.contains("\"phase\":\"WARM\"", "\"name\":\"http-self-warm-up\"", "\"status\":\"FAILED\"",
						"GET /nothing-here answered 404");
			HttpResponse<String> health = app.getManagement("/actuator/health");
			assertThat(health.statusCode()).as("the overall health sees the dependency").isEqualTo(503);
			HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(componentNames(liveness.body())).containsExactlyInAnyOrder("livenessState", "warmup");
			HttpResponse<String> readiness = app.getManagement("/actuator/health/readiness");
			assertThat(readiness.statusCode()).isEqualTo(200);
			assertThat(readiness.body()).doesNotContain("\"db\"");
		}
	}

	@Test
	void userConfigurationOfTheLivenessGroupWinsOverSteadypodsDefaults() throws Exception {
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of(), append(
				SEPARATE_PORTS, "--management.endpoint.health.group.liveness.include=livenessState,warmup,db"))) {
			app.context();
			HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
			assertThat(liveness.statusCode()).isEqualTo(503);
			assertThat(componentNames(liveness.body())).containsExactlyInAnyOrder("livenessState", "warmup", "db");
		}
	}

	@Test
	void deadlockDuringWarmupIsSuppressedAndReportedInTheDetails() throws Exception {
		CountDownLatch finishWarmup = new CountDownLatch(1);
		WarmupTask gate = new NamedTask("gate", () -> finishWarmup.await(30, TimeUnit.SECONDS));
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of("gate", gate),
				SEPARATE_PORTS)) {
			await().atMost(Duration.ofSeconds(30))
				.until(() -> app.getManagement("/actuator/health/liveness").body().contains("WARMING_UP"));
			try (InducedDeadlock deadlock = InducedDeadlock.create("during-warmup")) {
				HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
				assertThat(liveness.statusCode()).isEqualTo(200);
				assertThat(liveness.body()).contains("\"status\":\"UP\"", "suppressedFailures",
						deadlock.firstThreadName(), deadlock.secondThreadName());
			}
			finally {
				finishWarmup.countDown();
			}
			app.context();
			assertThat(app.getManagement("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void deadlockAfterWarmupTakesLivenessDownAtTheNextPollNamingTheThreads() throws Exception {
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of(),
				SEPARATE_PORTS)) {
			app.context();
			assertThat(app.getManagement("/actuator/health/liveness").statusCode()).isEqualTo(200);
			try (InducedDeadlock deadlock = InducedDeadlock.create("after-warmup")) {
				HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
				assertThat(liveness.statusCode()).isEqualTo(503);
				assertThat(liveness.body()).contains("\"phase\":\"WARM\"", "deadlockedThreads",
						deadlock.firstThreadName(), deadlock.secondThreadName());
			}
			assertThat(app.getManagement("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void warmupThatOverrunsMaxDurationTakesLivenessDownWithTheReason() throws Exception {
		WarmupTask hangs = new NamedTask("hangs", () -> Thread.sleep(60_000));
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of("hangs", hangs),
				append(SEPARATE_PORTS, "--steadypod.warmup.max-duration=3s"))) {
			HttpResponse<String> early = app.getManagement("/actuator/health/liveness");
			assertThat(early.statusCode()).as("lenient within the budget: %s", early.body()).isEqualTo(200);
			await().atMost(Duration.ofSeconds(15))
				.until(() -> app.getManagement("/actuator/health/liveness").statusCode() == 503);
			HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
			assertThat(liveness.body()).contains("warm-up did not finish within steadypod.warmup.max-duration (PT3S)");
			assertThat(app.getManagement("/actuator/warmup").body()).contains("\"name\":\"hangs\"",
					"\"status\":\"TIMED_OUT\"");
		}
	}

	@Test
	void stoppedApplicationConnectorTakesLivenessDownWhileTheManagementPortAnswers() throws Exception {
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of(),
				SEPARATE_PORTS)) {
			WebServerApplicationContext context = (WebServerApplicationContext) app.context();
			int appPort = context.getWebServer().getPort();
			assertThat(app.getManagement("/actuator/health/liveness").body()).contains("applicationConnector");
			assertThat(app.getManagement("/actuator/health/liveness").statusCode()).isEqualTo(200);
			context.getWebServer().stop();
			assertThatExceptionOfType(ConnectException.class).isThrownBy(() -> app.get(appPort, "/"));
			HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
			assertThat(liveness.statusCode()).isEqualTo(503);
			assertThat(liveness.body()).contains("application port " + appPort + " does not accept connections");
		}
	}

	private static List<String> componentNames(String body) throws Exception {
		Map<?, ?> json = new tools.jackson.databind.json.JsonMapper().readValue(body, Map.class);
		Map<?, ?> components = (Map<?, ?>) json.get("components");
		return components.keySet().stream().map(String::valueOf).toList();
	}

	private static String[] append(String[] args, String... more) {
		List<String> all = new ArrayList<>(List.of(args));
		all.addAll(List.of(more));
		return all.toArray(String[]::new);
	}

	interface Work {

		void run() throws Exception;

	}

	record NamedTask(String name, Work work) implements WarmupTask {

		@Override
		public void run() throws Exception {
			this.work.run();
		}

	}

}
