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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import dev.steadypod.warmup.StartupProgress;
import dev.steadypod.warmup.WarmupPhase;
import dev.steadypod.warmup.WarmupTask;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The start-up rehearsal's re-apply of the running configuration, rehearsed from inside a
 * real warm-up: it changes nothing anyone can read, and it happens only there.
 */
class ReloadRehearsalReapplyTests {

	private static final String REAL_APP_LOGGER = "dev.steadypod.reload.sample";

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void close() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void duringWarmUpTheRunningConfigurationIsReappliedLikeARefreshWithoutAChange() {
		EnvironmentChanges changes = new EnvironmentChanges();
		Probe probe = new Probe((pipeline) -> pipeline.rehearse(candidate("start")));
		ConfigurableApplicationContext context = start(probe, changes);
		assertThat(probe.phase).isEqualTo(WarmupPhase.WARMING_UP);
		ReloadRehearsal rehearsal = probe.rehearsal;
		assertThat(rehearsal).isNotNull();
		assertThat(rehearsal.problems()).isEmpty();
		assertThat(rehearsal.reapplied()).isNotNull().isPositive().isLessThanOrEqualTo(rehearsal.duration());
		// What a Spring Cloud refresh without a change does: an event without keys, the
		// refresh scope re-created.
		assertThat(changes.keys).containsExactly(Set.of());
		assertThat(probe.snapshotAfter).isNotSameAs(probe.snapshotBefore);
		// And nothing anyone reads changed.
		assertThat(context.getBean(ReloadTestApplication.SampleProperties.class).getName()).isEqualTo("start");
		assertThat(context.getEnvironment().getProperty("sample.name")).isEqualTo("start");
		assertThat(context.getBean(ReloadTestApplication.Snapshot.class).name()).isEqualTo("start");
		ConfigReloadPipeline pipeline = context.getBean(ConfigReloadPipeline.class);
		assertThat(pipeline.recentOutcomes()).isEmpty();
		assertThat(pipeline.activeHashes()).isEqualTo(probe.hashesBefore);
		assertThat(context.getBean(ReloadTestApplication.Events.class).received).isEmpty();
		assertThat(context.getBean(MeterRegistry.class).find("steadypod.config.reloads").counters())
			.allSatisfy((counter) -> assertThat(counter.count()).isZero());
	}

	@Test
	void aRealApplicationKeepsItsLevelsPlaceholdersAndRecordsThroughTheReapply() {
		Map<String, String> running = Map.of("app.host", "one.example", "client.url", "http://${app.host}/",
				"limits.max-items", "5", "logging.level." + REAL_APP_LOGGER, "DEBUG");
		EnvironmentChanges changes = new EnvironmentChanges();
		Probe probe = new Probe((context) -> context.getBean(RealAppReloadApplication.LimitsProperties.class),
				(pipeline) -> pipeline.rehearse(ConfigCandidate.builder("file")
					.propertySource(new MapPropertySource("application.yaml", new LinkedHashMap<>(running)))
					.contentHash("running")
					.location("application.yaml")
					.build()));
		List<String> properties = new ArrayList<>(
				running.entrySet().stream().map((entry) -> entry.getKey() + "=" + entry.getValue()).toList());
		properties.addAll(List.of("pool.size=4", "upstream.endpoint=one.example:80"));
		ConfigurableApplicationContext context = start(RealAppReloadApplication.class, probe, changes,
				properties.toArray(String[]::new));
		assertThat(probe.rehearsal).isNotNull();
		assertThat(probe.rehearsal.problems()).isEmpty();
		assertThat(probe.rehearsal.reapplied()).isNotNull();
		assertThat(changes.keys).containsExactly(Set.of());
		// Records are bound once, through their constructor: not rebound.
		assertThat(probe.snapshotAfter).isSameAs(probe.snapshotBefore);
		assertThat(context.getBean(RealAppReloadApplication.LimitsProperties.class).maxItems()).isEqualTo(5);
		assertThat(context.getBean(LoggingSystem.class).getLoggerConfiguration(REAL_APP_LOGGER).getEffectiveLevel())
			.isEqualTo(LogLevel.DEBUG);
		RealAppReloadApplication.ClientProperties client = context
			.getBean(RealAppReloadApplication.ClientProperties.class);
		assertThat(client.getUrl()).isEqualTo("http://one.example/");
		assertThat(client.describedAtInit()).isEqualTo("client for one.example");
		assertThat(context.getEnvironment().getProperty("client.url")).isEqualTo("http://one.example/");
		assertThat(context.getBean(ConfigReloadPipeline.class).recentOutcomes()).isEmpty();
	}

	@Test
	void aRouteHoldingAChangeIsNotReappliedWhileWarmingUp() {
		EnvironmentChanges changes = new EnvironmentChanges();
		Probe probe = new Probe((pipeline) -> pipeline.rehearse(candidate("changed")));
		ConfigurableApplicationContext context = start(probe, changes);
		assertThat(probe.rehearsal).isNotNull();
		assertThat(probe.rehearsal.reapplied()).isNull();
		assertThat(changes.keys).isEmpty();
		assertThat(probe.snapshotAfter).isSameAs(probe.snapshotBefore);
		assertThat(context.getEnvironment().getProperty("sample.name")).isEqualTo("start");
		assertThat(context.getEnvironment().getPropertySources().contains("application.yaml")).isFalse();
	}

	@Test
	void nothingIsReappliedOnceReadyOrWhenSwitchedOff() {
		EnvironmentChanges changes = new EnvironmentChanges();
		ConfigurableApplicationContext ready = start(new Probe((pipeline) -> null), changes);
		assertThat(ready.getBean(StartupProgress.class).phase()).isEqualTo(WarmupPhase.WARM);
		assertThat(ready.getBean(ConfigReloadPipeline.class).rehearse(candidate("start")).reapplied()).isNull();
		Probe switchedOff = new Probe((pipeline) -> pipeline.rehearse(candidate("start")));
		start(switchedOff, changes, "steadypod.reload.reapply-before-readiness=false");
		assertThat(switchedOff.rehearsal).isNotNull();
		assertThat(switchedOff.rehearsal.reapplied()).isNull();
		assertThat(switchedOff.snapshotAfter).isSameAs(switchedOff.snapshotBefore);
		assertThat(changes.keys).isEmpty();
		assertThat(ready.getEnvironment().getPropertySources().contains("application.yaml")).isFalse();
	}

	private ConfigurableApplicationContext start(Probe probe, EnvironmentChanges changes, String... properties) {
		return start(ReloadTestApplication.class, probe, changes, properties);
	}

	private ConfigurableApplicationContext start(Class<?> application, Probe probe, EnvironmentChanges changes,
			String... properties) {
		List<String> all = new ArrayList<>(
				List.of("spring.main.banner-mode=off", "spring.cloud.kubernetes.enabled=false", "sample.name=start"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(application).web(WebApplicationType.NONE)
			.initializers((ctx) -> {
				probe.context = ctx;
				ctx.getBeanFactory().registerSingleton("rehearsalProbe", probe);
			})
			.listeners(changes)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private static ConfigCandidate candidate(String name) {
		return ConfigCandidate.builder("file")
			.propertySource(new MapPropertySource("application.yaml", Map.of("sample.name", name)))
			.contentHash("hash-of-" + name)
			.location("application.yaml")
			.build();
	}

	/** A warm-up task that rehearses a candidate while the warm-up runs. */
	private static final class Probe implements WarmupTask {

		private final Function<ConfigurableApplicationContext, Object> watched;

		private final Function<ConfigReloadPipeline, @Nullable ReloadRehearsal> rehearse;

		private volatile @Nullable ConfigurableApplicationContext context;

		private volatile @Nullable WarmupPhase phase;

		private volatile @Nullable ReloadRehearsal rehearsal;

		private volatile @Nullable Object snapshotBefore;

		private volatile @Nullable Object snapshotAfter;

		private volatile Map<String, String> hashesBefore = Map.of();

		Probe(Function<ConfigReloadPipeline, @Nullable ReloadRehearsal> rehearse) {
			this((context) -> context.getBean("scopedTarget.snapshot"), rehearse);
		}

		/**
		 * A probe that also looks up {@code watched} before and after the rehearsal.
		 */
		Probe(Function<ConfigurableApplicationContext, Object> watched,
				Function<ConfigReloadPipeline, @Nullable ReloadRehearsal> rehearse) {
			this.watched = watched;
			this.rehearse = rehearse;
		}

		@Override
		public void run() {
			ConfigurableApplicationContext context = this.context;
			assertThat(context).isNotNull();
			ConfigReloadPipeline pipeline = context.getBean(ConfigReloadPipeline.class);
			this.phase = context.getBean(StartupProgress.class).phase();
			this.snapshotBefore = this.watched.apply(context);
			this.hashesBefore = pipeline.activeHashes();
			this.rehearsal = this.rehearse.apply(pipeline);
			this.snapshotAfter = this.watched.apply(context);
		}

	}

	/** The events the pipeline publishes (not those of Spring Cloud's own refresh). */
	private static final class EnvironmentChanges implements ApplicationListener<EnvironmentChangeEvent> {

		private final List<Set<String>> keys = new CopyOnWriteArrayList<>();

		@Override
		public void onApplicationEvent(EnvironmentChangeEvent event) {
			if (event.getSource() instanceof BeanApplier) {
				this.keys.add(event.getKeys());
			}
		}

	}

}
