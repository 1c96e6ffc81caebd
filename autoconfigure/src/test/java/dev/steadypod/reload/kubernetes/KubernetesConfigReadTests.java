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

package dev.steadypod.reload.kubernetes;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.steadypod.reload.ReloadResult;
import dev.steadypod.testsupport.MockKubernetesApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import static dev.steadypod.reload.kubernetes.KubernetesConfigReloadTests.yaml;
import static dev.steadypod.reload.kubernetes.KubernetesReloadApp.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How the API route reads a change: what it checked is what spring-cloud-kubernetes'
 * locator read, at the cost of one locator read and one confirming list. In event mode
 * Steadypod's own watch takes the place of spring-cloud-kubernetes' ConfigMap watcher, so
 * with spring-cloud-kubernetes' defaults every request the application makes after a
 * change is the route's.
 */
@ExtendWith(OutputCaptureExtension.class)
class KubernetesConfigReadTests {

	private static final String LIST = "GET /api/v1/namespaces/" + NAMESPACE + "/configmaps";

	@RegisterExtension
	final MockKubernetesApi api = KubernetesReloadApp.startApiWithAppConfigMap();

	@Test
	void reloadOfOneChangedConfigMapListsTheNamespaceOnceForTheLocatorAndOnceToConfirm() {
		try (KubernetesReloadApp app = start()) {
			awaitQuiet();
			this.api.clearRequests();
			this.api.updateConfigMap(NAMESPACE, "app", yaml("message: two\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "applied") == 1);
			awaitQuiet();
			// The state before the locator's read comes from the watch's cache.
			assertThat(this.api.requests()).containsExactly(LIST, LIST);
			assertThat(app.message()).isEqualTo("two");
		}
	}

	@Test
	void theConfirmingListRunsWhileTheChangeIsValidated() {
		AtomicBoolean armed = new AtomicBoolean();
		CountDownLatch validating = new CountDownLatch(1);
		// Spring Boot's hook for one more validator of every properties bean; Steadypod
		// runs it on the candidate too.
		Validator probe = new Validator() {

			@Override
			public boolean supports(Class<?> type) {
				return true;
			}

			@Override
			public void validate(Object target, Errors errors) {
				if (armed.get()) {
					validating.countDown();
				}
			}

		};
		try (KubernetesReloadApp app = KubernetesReloadApp.start(
				this.api, (context) -> ((GenericApplicationContext) context)
					.registerBean("configurationPropertiesValidator", Validator.class, () -> probe),
				"steadypod.reload.kubernetes.resync-interval=1h")) {
			awaitQuiet();
			// The locator's list passes; the confirming list is held until the change is
			// being validated, which happens in time only if the two overlap.
			AtomicBoolean overlapped = new AtomicBoolean();
			this.api.beforeNextConfigMapList(() -> this.api.beforeNextConfigMapList(() -> {
				try {
					overlapped.set(validating.await(5, TimeUnit.SECONDS));
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			armed.set(true);
			this.api.updateConfigMap(NAMESPACE, "app", yaml("message: two\n  limit: 5"));
			await().atMost(Duration.ofSeconds(20)).until(() -> app.reloads("kubernetes", "applied") == 1);
			assertThat(overlapped).isTrue();
			assertThat(app.message()).isEqualTo("two");
		}
	}

	@Test
	void configMapChangedAfterTheWatchedStateAndBeforeTheLocatorReadIsCheckedBeforeAnythingIsApplied() {
		try (KubernetesReloadApp app = start()) {
			awaitQuiet();
			// Lands as the locator lists, before the watch delivers it: content the route
			// has not checked yet. spring-cloud-kubernetes skips application.yaml in a
			// ConfigMap with several keys, so applying its read would revert the greeting
			// to its defaults.
			this.api.beforeNextConfigMapList(() -> this.api.putConfigMap(NAMESPACE, "app",
					Map.of("application.yaml", "app:\n greeting:\n  message: three\n", "feature.flag", "on")));
			this.api.updateConfigMap(NAMESPACE, "app", yaml("message: two\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(app.pipeline().recentOutcomes().get(0).reason())
				.contains("ConfigMap test/app, key application.yaml: skipped by spring-cloud-kubernetes");
			await().during(Duration.ofSeconds(1))
				.atMost(Duration.ofSeconds(10))
				.until(() -> app.greeting().equals("one|5|none"));
			assertThat(app.reloads("kubernetes", "applied")).isZero();
			assertThat(app.pipeline().recentOutcomes())
				.noneMatch((outcome) -> outcome.result() == ReloadResult.APPLIED);
			assertThat(app.events()).isEmpty();
		}
	}

	@Test
	void configMapThatChangesAtEveryReadIsNotAppliedUntilOneReadIsConsistent(CapturedOutput output) {
		try (KubernetesReloadApp app = start(
				"logging.level.dev.steadypod.reload.kubernetes.KubernetesConfigReloader=debug")) {
			awaitQuiet();
			// A write before each of the six lists of one reconcile (three attempts of a
			// locator read and a raw read), each a skipped application.yaml.
			AtomicInteger writes = new AtomicInteger();
			Runnable[] write = new Runnable[1];
			write[0] = () -> {
				int n = writes.incrementAndGet();
				this.api.putConfigMap(NAMESPACE, "app", Map.of("application.yaml",
						"app:\n greeting:\n  message: changing-" + n + "\n", "feature.flag", "on"));
				if (n < 6) {
					this.api.beforeNextConfigMapList(write[0]);
				}
			};
			this.api.beforeNextConfigMapList(write[0]);
			this.api.updateConfigMap(NAMESPACE, "app", yaml("message: two\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10))
				.until(() -> output.getOut().contains("ConfigMaps kept changing while they were read"));
			// Once it stops changing, the last state is checked (and rejected).
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "rejected") == 1);
			assertThat(writes).hasValue(6);
			assertThat(app.greeting()).isEqualTo("one|5|none");
			this.api.updateConfigMap(NAMESPACE, "app", yaml("message: fixed\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "fixed|5|none"::equals);
			assertThat(app.events()).singleElement()
				.satisfies((event) -> assertThat(event.getChangedKeys()).containsExactly("app.greeting.message"));
		}
	}

	private KubernetesReloadApp start(String... extra) {
		List<String> properties = new ArrayList<>(List.of("steadypod.reload.kubernetes.resync-interval=1h"));
		properties.addAll(List.of(extra));
		return KubernetesReloadApp.start(this.api, properties.toArray(String[]::new));
	}

	/** Waits until the application has made no request for a second. */
	private void awaitQuiet() {
		AtomicReference<List<String>> last = new AtomicReference<>(List.of());
		await().pollInterval(Duration.ofMillis(100))
			.during(Duration.ofSeconds(1))
			.atMost(Duration.ofSeconds(20))
			.until(() -> {
				List<String> now = this.api.requests();
				return now.equals(last.getAndSet(now));
			});
	}

}
