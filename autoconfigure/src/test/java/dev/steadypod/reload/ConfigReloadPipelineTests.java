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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The pipeline as another reload route (the Kubernetes API) uses it: candidates built in
 * memory, submitted with their own source tag.
 */
class ConfigReloadPipelineTests {

	private ConfigurableApplicationContext context;

	private ConfigReloadPipeline pipeline;

	@BeforeEach
	void start() {
		this.context = new SpringApplicationBuilder(ReloadTestApplication.class).web(WebApplicationType.NONE)
			.properties("spring.main.banner-mode=off", "spring.cloud.kubernetes.enabled=false", "sample.name=start",
					"management.endpoints.web.exposure.include=configreload")
			.run();
		this.pipeline = this.context.getBean(ConfigReloadPipeline.class);
	}

	@AfterEach
	void stop() {
		this.context.close();
	}

	@Test
	void newSourceIsAddedValidatedAndApplied() {
		ReloadOutcome outcome = this.pipeline
			.submit(candidate("kubernetes", "configmap.demo.default", "from-api", "h1"));
		assertThat(outcome.result()).isEqualTo(ReloadResult.APPLIED);
		assertThat(outcome.changedKeys()).containsExactly("sample.name");
		assertThat(properties().getName()).isEqualTo("from-api");
		assertThat(this.context.getBean(ReloadTestApplication.Snapshot.class).name()).isEqualTo("from-api");
		assertThat(this.pipeline.activeHashes()).containsEntry("kubernetes", "h1");
		assertThat(counter("kubernetes", "applied")).isEqualTo(1);
	}

	@Test
	void sameHashAgainIsUnchanged() {
		this.pipeline.submit(candidate("kubernetes", "configmap.demo.default", "from-api", "h1"));
		ReloadOutcome again = this.pipeline.submit(candidate("kubernetes", "configmap.demo.default", "from-api", "h1"));
		assertThat(again.result()).isEqualTo(ReloadResult.UNCHANGED);
		assertThat(counter("kubernetes", "unchanged")).isEqualTo(1);
	}

	@Test
	void sameValuesThroughASecondRouteAreUnchangedSoOneChangeReloadsOnce() {
		this.pipeline.submit(candidate("kubernetes", "configmap.demo.default", "shared", "api-hash"));
		ReloadOutcome viaVolume = this.pipeline.submit(candidate("file", "mounted copy", "shared", "file-hash"));
		assertThat(viaVolume.result()).isEqualTo(ReloadResult.UNCHANGED);
		assertThat(viaVolume.reason()).isEqualTo("no effective property change");
		assertThat(this.context.getEnvironment().getPropertySources().contains("mounted copy")).isTrue();
		assertThat(counter("kubernetes", "applied") + counter("file", "applied")).isEqualTo(1);
	}

	@Test
	void candidateTheRouteDoesNotConfirmWhileItIsValidatedLeavesNoTrace() {
		Optional<List<ReloadOutcome>> outcomes = this.pipeline
			.submit(List.of(candidate("kubernetes", "configmap.demo.default", "unconfirmed", "h1")), () -> false);
		assertThat(outcomes).isEmpty();
		assertThat(properties().getName()).isEqualTo("start");
		assertThat(this.context.getEnvironment().getPropertySources().contains("configmap.demo.default")).isFalse();
		assertThat(this.pipeline.activeHashes()).doesNotContainKey("kubernetes");
		assertThat(this.pipeline.recentOutcomes()).isEmpty();
		assertThat(counter("kubernetes", "applied") + counter("kubernetes", "rejected")).isZero();
	}

	@Test
	void confirmedCandidatesAreHandledInOrderWithOneOutcomeEach() {
		Optional<List<ReloadOutcome>> outcomes = this.pipeline
			.submit(List.of(candidate("kubernetes-secret", "secret.demo.default", "from-secret", "s1"),
					candidate("kubernetes", "configmap.demo.default", "from-config-map", "c1")), () -> true);
		assertThat(outcomes).hasValueSatisfying((list) -> assertThat(list).extracting(ReloadOutcome::source)
			.containsExactly("kubernetes-secret", "kubernetes"));
		assertThat(outcomes.get()).allMatch((outcome) -> outcome.result() == ReloadResult.APPLIED);
		assertThat(this.pipeline.activeHashes()).containsEntry("kubernetes-secret", "s1")
			.containsEntry("kubernetes", "c1");
	}

	@Test
	void confirmationThatFailsAppliesNothingAndTheNextChangeIsHandled() {
		assertThatIllegalStateException().isThrownBy(() -> this.pipeline
			.submit(List.of(candidate("kubernetes", "configmap.demo.default", "unconfirmed", "h1")), () -> {
				throw new IllegalStateException("the confirming read failed");
			})).withMessage("the confirming read failed");
		assertThat(properties().getName()).isEqualTo("start");
		assertThat(this.pipeline.recentOutcomes()).isEmpty();
		ReloadOutcome next = this.pipeline.submit(candidate("kubernetes", "configmap.demo.default", "next", "h2"));
		assertThat(next.result()).isEqualTo(ReloadResult.APPLIED);
		assertThat(properties().getName()).isEqualTo("next");
	}

	@Test
	void invalidCandidateIsRejectedAndNothingIsApplied() {
		ReloadOutcome outcome = this.pipeline.submit(ConfigCandidate.builder("kubernetes")
			.propertySource(
					new MapPropertySource("configmap.demo.default", Map.of("sample.name", "", "sample.count", "2")))
			.contentHash("bad")
			.location("configmap/demo")
			.build());
		assertThat(outcome.result()).isEqualTo(ReloadResult.REJECTED);
		assertThat(outcome.reason()).contains("sample.name").contains("must not be blank");
		assertThat(properties().getName()).isEqualTo("start");
		assertThat(properties().getCount()).isEqualTo(1);
		assertThat(this.context.getEnvironment().getPropertySources().contains("configmap.demo.default")).isFalse();
		assertThat(counter("kubernetes", "rejected")).isEqualTo(1);
	}

	@Test
	void outcomeWithoutCandidateAndStatusLinesShowInTheEndpoint() {
		this.pipeline.record("kubernetes", ReloadResult.REJECTED,
				"ConfigMap demo deleted, keeping last good configuration");
		this.pipeline.putStatus("rbac", "missing permission: watch configmaps in namespace default");
		ConfigReloadEndpoint.StatusDescriptor status = this.context.getBean(ConfigReloadEndpoint.class).status();
		assertThat(status.status()).isEqualTo(List.of("missing permission: watch configmaps in namespace default"));
		assertThat(status.outcomes().get(0).reason()).contains("ConfigMap demo deleted");
		assertThat(counter("kubernetes", "rejected")).isEqualTo(1);
		this.pipeline.removeStatus("rbac");
		assertThat(this.pipeline.statusLines()).isEmpty();
	}

	@Test
	void historyKeepsTheLastTwentyOutcomesNewestFirst() {
		for (int i = 0; i < 25; i++) {
			this.pipeline.record("file", ReloadResult.REJECTED, "reason " + i);
		}
		assertThat(this.pipeline.recentOutcomes()).hasSize(20);
		assertThat(this.pipeline.recentOutcomes().get(0).reason()).isEqualTo("reason 24");
	}

	@Test
	void rehearsingAConfigurationBindsItButAppliesNothing() {
		this.pipeline.submit(candidate("kubernetes", "configmap.demo.default", "from-api", "h1"));
		int outcomes = this.pipeline.recentOutcomes().size();
		ReloadRehearsal rehearsal = this.pipeline.rehearse(ConfigCandidate.builder("kubernetes")
			.propertySource(new MapPropertySource("configmap.demo.default",
					Map.of("sample.name", "rehearsed", "sample.count", "7", "logging.level.com.example", "debug")))
			.contentHash("h2")
			.build());
		assertThat(rehearsal.source()).isEqualTo("kubernetes");
		assertThat(rehearsal.keys()).isEqualTo(3);
		assertThat(rehearsal.beans()).isEqualTo(1);
		assertThat(rehearsal.problems()).isEmpty();
		assertThat(properties().getName()).isEqualTo("from-api");
		assertThat(properties().getCount()).isEqualTo(1);
		assertThat(this.context.getEnvironment().getProperty("sample.name")).isEqualTo("from-api");
		assertThat(this.pipeline.activeHashes()).containsEntry("kubernetes", "h1");
		assertThat(this.pipeline.recentOutcomes()).hasSize(outcomes);
		assertThat(counter("kubernetes", "applied")).isEqualTo(1);
	}

	@Test
	void rehearsalShowsWhatWouldRejectTheRunningConfigurationWithoutItsValues() {
		// Not a web application: nothing bound server.port at start-up, so a bad value
		// went unnoticed until a change would carry it.
		ReloadRehearsal rehearsal = this.pipeline.rehearse(ConfigCandidate.builder("file")
			.propertySource(new MapPropertySource("application.yaml",
					Map.of("server.port", "port-4711", "sample.name", "fine")))
			.contentHash("h3")
			.build());
		assertThat(rehearsal.problems()).singleElement().asString().contains("server.port").doesNotContain("4711");
		assertThat(this.pipeline.statusLines().values()).singleElement()
			.asString()
			.contains("would be rejected if it arrived as a change")
			.contains("server.port")
			.doesNotContain("4711");
		assertThat(this.pipeline.recentOutcomes()).isEmpty();
		this.pipeline.rehearse(candidate("file", "application.yaml", "fine", "h4"));
		assertThat(this.pipeline.statusLines()).isEmpty();
	}

	@Test
	void outcomeSaysWhereTheTimeWentPhaseByPhase() {
		ReloadOutcome outcome = this.pipeline.submit(candidate("kubernetes", "configmap.demo.default", "timed", "h1")
			.withTimings(Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(3)));
		assertThat(outcome.result()).isEqualTo(ReloadResult.APPLIED);
		ReloadTimings timings = outcome.timings();
		assertThat(timings.queued()).isEqualTo(Duration.ofMillis(1));
		assertThat(timings.read()).isEqualTo(Duration.ofMillis(2));
		assertThat(timings.parse()).isEqualTo(Duration.ofMillis(3));
		assertThat(timings.validate()).isPositive();
		assertThat(timings.drain()).isGreaterThanOrEqualTo(Duration.ZERO);
		assertThat(timings.swap()).isPositive();
		assertThat(timings.listeners()).isPositive();
		assertThat(outcome.duration()).isEqualTo(timings.total());
		ConfigReloadEndpoint.OutcomeDescriptor described = this.context.getBean(ConfigReloadEndpoint.class)
			.status()
			.outcomes()
			.get(0);
		assertThat(described.phases()).containsExactly(Map.entry("queued", "PT0.001S"), Map.entry("read", "PT0.002S"),
				Map.entry("parse", "PT0.003S"), Map.entry("validate", timings.validate().toString()),
				Map.entry("drain", timings.drain().toString()), Map.entry("swap", timings.swap().toString()),
				Map.entry("listeners", timings.listeners().toString()));
		assertThat(described.duration()).isEqualTo(timings.total().toString());
	}

	private ConfigCandidate candidate(String source, String sourceName, String name, String hash) {
		return ConfigCandidate.builder(source)
			.propertySource(new MapPropertySource(sourceName, Map.of("sample.name", name)))
			.contentHash(hash)
			.location(sourceName)
			.build();
	}

	private ReloadTestApplication.SampleProperties properties() {
		return this.context.getBean(ReloadTestApplication.SampleProperties.class);
	}

	private double counter(String source, String result) {
		var counter = this.context.getBean(MeterRegistry.class)
			.find("steadypod.config.reloads")
			.tags("source", source, "result", result)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

}
