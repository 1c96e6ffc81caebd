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

import dev.steadypod.testsupport.MockKubernetesApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import static dev.steadypod.reload.kubernetes.KubernetesConfigReloadTests.yaml;
import static dev.steadypod.reload.kubernetes.KubernetesReloadApp.NAMESPACE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Loss of the watch: the API server restarts (every connection dropped, as in a network
 * cut) or answers the re-established watch with 410 Gone. An update made meanwhile is
 * applied afterwards, and later updates keep arriving.
 */
class KubernetesWatchRecoveryTests {

	@RegisterExtension
	final MockKubernetesApi api = KubernetesReloadApp.startApiWithAppConfigMap();

	@Test
	void watchAnswered410GoneIsReestablishedAndTheMissedUpdateApplied() throws Exception {
		// Resync far away: this recovery must come from the re-established watch itself.
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"steadypod.reload.kubernetes.resync-interval=1h")) {
			this.api.stop();
			this.api.failNextWatchesWithGone(1);
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: while-gone\n  limit: 5"));
			this.api.restart();
			await().atMost(Duration.ofSeconds(60)).until(app::message, "while-gone"::equals);
			// The relist after the restart may apply the update before the informer's
			// next
			// watch request meets the 410; the update after it proves the watch is back.
			await().atMost(Duration.ofSeconds(30)).until(this.api::goneWatchesServed, (served) -> served == 1);
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: after\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::message, "after"::equals);
		}
	}

	@Test
	void updateMadeWhileTheApiServerWasDownIsAppliedAfterItComesBack() throws Exception {
		try (KubernetesReloadApp app = KubernetesReloadApp.start(this.api,
				"steadypod.reload.kubernetes.resync-interval=1s")) {
			this.api.stop();
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: while-down\n  limit: 5"));
			Thread.sleep(1500); // a resync while the server is down must keep the last
								// good configuration
			assertThat(app.message()).isEqualTo("one");
			this.api.restart();
			await().atMost(Duration.ofSeconds(30)).until(app::message, "while-down"::equals);
			this.api.putConfigMap(NAMESPACE, "app", yaml("message: after\n  limit: 5"));
			await().atMost(Duration.ofSeconds(10)).until(app::message, "after"::equals);
			// The outcome is recorded after the beans were rebound.
			await().atMost(Duration.ofSeconds(10)).until(() -> app.reloads("kubernetes", "applied") == 2);
		}
	}

}
