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

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.steadypod.testsupport.KubeletConfigMapVolume;
import dev.steadypod.testsupport.MockKubernetesApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.steadypod.reload.kubernetes.KubernetesConfigReloadTests.yaml;
import static dev.steadypod.reload.kubernetes.KubernetesReloadApp.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Mounted volumes and API ConfigMaps in one application: both keep reloading (no "number
 * of PropertySources does not match" blind spot), and a ConfigMap that is both mounted
 * and watched is applied once per change.
 */
@ExtendWith(OutputCaptureExtension.class)
class MixedMountedAndApiReloadTests {

	@TempDir
	Path dir;

	@RegisterExtension
	final MockKubernetesApi api = KubernetesReloadApp.startApiWithAppConfigMap();

	@Test
	void mountedVolumeAndApiConfigMapBothKeepReloading(CapturedOutput output) {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir, Map.of("app.greeting.suffix", "vol-1"));
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"spring.config.import=kubernetes:,optional:configtree:" + this.dir + "/")) {
			assertThat(app.greeting()).isEqualTo("one|5|vol-1");
			for (int round = 2; round <= 3; round++) {
				this.api.putConfigMap(NAMESPACE, "app", yaml("message: api-" + round + "\n  limit: 5"));
				String api = "api-" + round;
				await().atMost(Duration.ofSeconds(10)).until(app::message, api::equals);
				volume.update(Map.of("app.greeting.suffix", "vol-" + round));
				String expected = api + "|5|vol-" + round;
				await().atMost(Duration.ofSeconds(10)).until(app::greeting, expected::equals);
			}
			// The outcome is recorded once listeners and the refresh scope ran, just
			// after
			// the rebound beans serve the new value.
			await().atMost(Duration.ofSeconds(5))
				.until(() -> app.reloads("kubernetes", "applied") == 2 && app.reloads("file", "applied") == 2);
			assertThat(output).doesNotContain("does not match");
		}
	}

	@Test
	void configMapBothMountedAndWatchedIsAppliedOncePerChange() throws Exception {
		Map<String, String> content = yaml("message: one\n  limit: 5");
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(this.dir, content);
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"spring.config.import=kubernetes:,optional:file:" + this.dir + "/application.yaml")) {
			Map<String, String> changed = yaml("message: two\n  limit: 5");
			// The API sees the change first; the kubelet updates the volume up to a
			// minute later.
			this.api.putConfigMap(NAMESPACE, "app", changed);
			volume.update(changed);
			await().atMost(Duration.ofSeconds(10)).until(app::message, "two"::equals);
			await().atMost(Duration.ofSeconds(10))
				.until(() -> app.reloads("kubernetes", "applied") + app.reloads("kubernetes", "unchanged")
						+ app.reloads("file", "applied") + app.reloads("file", "unchanged") >= 2);
			Thread.sleep(1000); // let any late duplicate show up
			assertThat(app.reloads("kubernetes", "applied") + app.reloads("file", "applied")).isEqualTo(1);
			assertThat(app.events()).hasSize(1);
		}
	}

	@Test
	void labelledConfigMapCreatedAfterStartUpIsAppliedWithoutKeepingTheRenamedSource() {
		this.api.putConfigMap(NAMESPACE, "first", Map.of("application.yaml", "app.greeting.limit: 7\n"), "shop");
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"spring.cloud.kubernetes.config.labels.part-of=shop",
				"steadypod.reload.kubernetes.resync-interval=1s")) {
			assertThat(app.greeting()).isEqualTo("one|7|none");
			this.api.putConfigMap(NAMESPACE, "second", Map.of("application.yaml", "app.greeting.suffix: added\n"),
					"shop");
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "one|7|added"::equals);
			// spring-cloud-kubernetes names a labelled source after its ConfigMaps: the
			// old name is gone, not unreadable.
			assertThat(app.reloads("kubernetes", "rejected")).isZero();
			assertThat(app.pipeline().statusLines()).isEmpty();
			await().atMost(Duration.ofSeconds(5)).until(() -> !app.pipeline().recentOutcomes().isEmpty());
			assertThat(app.pipeline().recentOutcomes().get(0).changedKeys()).containsExactly("app.greeting.suffix");
			this.api.deleteConfigMap(NAMESPACE, "second");
			await().atMost(Duration.ofSeconds(10)).until(app::greeting, "one|7|none"::equals);
		}
	}

}
