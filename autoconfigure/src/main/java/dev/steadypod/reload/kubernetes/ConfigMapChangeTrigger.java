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

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells the route about every change to a watched ConfigMap. spring-cloud-kubernetes'
 * watcher calls the route only when its own read differs from the Environment in content,
 * and not at all when it dropped a ConfigMap it could not parse ("The current number of
 * PropertySources does not match"), so a malformed update would otherwise be reported
 * only at the next resync. One informer per namespace, as spring-cloud-kubernetes' own;
 * events of other ConfigMaps are ignored. The informers' caches also give the route the
 * state it compares a fresh read with, without a round trip.
 */
final class ConfigMapChangeTrigger implements ChangeTrigger, WatchedConfigMaps.Cache {

	private static final Log logger = LogFactory.getLog(ConfigMapChangeTrigger.class);

	private final KubernetesClient client;

	private final WatchedConfigMaps configMaps;

	/**
	 * By namespace. Concurrent, so that the route reads the caches while another
	 * namespace's informer is still starting (start and stop hold this trigger's
	 * monitor).
	 */
	private final Map<String, SharedIndexInformer<ConfigMap>> informers = new ConcurrentHashMap<>();

	ConfigMapChangeTrigger(KubernetesClient client, WatchedConfigMaps configMaps) {
		this.client = client;
		this.configMaps = configMaps;
	}

	/** Starts one informer per namespace; {@code onChange} runs on its event thread. */
	@Override
	public synchronized void start(Runnable onChange) {
		ResourceEventHandler<ConfigMap> handler = new ResourceEventHandler<>() {

			@Override
			public void onAdd(ConfigMap configMap) {
				changed(configMap, onChange);
			}

			@Override
			public void onUpdate(ConfigMap before, ConfigMap after) {
				changed(after, onChange);
			}

			@Override
			public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
				changed(configMap, onChange);
			}

		};
		for (String namespace : this.configMaps.namespaces()) {
			try {
				this.informers.put(namespace, this.client.configMaps().inNamespace(namespace).inform(handler, 0));
			}
			catch (RuntimeException ex) {
				logger.warn("Could not watch ConfigMaps in namespace " + namespace
						+ "; changes there are picked up by the resync: " + ex.getMessage());
			}
		}
	}

	private void changed(ConfigMap configMap, Runnable onChange) {
		if (this.configMaps.watches(configMap)) {
			onChange.run();
		}
	}

	/**
	 * The namespace's ConfigMaps as the informer holds them, while it has listed them and
	 * its watch is open; empty when there is no informer (the watch is forbidden, or not
	 * started yet), or it is not in sync.
	 */
	@Override
	public Optional<List<ConfigMap>> list(String namespace) {
		SharedIndexInformer<ConfigMap> informer = this.informers.get(namespace);
		if (informer == null || !informer.isRunning() || !informer.hasSynced() || !informer.isWatching()) {
			return Optional.empty();
		}
		return Optional.of(informer.getStore().list());
	}

	@Override
	public synchronized void stop() {
		this.informers.values().forEach(SharedIndexInformer::close);
		this.informers.clear();
	}

}
