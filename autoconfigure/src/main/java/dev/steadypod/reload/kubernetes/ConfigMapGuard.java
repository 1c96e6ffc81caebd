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

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

import dev.steadypod.reload.ContentHasher;
import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * Reads the watched ConfigMaps raw and checks them with {@link ConfigMapContentCheck}
 * against the shape of their last good content, before spring-cloud-kubernetes' locator
 * result is trusted. The state before a locator read may come from a watch's cache; the
 * state checked is always a fresh read.
 */
final class ConfigMapGuard {

	private final WatchedConfigMaps configMaps;

	private final ConfigMapContentCheck check;

	private final WatchedConfigMaps.Cache cache;

	/** Shape of each ConfigMap's content as last loaded or applied. */
	private final Map<String, ConfigMapContentCheck.Shape> lastGood = new ConcurrentHashMap<>();

	ConfigMapGuard(WatchedConfigMaps configMaps, ConfigMapContentCheck check, WatchedConfigMaps.Cache cache) {
		this.configMaps = configMaps;
		this.check = check;
		this.cache = cache;
	}

	/**
	 * A state the ConfigMaps had at some point up to now: the watch's cache when it is in
	 * sync, otherwise a fresh read.
	 * @throws io.fabric8.kubernetes.client.KubernetesClientException when they must be
	 * read and cannot be listed
	 */
	WatchedConfigMaps.Read past() {
		return this.configMaps.read(this.cache).orElseGet(this.configMaps::read);
	}

	/**
	 * Reads the ConfigMaps now.
	 * @throws io.fabric8.kubernetes.client.KubernetesClientException when they cannot be
	 * listed
	 */
	WatchedConfigMaps.Read read() {
		return this.configMaps.read();
	}

	/**
	 * Reads and checks the ConfigMaps now.
	 * @throws io.fabric8.kubernetes.client.KubernetesClientException when they cannot be
	 * listed
	 */
	Verdict inspect() {
		return inspect(read());
	}

	/** Checks the ConfigMaps of a read. */
	Verdict inspect(WatchedConfigMaps.Read read) {
		List<String> problems = new ArrayList<>();
		ContentHasher fingerprint = new ContentHasher();
		new TreeMap<>(read.found()).forEach((id, configMap) -> {
			Map<String, String> data = WatchedConfigMaps.Read.data(configMap);
			problems.addAll(this.check.problems(id, data, this.lastGood.get(id)));
			new TreeMap<>(data).forEach((key, value) -> fingerprint.add(id + "/" + key,
					String.valueOf(value).getBytes(StandardCharsets.UTF_8)));
		});
		return new Verdict(read, problems, fingerprint.hex());
	}

	/** Remembers the shape of content that was loaded or applied. */
	void accept(WatchedConfigMaps.Read read) {
		read.found()
			.forEach(
					(id, configMap) -> this.lastGood.put(id, this.check.shape(WatchedConfigMaps.Read.data(configMap))));
	}

	/** The problems of content read at start-up, where nothing is compared yet. */
	List<String> startupProblems(WatchedConfigMaps.Read read) {
		List<String> problems = new ArrayList<>();
		new TreeMap<>(read.found())
			.forEach((id, configMap) -> problems.addAll(this.check.problems(id, data(configMap), null)));
		return problems;
	}

	private static Map<String, String> data(ConfigMap configMap) {
		return WatchedConfigMaps.Read.data(configMap);
	}

	/**
	 * What a raw read found.
	 *
	 * @param read the ConfigMaps
	 * @param problems masked problem descriptions, empty when the content can be trusted
	 * @param fingerprint a hash of the raw content, to report the same problem once
	 */
	record Verdict(WatchedConfigMaps.Read read, List<String> problems, String fingerprint) {

		Verdict {
			problems = List.copyOf(problems);
		}

	}

}
