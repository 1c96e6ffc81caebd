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
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.steadypod.testsupport.MockKubernetesApi;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.kubernetes.commons.config.ConfigMapConfigProperties;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

import static dev.steadypod.reload.kubernetes.KubernetesConfigReloadTests.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The informers' caches as the state a change is read from: used only while in sync with
 * the API server, a raw read otherwise; and how two reads are compared.
 */
class ConfigMapChangeTriggerTests {

	private static final String NAMESPACE = "test";

	private MockKubernetesApi api;

	private KubernetesClient client;

	private WatchedConfigMaps watched;

	private ConfigMapChangeTrigger trigger;

	@BeforeEach
	void start() {
		this.api = MockKubernetesApi.start();
		this.api.putConfigMap(NAMESPACE, "app", yaml("message: one"));
		this.api.putConfigMap(NAMESPACE, "unrelated", Map.of("key", "value"));
		this.client = new KubernetesClientBuilder()
			.withConfig(new ConfigBuilder().withMasterUrl(this.api.url()).withAutoConfigure(false).build())
			.build();
		MockEnvironment environment = new MockEnvironment().withProperty("spring.application.name", "app");
		ConfigMapConfigProperties properties = Binder.get(environment)
			.bindOrCreate("spring.cloud.kubernetes.config", ConfigMapConfigProperties.class);
		this.watched = new WatchedConfigMaps(this.client, properties, environment, NAMESPACE);
		this.trigger = new ConfigMapChangeTrigger(this.client, this.watched);
	}

	@AfterEach
	void stop() {
		this.trigger.stop();
		this.client.close();
		this.api.close();
	}

	@Test
	void cacheOfARunningInformerGivesTheWatchedConfigMapsWithoutARequest() {
		this.trigger.start(() -> {
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.trigger.list(NAMESPACE).isPresent());
		this.api.clearRequests();
		Optional<WatchedConfigMaps.Read> cached = this.watched.read(this.trigger);
		assertThat(cached).hasValueSatisfying((read) -> {
			assertThat(read.found()).containsOnlyKeys("test/app");
			assertThat(read.sameVersions(this.watched.read())).isTrue();
		});
		assertThat(this.api.requests()).containsExactly("GET /api/v1/namespaces/test/configmaps");
	}

	@Test
	void withoutARunningInformerThereIsNoCacheAndTheGuardReadsRaw() {
		assertThat(this.trigger.list(NAMESPACE)).isEmpty();
		this.trigger.start(() -> {
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.trigger.list(NAMESPACE).isPresent());
		assertThat(this.trigger.list("other")).isEmpty();
		this.trigger.stop();
		assertThat(this.trigger.list(NAMESPACE)).isEmpty();
		this.api.clearRequests();
		ConfigMapGuard guard = new ConfigMapGuard(this.watched,
				new ConfigMapContentCheck("app", List.of(), DataSize.ofMegabytes(1)), this.trigger);
		assertThat(guard.past().found()).containsOnlyKeys("test/app");
		assertThat(this.api.requests()).containsExactly("GET /api/v1/namespaces/test/configmaps");
	}

	@Test
	void informerWhoseListIsForbiddenGivesNoCache() {
		this.api.forbidConfigMaps("list", "watch");
		this.trigger.start(() -> {
		});
		assertThat(this.trigger.list(NAMESPACE)).isEmpty();
		assertThat(this.watched.read(this.trigger)).isEmpty();
	}

	@Test
	void informerWhoseWatchIsDownGivesNoCacheUntilItWatchesAgain() {
		this.trigger.start(() -> {
		});
		await().atMost(Duration.ofSeconds(10)).until(() -> this.trigger.list(NAMESPACE).isPresent());
		this.api.stop();
		await().atMost(Duration.ofSeconds(10)).until(() -> this.trigger.list(NAMESPACE).isEmpty());
		this.api.restart();
		await().atMost(Duration.ofSeconds(30)).until(() -> this.trigger.list(NAMESPACE).isPresent());
	}

	@Test
	void readsDifferWhenAConfigMapChangedAndChangedBackInBetween() {
		WatchedConfigMaps.Read before = this.watched.read();
		this.api.putConfigMap(NAMESPACE, "app", yaml("message: two"));
		this.api.putConfigMap(NAMESPACE, "app", yaml("message: one"));
		WatchedConfigMaps.Read after = this.watched.read();
		assertThat(data(after)).isEqualTo(data(before));
		assertThat(before.sameVersions(after)).isFalse();
		assertThat(after.sameVersions(this.watched.read())).isTrue();
	}

	@Test
	void readsDifferWhenAConfigMapAppearsOrDisappears() {
		WatchedConfigMaps.Read before = this.watched.read();
		this.api.deleteConfigMap(NAMESPACE, "app");
		WatchedConfigMaps.Read deleted = this.watched.read();
		assertThat(deleted.missing()).containsExactly("test/app");
		assertThat(before.sameVersions(deleted)).isFalse();
		assertThat(deleted.sameVersions(before)).isFalse();
		this.api.putConfigMap(NAMESPACE, "unrelated", Map.of("key", "changed"));
		assertThat(deleted.sameVersions(this.watched.read())).isTrue();
	}

	private static Map<String, String> data(WatchedConfigMaps.Read read) {
		ConfigMap configMap = read.found().get("test/app");
		return WatchedConfigMaps.Read.data(configMap);
	}

}
