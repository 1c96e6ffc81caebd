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

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The findings of issue 12 on an application shaped like a real one: what "applied"
 * promises (valid as start-up would bind it, in effect, or reported as needing a
 * restart), rollback, retries and request-gate honesty.
 */
@ExtendWith(OutputCaptureExtension.class)
class RealAppReloadTests {

	private static final String LOGGER = "dev.steadypod.reload.sample";

	private static final String SOURCE_NAME = "Config resource 'file [config/application.yaml]' via location 'x'";

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
		List<String> properties = new ArrayList<>(
				List.of("spring.main.banner-mode=off", "spring.cloud.kubernetes.enabled=false", "app.host=one.example",
						"client.url=http://${app.host}/", "limits.max-items=5", "pool.size=4",
						"upstream.endpoint=one.example:80", "logging.level." + LOGGER + "=DEBUG"));
		properties.addAll(List.of(extra));
		this.context = new SpringApplicationBuilder(RealAppReloadApplication.class).web(WebApplicationType.NONE)
			.properties(properties.toArray(String[]::new))
			.run();
		this.pipeline = this.context.getBean(ConfigReloadPipeline.class);
	}

	@Test
	void invalidLogLevelIsRejectedLikeStartUpWouldRejectIt() {
		start();
		ReloadOutcome outcome = submit(Map.of("logging.level." + LOGGER, "LOUD"));
		assertThat(outcome.result()).isEqualTo(ReloadResult.REJECTED);
		assertThat(outcome.reason()).contains("logging.level." + LOGGER).contains("LogLevel").doesNotContain("LOUD");
		assertThat(level()).isEqualTo(LogLevel.DEBUG);
	}

	@Test
	void valueOfTheWrongDeclaredTypeForABootPropertyIsRejected() {
		start();
		ReloadOutcome outcome = submit(Map.of("server.port", "eighty"));
		assertThat(outcome.result()).isEqualTo(ReloadResult.REJECTED);
		assertThat(outcome.reason()).contains("server.port").doesNotContain("eighty");
	}

	@Test
	void removedLoggingLevelRevertsToTheInheritedLevel() {
		start();
		String other = "dev.steadypod.reload.other";
		ReloadOutcome added = submit(Map.of("logging.level." + other, "TRACE"));
		assertThat(added.updated()).contains("logging levels");
		assertThat(this.context.getBean(LoggingSystem.class).getLoggerConfiguration(other).getEffectiveLevel())
			.isEqualTo(LogLevel.TRACE);
		ReloadOutcome removed = this.pipeline
			.submit(ConfigCandidate.builder("file").remove(SOURCE_NAME).contentHash("removed").build());
		assertThat(removed.result()).isEqualTo(ReloadResult.APPLIED);
		assertThat(removed.changedKeys()).containsExactly("logging.level." + other);
		assertThat(this.context.getBean(LoggingSystem.class).getLoggerConfiguration(other).getConfiguredLevel())
			.isNull();
		assertThat(this.context.getBean(LoggingSystem.class).getLoggerConfiguration(other).getEffectiveLevel())
			.isEqualTo(LogLevel.INFO);
	}

	@Test
	void readOnceBootPropertiesAreReportedAsNeedingARestart() {
		start();
		ReloadOutcome outcome = submit(Map.of("server.port", "9090", "spring.web.resources.cache.cachecontrol.max-age",
				"10m", "spring.datasource.url", "jdbc:h2:mem:x", "client.url", "http://two.example/"));
		assertThat(outcome.result()).isEqualTo(ReloadResult.APPLIED);
		assertThat(outcome.restartRequired()).containsExactlyInAnyOrder("server.port",
				"spring.web.resources.cache.cachecontrol.max-age", "spring.datasource.url");
		assertThat(outcome.updated()).contains(clientBeanName());
		assertThat(this.context.getBean(MeterRegistry.class)
			.get("steadypod.config.reloads")
			.tags("result", "applied", "restart.required", "true")
			.counter()
			.count()).isEqualTo(1);
	}

	@Test
	void rebindRunsSettersAndInitCallbacks() {
		start();
		submit(Map.of("client.url", "http://two.example/"));
		RealAppReloadApplication.ClientProperties client = client();
		assertThat(client.getUrl()).isEqualTo("http://two.example/");
		assertThat(client.uri().getHost()).isEqualTo("two.example");
		assertThat(client.describedAtInit()).isEqualTo("client for two.example");
	}

	@Test
	void removedKeyOfAValidatedBeanFallsBackThroughItsSetterAndInitCallback() {
		start();
		submit(Map.of("client.url", "http://two.example/", "client.headers.trace", "on"));
		assertThat(client().getHeaders()).containsOnlyKeys("accept", "trace");
		ReloadOutcome removed = this.pipeline.submit(
				ConfigCandidate.builder("file").remove(SOURCE_NAME).contentHash("removed-" + this.hashes++).build());
		assertThat(removed.result()).isEqualTo(ReloadResult.APPLIED);
		RealAppReloadApplication.ClientProperties client = client();
		assertThat(client.getUrl()).isEqualTo("http://one.example/");
		assertThat(client.uri().getHost()).isEqualTo("one.example");
		assertThat(client.describedAtInit()).isEqualTo("client for one.example");
		assertThat(client.getHeaders()).containsExactly(Map.entry("accept", "json"));
	}

	@Test
	void placeholderDependentsCountAsChangedAndAreRebound() {
		start();
		ReloadOutcome outcome = submit(Map.of("app.host", "three.example"));
		assertThat(outcome.result()).isEqualTo(ReloadResult.APPLIED);
		assertThat(outcome.changedKeys()).contains("app.host", "client.url");
		assertThat(client().uri().getHost()).isEqualTo("three.example");
	}

	@Test
	void placeholderDependentIsValidated() {
		start();
		ReloadOutcome outcome = submit(Map.of("app.host", " ", "client.url", "${app.host}"));
		assertThat(outcome.result()).isEqualTo(ReloadResult.REJECTED);
		assertThat(outcome.reason()).contains("client.url");
		assertThat(client().uri().getHost()).isEqualTo("one.example");
	}

	@Test
	void valuesOfTheApplicationsOwnConverterBindAsAtStartUp() {
		start();
		assertThat(upstream().getEndpoint()).isEqualTo(new RealAppReloadApplication.Endpoint("one.example", 80));
		ReloadOutcome applied = submit(Map.of("upstream.endpoint", "two.example:8443"));
		assertThat(applied.result()).isEqualTo(ReloadResult.APPLIED);
		assertThat(upstream().getEndpoint()).isEqualTo(new RealAppReloadApplication.Endpoint("two.example", 8443));
		ReloadOutcome rejected = submit(Map.of("upstream.endpoint", "three.example"));
		assertThat(rejected.result()).isEqualTo(ReloadResult.REJECTED);
		assertThat(rejected.reason()).contains("upstream.endpoint").doesNotContain("three.example");
		assertThat(upstream().getEndpoint()).isEqualTo(new RealAppReloadApplication.Endpoint("two.example", 8443));
	}

	@Test
	void recordPropertiesAreValidatedAndReportedAsNeedingARestart() {
		start();
		ReloadOutcome rejected = submit(Map.of("limits.max-items", "0"));
		assertThat(rejected.result()).isEqualTo(ReloadResult.REJECTED);
		assertThat(rejected.reason()).contains("limits.max-items");
		ReloadOutcome applied = submit(Map.of("limits.max-items", "7"));
		assertThat(applied.result()).isEqualTo(ReloadResult.APPLIED);
		assertThat(applied.restartRequired()).containsExactly("limits.max-items");
	}

	@Test
	void factoryMethodBeanWithoutNoArgConstructorIsValidatedAndRebound() {
		start();
		ReloadOutcome rejected = submit(Map.of("pool.size", "0"));
		assertThat(rejected.result()).isEqualTo(ReloadResult.REJECTED);
		assertThat(rejected.reason()).contains("pool.size");
		assertThat(pool().getSize()).isEqualTo(4);
		ReloadOutcome applied = submit(Map.of("pool.size", "9"));
		assertThat(applied.result()).isEqualTo(ReloadResult.APPLIED);
		assertThat(applied.restartRequired()).isEmpty();
		assertThat(pool().getSize()).isEqualTo(9);
		assertThat(pool().getName()).isEqualTo("pool-from-factory");
	}

	@Test
	void factoryMethodBeanValidatedOnlyByItsMethodAnnotationIsValidatedBeforeTheSwap() {
		start();
		ReloadOutcome rejected = submit(Map.of("queue.capacity", "0"));
		assertThat(rejected.result()).isEqualTo(ReloadResult.REJECTED);
		assertThat(rejected.reason()).contains("queue.capacity");
		assertThat(this.context.getBean(RealAppReloadApplication.QueueSettings.class).getCapacity()).isEqualTo(10);
	}

	@Test
	void unknownKeysAreAppliedButReportedAsPossibleTypos(CapturedOutput output) {
		start();
		ReloadOutcome outcome = submit(Map.of("clinet.url", "http://typo/"));
		assertThat(outcome.result()).isEqualTo(ReloadResult.APPLIED);
		assertThat(outcome.unknownKeys()).containsExactly("clinet.url");
		assertThat(output).contains("check them for typos");
	}

	@Test
	void failedApplyRollsBackBeansLoggingLevelsAndEnvironmentAndIsRetried() {
		start();
		// A listener that fails the apply once, after the beans and levels were updated.
		CountDownLatch failures = new CountDownLatch(1);
		this.context.addApplicationListener((ApplicationListener<EnvironmentChangeEvent>) (event) -> {
			if (event.getKeys().contains("pool.size") && failures.getCount() > 0) {
				failures.countDown();
				throw new IllegalStateException("listener refuses");
			}
		});
		ReloadOutcome outcome = submit(Map.of("pool.size", "6", "logging.level." + LOGGER, "ERROR"));
		assertThat(outcome.result()).isEqualTo(ReloadResult.FAILED);
		assertThat(pool().getSize()).isEqualTo(4);
		assertThat(level()).isEqualTo(LogLevel.DEBUG);
		assertThat(this.context.getEnvironment().getProperty("pool.size")).isEqualTo("4");
		assertThat(this.context.getEnvironment().getPropertySources().contains(SOURCE_NAME)).isFalse();
		await().atMost(Duration.ofSeconds(20))
			.until(() -> this.pipeline.recentOutcomes().get(0).result() == ReloadResult.APPLIED);
		assertThat(this.pipeline.recentOutcomes().get(0).attempt()).isEqualTo(2);
		assertThat(pool().getSize()).isEqualTo(6);
		// The retry runs on the pipeline's worker, which records the outcome before it
		// tells the metrics listener: the counter may lag the history briefly.
		await().atMost(Duration.ofSeconds(5)).until(() -> retries() == 1);
	}

	@Test
	void swapWithALongRequestInFlightDoesNotWaitForItAndSaysSo() throws Exception {
		start();
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
			long start = System.nanoTime();
			ReloadOutcome outcome = submit(Map.of("pool.size", "8"));
			assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(1));
			assertThat(outcome.result()).isEqualTo(ReloadResult.APPLIED);
			assertThat(outcome.requestAtomic()).isFalse();
			assertThat(outcome.reason()).contains("1 request(s)").contains("mid-request");
		}
		finally {
			release.countDown();
			longRequest.join();
		}
	}

	@Test
	void endpointShowsWhatTookEffectWithIsoTimesAndKeyedFingerprints() {
		start("management.endpoints.web.exposure.include=configreload");
		submit(Map.of("server.port", "9091", "pool.size", "5"));
		ConfigReloadEndpoint.StatusDescriptor status = this.context.getBean(ConfigReloadEndpoint.class).status();
		ConfigReloadEndpoint.OutcomeDescriptor last = status.outcomes().get(0);
		assertThat(last.restartRequired()).containsExactly("server.port");
		assertThat(last.updated()).contains("poolSettings");
		assertThat(last.duration()).startsWith("PT");
		assertThat(java.time.Instant.parse(last.time())).isNotNull();
		String hash = this.pipeline.recentOutcomes().get(0).hash();
		assertThat(last.hash()).hasSize(16).isNotEqualTo(hash).isEqualTo(this.pipeline.fingerprint(hash));
		assertThat(status.activeHash()).isEqualTo(this.pipeline.fingerprint(this.pipeline.activeHash()));
	}

	private String clientBeanName() {
		return this.context.getBeanNamesForType(RealAppReloadApplication.ClientProperties.class)[0];
	}

	@Test
	void aRestartOverSecretContentCarriesAKeyedFingerprintNeverThePlainHash() {
		start();
		String hash = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
		ReloadOutcome outcome = this.pipeline.submit(ConfigCandidate.builder("secret")
			.propertySource(new MapPropertySource(SOURCE_NAME, new LinkedHashMap<>(Map.of("server.port", "9093"))))
			.contentHash(hash)
			.build());
		assertThat(outcome.restartRequired()).containsExactly("server.port");
		RestartRequest request = this.context.getBean(RestartPolicy.class).lastRequest().orElseThrow();
		assertThat(request.configHash()).hasSize(12)
			.isNotEqualTo(hash.substring(0, 12))
			.isEqualTo(this.pipeline.fingerprint(hash).substring(0, 12));
	}

	@Test
	void withASharedFingerprintKeyEveryRestartCarriesTheKeyedFingerprint() {
		start("steadypod.reload.fingerprint-key=shared-by-every-replica");
		ReloadOutcome outcome = submit(Map.of("server.port", "9094"));
		assertThat(outcome.restartRequired()).containsExactly("server.port");
		RestartRequest request = this.context.getBean(RestartPolicy.class).lastRequest().orElseThrow();
		assertThat(request.configHash()).isEqualTo(this.pipeline.fingerprint(outcome.hash()).substring(0, 12));
	}

	private double retries() {
		Counter counter = this.context.getBean(MeterRegistry.class).find("steadypod.config.reload.retries").counter();
		return (counter != null) ? counter.count() : 0;
	}

	private ReloadOutcome submit(Map<String, String> values) {
		return this.pipeline.submit(ConfigCandidate.builder("file")
			.propertySource(new MapPropertySource(SOURCE_NAME, new LinkedHashMap<>(values)))
			.contentHash("hash-" + this.hashes++)
			.location("config/application.yaml")
			.build());
	}

	private LogLevel level() {
		return this.context.getBean(LoggingSystem.class).getLoggerConfiguration(LOGGER).getEffectiveLevel();
	}

	private RealAppReloadApplication.ClientProperties client() {
		return this.context.getBean(RealAppReloadApplication.ClientProperties.class);
	}

	private RealAppReloadApplication.UpstreamProperties upstream() {
		return this.context.getBean(RealAppReloadApplication.UpstreamProperties.class);
	}

	private RealAppReloadApplication.PoolSettings pool() {
		return this.context.getBean(RealAppReloadApplication.PoolSettings.class);
	}

}
