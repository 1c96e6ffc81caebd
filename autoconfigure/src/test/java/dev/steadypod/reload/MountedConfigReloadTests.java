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

import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.PropertySource;

import dev.steadypod.testsupport.KubeletConfigMapVolume;
import dev.steadypod.warmup.StartupProgress;
import dev.steadypod.warmup.WarmupTaskOutcome;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real applications reading real files: every way a watched file can change is seen and
 * applied through the pipeline, the way Spring Boot itself would have loaded it.
 */
@ExtendWith(OutputCaptureExtension.class)
class MountedConfigReloadTests {

	@TempDir
	Path dir;

	private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();

	@AfterEach
	void closeContexts() {
		this.contexts.forEach(ConfigurableApplicationContext::close);
	}

	@Test
	void inPlaceWriteIsApplied() throws Exception {
		Path file = this.dir.resolve("application.properties");
		Files.writeString(file, "sample.name=first\n");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + this.dir + "/");
		assertThat(name(context)).isEqualTo("first");
		Files.writeString(file, "sample.name=second\n");
		awaitValue(() -> name(context), "second");
		// Read outside a request, so not behind the request gate: the refresh-scoped bean
		// may lag by the
		// few milliseconds the apply takes.
		awaitValue(() -> snapshot(context), "second");
	}

	@Test
	void editorWriteToTempAndRenameIsApplied() throws Exception {
		Path file = this.dir.resolve("application.yaml");
		Files.writeString(file, "sample:\n  name: first\n");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + this.dir + "/");
		Path temp = this.dir.resolve(".application.yaml.swp");
		Files.writeString(temp, "sample:\n  name: renamed\n");
		Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
		awaitValue(() -> name(context), "renamed");
	}

	@Test
	void fileThatAppearsAfterStartUpIsInsertedWithBootsPrecedence() throws Exception {
		Path yaml = this.dir.resolve("application.yaml");
		Files.writeString(yaml, "sample:\n  name: from-yaml\n  count: 2\n");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + this.dir + "/");
		// Spring Boot gives .properties precedence over .yaml in the same location.
		Files.writeString(this.dir.resolve("application.properties"), "sample.name=from-properties\n");
		awaitValue(() -> name(context), "from-properties");
		assertThat(properties(context).getCount()).isEqualTo(2);
		List<String> names = context.getEnvironment()
			.getPropertySources()
			.stream()
			.map(PropertySource::getName)
			.toList();
		int properties = indexOf(names, "application.properties");
		int yamlIndex = indexOf(names, "application.yaml");
		assertThat(properties).isLessThan(yamlIndex);
	}

	@Test
	void directoryThatAppearsAfterStartUpIsPickedUp() throws Exception {
		Path config = this.dir.resolve("later");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + config + "/");
		assertThat(name(context)).isEqualTo("default");
		Files.createDirectories(config);
		Files.writeString(config.resolve("application.properties"), "sample.name=late\n");
		awaitValue(() -> name(context), "late");
	}

	@Test
	void sourcesKeepTheNamesSpringBootGaveThem() throws Exception {
		Path file = this.dir.resolve("application.yaml");
		Files.writeString(file, "sample:\n  name: first\n");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + this.dir + "/");
		List<String> before = sourceNames(context);
		Files.writeString(file, "sample:\n  name: second\n");
		awaitValue(() -> name(context), "second");
		assertThat(sourceNames(context)).isEqualTo(before);
		assertThat(before).anySatisfy((name) -> assertThat(name).startsWith("Config resource 'file [")
			.contains("application.yaml")
			.contains("via location 'optional:file:"));
		assertThat(context.getEnvironment()
			.getPropertySources()
			.stream()
			.filter((source) -> source.getName().contains("application.yaml"))
			.findFirst()
			.orElseThrow()).isInstanceOf(OriginTrackedMapPropertySource.class);
	}

	@Test
	void configTreeImportOfAKubeletVolumeReloads() {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir.resolve("tree"),
				Map.of("sample.name", "tree-one", "sample.count", "3"));
		ConfigurableApplicationContext context = run(
				"spring.config.import=optional:configtree:" + volume.directory() + "/");
		assertThat(name(context)).isEqualTo("tree-one");
		List<String> before = sourceNames(context);
		assertThat(before).contains("Config tree '" + volume.directory().toAbsolutePath() + "'");
		volume.update(Map.of("sample.name", "tree-two", "sample.count", "4"));
		awaitValue(() -> name(context), "tree-two");
		assertThat(sourceNames(context)).isEqualTo(before);
		assertThat(properties(context).getCount()).isEqualTo(4);
		volume.update(Map.of("sample.name", "tree-two", "sample.count", "many"));
		await().atMost(Duration.ofSeconds(10)).until(() -> lastOutcome(context).result() == ReloadResult.REJECTED);
		assertThat(properties(context).getCount()).isEqualTo(4);
	}

	@Test
	void kubeletVolumeIsRehearsedDuringWarmUpAndItsFirstChangeSaysWhereTheTimeWent(CapturedOutput output) {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir.resolve("tree"),
				Map.of("sample.name", "tree-one", "sample.count", "3"));
		ConfigurableApplicationContext context = run(
				"spring.config.import=optional:configtree:" + volume.directory() + "/");
		assertThat(context.getBean(StartupProgress.class).outcomes())
			.anySatisfy((task) -> assertThat(task).returns("configReloadRehearsal", WarmupTaskOutcome::name)
				.returns(WarmupTaskOutcome.Status.SUCCEEDED, WarmupTaskOutcome::status));
		assertThat(output).contains("Rehearsed configuration reload from file: 2 keys, 1 properties beans bound")
			.contains("re-applied unchanged before readiness in");
		assertThat(context.getBean(ConfigReloadPipeline.class).recentOutcomes()).isEmpty();
		assertThat(name(context)).isEqualTo("tree-one");
		volume.update(Map.of("sample.name", "tree-two", "sample.count", "3"));
		// The bean is rebound before the outcome is recorded: wait for the outcome.
		await().atMost(Duration.ofSeconds(10)).until(() -> lastOutcome(context).result() == ReloadResult.APPLIED);
		assertThat(name(context)).isEqualTo("tree-two");
		ReloadTimings timings = lastOutcome(context).timings();
		assertThat(timings.read()).isPositive();
		assertThat(timings.parse()).isPositive();
		assertThat(timings.validate()).isPositive();
		assertThat(timings.queued()).isGreaterThanOrEqualTo(Duration.ZERO);
		assertThat(lastOutcome(context).duration()).isEqualTo(timings.total());
	}

	@Test
	void additionalLocationFileAndReloadPathsAreWatched() throws Exception {
		Path extra = this.dir.resolve("extra.yaml");
		Files.writeString(extra, "sample:\n  count: 5\n");
		Path plain = this.dir.resolve("plain");
		Files.createDirectories(plain);
		ConfigurableApplicationContext context = run("spring.config.additional-location=optional:file:" + extra,
				"steadypod.reload.paths=" + plain + "/");
		assertThat(properties(context).getCount()).isEqualTo(5);
		Files.writeString(extra, "sample:\n  count: 6\n");
		await().atMost(Duration.ofSeconds(10)).until(() -> properties(context).getCount() == 6);
		List<String> watched = context.getBean(ConfigFileWatcher.class)
			.watchedPaths()
			.stream()
			.map(WatchedLocationStatus::path)
			.toList();
		assertThat(watched).contains(extra.toAbsolutePath().toString(), plain.toAbsolutePath().toString());
	}

	@Test
	void failingRefreshIsRolledBackAndReportedFailed(CapturedOutput output) throws Exception {
		Path file = this.dir.resolve("application.properties");
		Files.writeString(file, "sample.name=good\nsample.count=1\n");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + this.dir + "/");
		Files.writeString(file, "sample.name=explode\nsample.count=2\n");
		await().atMost(Duration.ofSeconds(10)).until(() -> lastOutcome(context).result() == ReloadResult.FAILED);
		assertThat(name(context)).isEqualTo("good");
		assertThat(properties(context).getCount()).isEqualTo(1);
		assertThat(snapshot(context)).isEqualTo("good");
		assertThat(context.getEnvironment().getProperty("sample.name")).isEqualTo("good");
		assertThat(output).contains("failed and was rolled back");
	}

	@Test
	void restartRequiredKeysAreNamedInAWarning(CapturedOutput output) throws Exception {
		Path file = this.dir.resolve("application.properties");
		Files.writeString(file, "sample.name=one\n");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + this.dir + "/");
		Files.writeString(file, "sample.name=two\nserver.port=9999\n");
		awaitValue(() -> name(context), "two");
		await().atMost(Duration.ofSeconds(2))
			.untilAsserted(
					() -> assertThat(output).contains("Changed keys [server.port] only take effect after a restart"));
	}

	@Test
	void restartRequiredChangeWithShutdownClosesTheApplication() throws Exception {
		Path file = this.dir.resolve("application.properties");
		Files.writeString(file, "sample.name=one\n");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + this.dir + "/",
				"steadypod.reload.on-restart-required=shutdown",
				"steadypod.reload.restart-required-prefixes=sample.count");
		Files.writeString(file, "sample.name=one\nsample.count=7\n");
		await().atMost(Duration.ofSeconds(10)).until(() -> !context.isActive());
	}

	@Test
	void subPathMountIsWarnedAboutAndMarkedInTheEndpoint(CapturedOutput output) throws Exception {
		Path file = this.dir.resolve("application.yaml");
		Files.writeString(file, "sample:\n  name: pinned\n");
		// The mount table of a pod whose application.yaml is a subPath bind mount.
		MountInfo mounts = MountInfo.parse("1402 1391 259:1 /var/lib/kubelet/pods/1/volume-subpaths/cfg/app/0 "
				+ file.toAbsolutePath() + " ro,relatime - ext4 /dev/nvme0n1p1 rw\n");
		List<String> all = new ArrayList<>(List.of("spring.main.banner-mode=off",
				"spring.cloud.kubernetes.enabled=false", "spring.config.import=optional:file:" + this.dir + "/"));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReloadTestApplication.class)
			.web(WebApplicationType.NONE)
			.initializers((ctx) -> ctx.getBeanFactory().registerSingleton("steadypodMountInfo", mounts))
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		assertThat(output).contains(file.toAbsolutePath() + " is a subPath mount");
		assertThat(context.getBean(ConfigFileWatcher.class).watchedPaths()).anySatisfy((status) -> {
			assertThat(status.path()).isEqualTo(file.toAbsolutePath().toString());
			assertThat(status.mount()).isEqualTo(MountKind.SUBPATH);
		});
	}

	@Test
	void appliedChangePublishesAnEventWithSourceKeysAndHash() throws Exception {
		Path file = this.dir.resolve("application.properties");
		Files.writeString(file, "sample.name=one\n");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + this.dir + "/");
		Files.writeString(file, "sample.name=two\nsample.items=a,b\n");
		awaitValue(() -> name(context), "two");
		ReloadTestApplication.Events events = context.getBean(ReloadTestApplication.Events.class);
		await().atMost(Duration.ofSeconds(2)).until(() -> !events.received.isEmpty());
		ConfigReloadedEvent event = events.received.get(0);
		assertThat(event.getReloadSource()).isEqualTo("file");
		assertThat(event.getChangedKeys()).containsExactly("sample.items", "sample.name");
		ConfigReloadPipeline pipeline = context.getBean(ConfigReloadPipeline.class);
		assertThat(event.getHash()).isEqualTo(pipeline.fingerprint(pipeline.activeHash()))
			.isNotEqualTo(pipeline.activeHash());
	}

	@Test
	void readRacingTheKubeletsCleanUpIsReadAgainRatherThanLost() throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir, Map.of("sample.name", "first"));
		AtomicInteger races = new AtomicInteger();
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReloadTestApplication.class)
			.web(WebApplicationType.NONE)
			.initializers((ctx) -> ctx.getBeanFactory()
				.registerSingleton("mountedConfigReader", new MountedConfigReader(ctx.getEnvironment(), 1024 * 1024) {
					@Override
					public ConfigCandidate toCandidate(Snapshot snapshot, String sourceTag)
							throws InvalidConfigException {
						// What Boot's config-tree walk throws when the kubelet deletes
						// the old payload under it.
						if (races.getAndIncrement() == 0) {
							throw new UncheckedIOException(new NoSuchFileException(this.toString()));
						}
						return super.toCandidate(snapshot, sourceTag);
					}
				}))
			// No poll to fall back on: only the watcher's own re-read can pick the change
			// up.
			.properties("spring.config.import=optional:configtree:" + this.dir + "/",
					"steadypod.reload.poll-interval=1h", "spring.main.banner-mode=off",
					"spring.cloud.kubernetes.enabled=false")
			.run();
		this.contexts.add(context);
		volume.update(Map.of("sample.name", "second"));
		awaitValue(() -> name(context), "second");
		assertThat(races.get()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void malformedYamlNeverShowsTheSourceTextInReasonsOrLogs(CapturedOutput output) throws Exception {
		Path file = this.dir.resolve("application.yaml");
		Files.writeString(file, "sample:\n  name: first\n");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + this.dir + "/");
		Files.writeString(file, "sample:\n  name: second\n  password: \"hunter2-SECRET\n");
		await().atMost(Duration.ofSeconds(10)).until(() -> lastOutcome(context).result() == ReloadResult.REJECTED);
		assertThat(lastOutcome(context).reason()).contains("malformed YAML")
			.contains("line ")
			.doesNotContain("hunter2");
		assertThat(output).contains("malformed YAML").doesNotContain("hunter2");
		assertThat(name(context)).isEqualTo("first");
	}

	@Test
	void removingTheLastKeyOfAConfigTreeIsApplied() {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir.resolve("tree"),
				Map.of("sample.name", "only-key"));
		ConfigurableApplicationContext context = run(
				"spring.config.import=optional:configtree:" + volume.directory() + "/");
		assertThat(name(context)).isEqualTo("only-key");
		volume.update(Map.of());
		await().atMost(Duration.ofSeconds(10)).until(() -> lastOutcome(context).result() == ReloadResult.APPLIED);
		assertThat(lastOutcome(context).changedKeys()).containsExactly("sample.name");
		assertThat(name(context)).isEqualTo("default");
		assertThat(context.getEnvironment().getProperty("sample.name")).isNull();
	}

	@Test
	void nestedItemsProjectionIsKubeletManagedAndReloads() {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir,
				Map.of("conf/application.yaml", "sample:\n  name: nested-one\n"));
		ConfigurableApplicationContext context = run(
				"spring.config.import=optional:file:" + this.dir.resolve("conf") + "/");
		assertThat(name(context)).isEqualTo("nested-one");
		assertThat(context.getBean(ConfigFileWatcher.class).watchedPaths())
			.allSatisfy((status) -> assertThat(status.mount()).isEqualTo(MountKind.KUBELET_MANAGED));
		volume.update(Map.of("conf/application.yaml", "sample:\n  name: nested-two\n"));
		awaitValue(() -> name(context), "nested-two");
	}

	@Test
	void swapBetweenConfigLoadingAndStartIsApplied() throws Exception {
		Path file = this.dir.resolve("application.properties");
		Files.writeString(file, "sample.name=loaded\n");
		List<String> all = new ArrayList<>(
				List.of("spring.main.banner-mode=off", "spring.cloud.kubernetes.enabled=false",
						"steadypod.reload.poll-interval=1h", "spring.config.import=optional:file:" + this.dir + "/"));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReloadTestApplication.class)
			.web(WebApplicationType.NONE)
			// Runs after Boot loaded the file into the Environment, before the watcher
			// starts.
			.initializers((ctx) -> {
				try {
					Files.writeString(file, "sample.name=swapped\n");
				}
				catch (java.io.IOException ex) {
					throw new UncheckedIOException(ex);
				}
			})
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		awaitValue(() -> name(context), "swapped");
	}

	@Test
	void directoryThatAppearsAfterStartUpIsWatchedAtOnce() throws Exception {
		Path config = this.dir.resolve("later");
		ConfigurableApplicationContext context = run("spring.config.import=optional:file:" + config + "/",
				"steadypod.reload.poll-interval=1h");
		Files.createDirectories(config);
		Files.writeString(config.resolve("application.properties"), "sample.name=late\n");
		awaitValue(() -> name(context), "late");
		// With no poll to fall back on, a second quick update is seen through the new
		// directory's own events.
		Files.writeString(config.resolve("application.properties"), "sample.name=later\n");
		awaitValue(() -> name(context), "later");
	}

	private ConfigurableApplicationContext run(String... properties) {
		List<String> all = new ArrayList<>(
				List.of("steadypod.reload.debounce=50ms", "steadypod.reload.poll-interval=1s",
						"spring.main.banner-mode=off", "spring.cloud.kubernetes.enabled=false"));
		all.addAll(List.of(properties));
		ConfigurableApplicationContext context = new SpringApplicationBuilder(ReloadTestApplication.class)
			.web(WebApplicationType.NONE)
			.properties(all.toArray(String[]::new))
			.run();
		this.contexts.add(context);
		return context;
	}

	private static ReloadOutcome lastOutcome(ConfigurableApplicationContext context) {
		List<ReloadOutcome> outcomes = context.getBean(ConfigReloadPipeline.class).recentOutcomes();
		return outcomes.isEmpty() ? new ReloadOutcome(java.time.Instant.now(), "none", ReloadResult.UNCHANGED,
				List.of(), "", null, Duration.ZERO) : outcomes.get(0);
	}

	private static ReloadTestApplication.SampleProperties properties(ConfigurableApplicationContext context) {
		return context.getBean(ReloadTestApplication.SampleProperties.class);
	}

	private static String name(ConfigurableApplicationContext context) {
		return properties(context).getName();
	}

	private static String snapshot(ConfigurableApplicationContext context) {
		return context.getBean(ReloadTestApplication.Snapshot.class).name();
	}

	private static List<String> sourceNames(ConfigurableApplicationContext context) {
		return context.getEnvironment().getPropertySources().stream().map(PropertySource::getName).toList();
	}

	private static int indexOf(List<String> names, String fragment) {
		for (int i = 0; i < names.size(); i++) {
			if (names.get(i).contains(fragment)) {
				return i;
			}
		}
		return -1;
	}

	private static void awaitValue(Supplier<String> actual, String expected) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(10))
			.until(() -> expected.equals(actual.get()));
	}

}
