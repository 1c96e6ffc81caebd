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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.steadypod.reload.ConfigReloadPipeline;
import dev.steadypod.reload.ReloadOutcome;
import dev.steadypod.reload.ReloadResult;
import dev.steadypod.testsupport.KubeletConfigMapVolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo's real-application configuration through a kubelet-style volume: a record
 * (restart-required), a factory-method bean with a placeholder chain (rebound), a logging
 * level (applied, then reverted when removed), a read-once Boot property
 * (restart-required), and an invalid log level (rejected, as start-up would).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "steadypod.reload.poll-interval=1s" })
@DirtiesContext
class RealApplicationReloadTests {

	private static final Path VOLUME_DIR = createTempDirectory();

	private static final KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(VOLUME_DIR,
			Map.of("application.yaml", "demo:\n  greeting:\n    message: Start\n"));

	@Autowired
	private ConfigReloadPipeline pipeline;

	@Autowired
	private DownstreamConfiguration.DownstreamSettings downstream;

	@Autowired
	private DemoLimitsProperties limits;

	@Autowired
	private LoggingSystem loggingSystem;

	@DynamicPropertySource
	static void importTheVolume(DynamicPropertyRegistry registry) {
		registry.add("spring.config.import", () -> "optional:file:" + VOLUME_DIR + "/");
	}

	@Test
	void outcomeSaysWhatTookEffectAndWhatNeedsARestart() {
		volume.update(Map.of("application.yaml", """
				demo:
				  greeting:
				    message: Changed
				  limits:
				    max-batch: 20
				  downstream:
				    host: downstream.internal:9000
				logging:
				  level:
				    dev.steadypod.demo: DEBUG
				spring:
				  web:
				    resources:
				      cache:
				        cachecontrol:
				          max-age: 5m
				"""));
		ReloadOutcome outcome = awaitApplied("demo.greeting.message");
		assertThat(outcome.changedKeys()).contains("demo.downstream.host", "demo.downstream.url",
				"demo.limits.max-batch", "logging.level.dev.steadypod.demo",
				"spring.web.resources.cache.cachecontrol.max-age");
		assertThat(outcome.restartRequired()).containsExactlyInAnyOrder("demo.limits.max-batch",
				"spring.web.resources.cache.cachecontrol.max-age");
		assertThat(outcome.updated()).contains("downstreamSettings", "logging levels");
		assertThat(this.downstream.uri().getHost()).isEqualTo("downstream.internal");
		assertThat(this.downstream.name()).isEqualTo("downstream");
		assertThat(this.limits.maxBatch()).isEqualTo(10);
		assertThat(level()).isEqualTo(LogLevel.DEBUG);
		// Removing the level reverts to the one application.yaml sets.
		volume.update(Map.of("application.yaml", "demo:\n  greeting:\n    message: Reverted\n"));
		awaitApplied("demo.greeting.message");
		assertThat(level()).isEqualTo(LogLevel.INFO);
		assertThat(this.downstream.uri().getHost()).isEqualTo("localhost");
	}

	@Test
	void invalidLogLevelIsRejectedAndTheOldLevelKept() {
		LogLevel before = level();
		volume.update(Map.of("application.yaml",
				"demo:\n  greeting:\n    message: Loud\nlogging:\n  level:\n    dev.steadypod.demo: LOUD\n"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.pipeline.recentOutcomes().stream().anyMatch((o) -> o.result() == ReloadResult.REJECTED));
		ReloadOutcome rejected = this.pipeline.recentOutcomes()
			.stream()
			.filter((o) -> o.result() == ReloadResult.REJECTED)
			.findFirst()
			.orElseThrow();
		assertThat(rejected.reason()).contains("logging.level.dev.steadypod.demo").doesNotContain("LOUD");
		assertThat(level()).isEqualTo(before);
		volume.update(Map.of("application.yaml", "demo:\n  greeting:\n    message: Start\n"));
	}

	private ReloadOutcome awaitApplied(String key) {
		int seen = this.pipeline.recentOutcomes().size();
		await().atMost(Duration.ofSeconds(20)).until(() -> {
			List<ReloadOutcome> outcomes = this.pipeline.recentOutcomes();
			return !outcomes.isEmpty() && outcomes.get(0).result() == ReloadResult.APPLIED
					&& outcomes.get(0).changedKeys().contains(key) && (outcomes.size() > seen || seen == 20);
		});
		return this.pipeline.recentOutcomes().get(0);
	}

	private LogLevel level() {
		return this.loggingSystem.getLoggerConfiguration("dev.steadypod.demo").getEffectiveLevel();
	}

	private static Path createTempDirectory() {
		try {
			return Files.createTempDirectory("steadypod-real-app");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
