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

package dev.steadypod.reload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.steadypod.testsupport.KubeletConfigMapVolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One test per numbered finding of the reload issue, written against the API the findings
 * were reported on, so that each also runs (and fails) on the code before the fix.
 */
class ReloadFindingsTests {

	private static final String LOGGER = "dev.steadypod.reload.sample";

	private static final String SOURCE_NAME = "Config resource 'file [config/application.yaml]' via location 'x'";

	@TempDir
	Path dir;

	private ConfigurableApplicationContext context;

	private ConfigReloadPipeline pipeline;

	private int hashes;

	@AfterEach
	void stop() {
		if (this.context != null) {
			this.context.close();
		}
	}

	private void start(String... extra) {
		List<String> properties = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.cloud.kubernetes.enabled=false", "app.host=one.example", "client.url=http://${app.host}/",
				"limits.max-items=5", "pool.size=4", "logging.level." + LOGGER + "=DEBUG"));
		properties.addAll(List.of(extra));
		this.context = new SpringApplicationBuilder(RealAppReloadApplication.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.pipeline = this.context.getBean(ConfigReloadPipeline.class);
	}

	@Test
	void finding1InvalidLogLevelIsRejected() {
		start();
		assertThat(submit(Map.of("logging.level." + LOGGER, "LOUD")).result()).isEqualTo(ReloadResult.REJECTED);
	}

	@Test
	void finding2RemovedLoggingLevelReverts() {
		start();
		String other = "dev.steadypod.reload.other";
		submit(Map.of("logging.level." + other, "TRACE"));
		this.pipeline.submit(ConfigCandidate.builder("file").remove(SOURCE_NAME).contentHash("removed").build());
		assertThat(this.context.getBean(LoggingSystem.class).getLoggerConfiguration(other).getConfiguredLevel())
			.isNull();
	}

	@Test
	void finding3ALongRequestInFlightDoesNotStallNewRequestsDuringAReload() throws Exception {
		start();
		submit(Map.of("pool.size", "7")); // first reload reads the metadata
		RequestGate gate = this.context.getBean(RequestGate.class);
		CountDownLatch entered = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		Thread longRequest = new Thread(() -> {
			gate.enter();
			entered.countDown();
			try {
				release.await(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				gate.leave();
			}
		});
		longRequest.start();
		entered.await();
		try {
			Thread applier = new Thread(() -> submit(Map.of("pool.size", "8")));
			applier.start();
			// New requests arriving while the apply waits for the long one: how long do
			// they
			// wait to get in?
			long worst = 0;
			while (applier.isAlive()) {
				long start = System.nanoTime();
				gate.enter();
				gate.leave();
				worst = Math.max(worst, System.nanoTime() - start);
			}
			applier.join();
			assertThat(Duration.ofNanos(worst)).isLessThan(Duration.ofMillis(500));
		}
		finally {
			release.countDown();
			longRequest.join();
		}
	}

	@Test
	void finding4MalformedYamlDoesNotLeakTheSecret() throws Exception {
		start();
		Path file = this.dir.resolve("application.yaml");
		Files.writeString(file, "sample:\n  password: \"hunter2-SECRET\n");
		MountedConfigReader reader = this.context.getBean(MountedConfigReader.class);
		List<WatchedLocation> locations = List.of(WatchedLocation.parse("file:" + this.dir + "/", false));
		try {
			reader.toCandidate(reader.read(locations));
		}
		catch (MountedConfigReader.InvalidConfigException ex) {
			assertThat(ex.getMessage()).doesNotContain("hunter2");
			return;
		}
		throw new AssertionError("not rejected");
	}

	@Test
	void finding5RemovedLastKeyOfAConfigTreeIsApplied() {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir.resolve("tree"),
				Map.of("sample.name", "only-key"));
		start("spring.config.import=optional:configtree:" + volume.directory() + "/",
				"steadypod.reload.poll-interval=1s", "steadypod.reload.debounce=50ms");
		assertThat(this.context.getEnvironment().getProperty("sample.name")).isEqualTo("only-key");
		volume.update(Map.of());
		await().atMost(Duration.ofSeconds(10))
			.until(() -> this.context.getEnvironment().getProperty("sample.name") == null);
	}

	@Test
	void finding6SetterAndInitCallbackRunOnRebind() {
		start();
		submit(Map.of("client.url", "http://two.example/"));
		RealAppReloadApplication.ClientProperties client = this.context
			.getBean(RealAppReloadApplication.ClientProperties.class);
		assertThat(client.uri().getHost()).isEqualTo("two.example");
		assertThat(client.describedAtInit()).isEqualTo("client for two.example");
	}

	@Test
	void finding6FactoryMethodBeanIsValidated() {
		start();
		assertThat(submit(Map.of("pool.size", "0")).result()).isEqualTo(ReloadResult.REJECTED);
	}

	@Test
	void finding6RecordIsValidated() {
		start();
		assertThat(submit(Map.of("limits.max-items", "0")).result()).isEqualTo(ReloadResult.REJECTED);
	}

	@Test
	void finding6PlaceholderDependentIsRebound() {
		start();
		submit(Map.of("app.host", "three.example"));
		assertThat(this.context.getBean(RealAppReloadApplication.ClientProperties.class).uri().getHost())
			.isEqualTo("three.example");
	}

	@Test
	void finding6RollbackRestoresLoggingLevelsAndFailedApplyIsRetried() {
		start();
		CountDownLatch failures = new CountDownLatch(1);
		this.context.addApplicationListener((ApplicationListener<EnvironmentChangeEvent>) (event) -> {
			if (event.getKeys().contains("pool.size") && failures.getCount() > 0) {
				failures.countDown();
				throw new IllegalStateException("listener refuses");
			}
		});
		ReloadOutcome outcome = submit(Map.of("pool.size", "6", "logging.level." + LOGGER, "ERROR"));
		assertThat(outcome.result()).isEqualTo(ReloadResult.FAILED);
		assertThat(this.context.getBean(LoggingSystem.class).getLoggerConfiguration(LOGGER).getEffectiveLevel())
			.isEqualTo(LogLevel.DEBUG);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.pipeline.recentOutcomes().get(0).result() == ReloadResult.APPLIED);
	}

	private ReloadOutcome submit(Map<String, String> values) {
		return this.pipeline.submit(ConfigCandidate.builder("file")
			.propertySource(new MapPropertySource(SOURCE_NAME, new LinkedHashMap<>(values)))
			.contentHash("hash-" + this.hashes++)
			.location("config/application.yaml")
			.build());
	}

}
