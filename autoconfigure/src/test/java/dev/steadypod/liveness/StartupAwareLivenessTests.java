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

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.steadypod.testsupport.InducedDeadlock;
import dev.steadypod.testsupport.StartingApplication;
import dev.steadypod.warmup.WarmupTask;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.core.Ordered;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Real applications on random ports, probed over HTTP the way the kubelet probes them.
 */
@ExtendWith(OutputCaptureExtension.class)
class StartupAwareLivenessTests {

	private static final String[] SEPARATE_PORTS = { "--server.port=0", "--management.server.port=0",
			"--management.endpoints.web.exposure.include=health,warmup", "--spring.main.banner-mode=off",
			"--steadypod.liveness.deadlocked-threads.cache-ttl=0s" };

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
			assertThat(componentNames(liveness.body())).containsExactlyInAnyOrder("livenessState", "warmup",
					"deadlockedThreads", "applicationConnector");
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
				assertThat(liveness.body()).contains("\"status\":\"UP\"", "suppressedFailure",
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
				Map<?, ?> components = components(liveness.body());
				assertThat(status(components, "deadlockedThreads")).isEqualTo("DOWN");
				assertThat(status(components, "warmup")).as("a deadlock is not a warm-up problem").isEqualTo("UP");
				assertThat(liveness.body()).contains(deadlock.firstThreadName(), deadlock.secondThreadName());
			}
			assertThat(app.getManagement("/actuator/health/liveness").statusCode()).isEqualTo(200);
		}
	}

	@Test
	void warmupThatOverrunsMaxDurationOpensReadinessKeepsLivenessUpAndReportsItOverBudget(CapturedOutput output)
			throws Exception {
		WarmupTask hangs = new NamedTask("hangs", () -> Thread.sleep(60_000));
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of("hangs", hangs),
				append(SEPARATE_PORTS, "--steadypod.warmup.max-duration=3s",
						"--management.endpoints.web.exposure.include=health,warmup,prometheus"))) {
			app.managementPort();
			await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).untilAsserted(() -> {
				HttpResponse<String> readiness = app.getManagement("/actuator/health/readiness");
				HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
				assertThat(liveness.statusCode()).as("liveness is never DOWN: %s", liveness.body()).isEqualTo(200);
				assertThat(readiness.statusCode()).isEqualTo(200);
			});
			app.context();
			HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
			assertThat(liveness.statusCode()).isEqualTo(200);
			assertThat(liveness.body()).contains("\"overBudget\":true");
			assertThat(app.getManagement("/actuator/warmup").body()).contains("\"overBudget\":true",
					"\"name\":\"hangs\"", "\"status\":\"TIMED_OUT\"");
			assertThat(app.getManagement("/actuator/prometheus").body()).contains("steadypod_warmup_over_budget 1.0");
			assertThat(output).contains("WARN", "Warm-up did not finish within steadypod.warmup.max-duration (PT3S)");
		}
	}

	@Test
	void warmupThatOverrunsMaxDurationWithFailOnErrorNeverOpensReadinessAndFailsStartup() throws Exception {
		WarmupTask hangs = new NamedTask("hangs", () -> Thread.sleep(60_000));
		StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of("hangs", hangs),
				append(SEPARATE_PORTS, "--steadypod.warmup.max-duration=3s", "--steadypod.warmup.fail-on-error=true"));
		try (app) {
			int port = app.managementPort();
			List<String> livenessAfterOverrun = new ArrayList<>();
			while (!app.isStarted()) {
				try {
					HttpResponse<String> readiness = app.get(port, "/actuator/health/readiness");
					HttpResponse<String> liveness = app.get(port, "/actuator/health/liveness");
					assertThat(readiness.statusCode()).as("readiness never opens").isEqualTo(503);
					if (liveness.statusCode() == 503) {
						livenessAfterOverrun.add(liveness.body());
					}
				}
				catch (IOException ex) {
					// The management server is closing with the failed start-up.
				}
				Thread.sleep(100);
			}
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(app::context)
				.withMessageContaining("steadypod.warmup.max-duration");
			assertThat(livenessAfterOverrun).allSatisfy((body) -> assertThat(body).contains("FAILED"));
		}
	}

	@Test
	void startupThatHangsBeforeWarmupBeginsTakesLivenessDownAfterMaxDuration() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		ApplicationRunner hangingRunner = new HangingRunner(release);
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class,
				Map.of("hangingRunner", hangingRunner), append(SEPARATE_PORTS, "--steadypod.warmup.max-duration=3s"))) {
			try {
				app.managementPort();
				await().atMost(Duration.ofSeconds(90))
					.until(() -> app.getManagement("/actuator/health/liveness").statusCode() == 503);
				assertThat(app.getManagement("/actuator/health/liveness").body()).contains("\"warmup\"",
						"not warm after steadypod.warmup.max-duration (PT3S)");
				assertThat(app.getManagement("/actuator/health/readiness").statusCode()).isEqualTo(503);
			}
			finally {
				release.countDown();
			}
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
			assertThat(status(components(liveness.body()), "applicationConnector")).isEqualTo("DOWN");
			assertThat(status(components(liveness.body()), "warmup")).isEqualTo("UP");
			assertThat(liveness.body()).contains("application port " + appPort + " does not accept connections");
		}
	}

	@Test
	void eachLivenessCheckIsItsOwnContributorSwitchableWithBootsHealthProperty() throws Exception {
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of(),
				SEPARATE_PORTS)) {
			app.context();
			assertThat(componentNames(app.getManagement("/actuator/health/liveness").body()))
				.containsExactlyInAnyOrder("livenessState", "warmup", "deadlockedThreads", "applicationConnector");
		}
		try (StartingApplication app = StartingApplication.start(LivenessTestApplication.class, Map.of(),
				append(SEPARATE_PORTS, "--management.health.deadlockedthreads.enabled=false"))) {
			app.context();
			try (InducedDeadlock deadlock = InducedDeadlock.create("switched-off")) {
				HttpResponse<String> liveness = app.getManagement("/actuator/health/liveness");
				assertThat(liveness.statusCode()).isEqualTo(200);
				assertThat(componentNames(liveness.body())).containsExactlyInAnyOrder("livenessState", "warmup",
						"applicationConnector");
			}
		}
	}

	private static Map<?, ?> components(String body) throws Exception {
		Map<?, ?> json = new tools.jackson.databind.json.JsonMapper().readValue(body, Map.class);
		return (Map<?, ?>) json.get("components");
	}

	private static Object status(Map<?, ?> components, String name) {
		return ((Map<?, ?>) components.get(name)).get("status");
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

	/** Another application runner that hangs, ordered before Steadypod's warm-up. */
	record HangingRunner(CountDownLatch release) implements ApplicationRunner, Ordered {

		@Override
		public void run(ApplicationArguments args) throws Exception {
			this.release.await(60, TimeUnit.SECONDS);
		}

		@Override
		public int getOrder() {
			return 0;
		}

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
