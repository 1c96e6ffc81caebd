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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.steadypod.reload.kubernetes.KubernetesPermissions.Missing;
import dev.steadypod.reload.kubernetes.SecretChangeTrigger.NamedSecret;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.jspecify.annotations.Nullable;

import org.springframework.cloud.kubernetes.commons.config.ReadType;
import org.springframework.cloud.kubernetes.commons.config.SecretsConfigProperties;
import org.springframework.cloud.kubernetes.commons.config.SourceConfigProperties;
import org.springframework.util.StringUtils;

/**
 * What the route and spring-cloud-kubernetes' secrets source read of Secrets, so that the
 * RBAC check tries exactly those requests: a {@code get} of each named Secret (the
 * {@code SINGLE} read and the deletion check), a {@code list} and {@code watch} of each
 * by name ({@code metadata.name} field selector) when {@link SecretChangeTrigger} watches
 * them, a {@code list} of every Secret of a namespace that is read in {@code BATCH} mode
 * or by labels, and a {@code list} and {@code watch} of every Secret of the namespaces
 * spring-cloud-kubernetes' own Secret watcher watches where it runs; no
 * {@code resourceNames} rule can allow those.
 *
 * @param named the Secrets read or watched by name
 * @param watched whether the named Secrets are watched (event mode)
 * @param listed the namespaces whose Secrets are all listed
 * @param watchedAll the namespaces whose Secrets are all watched, by
 * spring-cloud-kubernetes' Secret watcher
 */
record SecretReads(Set<NamedSecret> named, boolean watched, Set<String> listed, Set<String> watchedAll) {

	static final SecretReads NONE = new SecretReads(Set.of(), false, Set.of(), Set.of());

	SecretReads {
		named = Set.copyOf(named);
		listed = Set.copyOf(listed);
		watchedAll = Set.copyOf(watchedAll);
	}

	/**
	 * The reads that spring-cloud-kubernetes' settings imply.
	 * @param properties {@code spring.cloud.kubernetes.secrets.*}
	 * @param defaultNamespace the namespace when none is set
	 * @param watched whether the named Secrets are watched (event mode)
	 * @param watcherNamespaces where spring-cloud-kubernetes' Secret watcher lists and
	 * watches every Secret; empty when it does not run
	 * @return the reads; {@link #NONE} when the secrets source is off
	 */
	static SecretReads of(SecretsConfigProperties properties, String defaultNamespace, boolean watched,
			Set<String> watcherNamespaces) {
		if (!properties.enabled()) {
			return NONE;
		}
		Set<NamedSecret> named = SecretChangeTrigger.named(properties, defaultNamespace);
		Set<String> listed = new LinkedHashSet<>();
		String namespace = StringUtils.hasText(properties.namespace()) ? properties.namespace() : defaultNamespace;
		if (properties.readType() != ReadType.SINGLE) {
			named.forEach((secret) -> listed.add(secret.namespace()));
		}
		if (!properties.labels().isEmpty()) {
			listed.add(namespace);
		}
		for (SourceConfigProperties.Source source : properties.sources()) {
			if (!source.labels().isEmpty()) {
				listed.add(StringUtils.hasText(source.namespace()) ? source.namespace() : namespace);
			}
		}
		if (properties.readType() != ReadType.SINGLE && named.isEmpty() && listed.isEmpty()) {
			// A BATCH read with no source named lists the namespace for the
			// application's own Secret.
			listed.add(namespace);
		}
		return new SecretReads(named, watched, listed, watcherNamespaces);
	}

	/**
	 * Tries each read.
	 * @param client the client, with the pod's service account
	 * @param forbidden runs a request and tells whether the API server refused it (HTTP
	 * 401 or 403)
	 * @return what is missing, per namespace
	 */
	List<Missing> check(KubernetesClient client, Forbidden forbidden) {
		List<Missing> missing = new ArrayList<>();
		Set<String> everySecret = new LinkedHashSet<>(this.listed);
		everySecret.addAll(this.watchedAll);
		for (String namespace : everySecret) {
			List<String> verbs = new ArrayList<>();
			if (forbidden.test(() -> client.secrets()
				.inNamespace(namespace)
				.list(new ListOptionsBuilder().withLimit(1L).build()))) {
				verbs.add("list");
			}
			if (this.watchedAll.contains(namespace) && forbidden.test(() -> probeWatch(client, namespace))) {
				verbs.add("watch");
			}
			if (!verbs.isEmpty()) {
				missing.add(new Missing("secrets", namespace, verbs, List.of()));
			}
		}
		Map<String, Set<String>> verbsByNamespace = new LinkedHashMap<>();
		Map<String, Set<String>> namesByNamespace = new LinkedHashMap<>();
		for (NamedSecret secret : this.named) {
			List<String> verbs = new ArrayList<>();
			// A Secret that does not exist is a 404, not a refusal: only the 403 counts.
			if (forbidden.test(() -> client.secrets().inNamespace(secret.namespace()).withName(secret.name()).get())) {
				verbs.add("get");
			}
			if (this.watched && forbidden.test(() -> client.secrets()
				.inNamespace(secret.namespace())
				.withField("metadata.name", secret.name())
				.list(new ListOptionsBuilder().withLimit(1L).build()))) {
				verbs.add("list");
			}
			if (this.watched && forbidden.test(() -> probeWatch(client, secret))) {
				verbs.add("watch");
			}
			if (!verbs.isEmpty()) {
				verbsByNamespace.computeIfAbsent(secret.namespace(), (key) -> new LinkedHashSet<>()).addAll(verbs);
				namesByNamespace.computeIfAbsent(secret.namespace(), (key) -> new LinkedHashSet<>()).add(secret.name());
			}
		}
		for (Map.Entry<String, Set<String>> entry : verbsByNamespace.entrySet()) {
			String namespace = entry.getKey();
			Set<String> verbs = entry.getValue();
			// Where every Secret must be listed anyway, one Role without resourceNames
			// covers the named ones too.
			@Nullable Missing listing = missing.stream().filter((m) -> m.namespace().equals(namespace)).findFirst().orElse(null);
			if (listing != null) {
				verbs.addAll(listing.verbs());
				missing.remove(listing);
			}
			missing.add(new Missing("secrets", namespace,
					List.of("get", "list", "watch").stream().filter(verbs::contains).toList(),
					(listing != null) ? List.of() : List.copyOf(namesByNamespace.get(namespace))));
		}
		return missing;
	}

	private static void probeWatch(KubernetesClient client, NamedSecret secret) {
		client.secrets()
			.inNamespace(secret.namespace())
			.withName(secret.name())
			.watch(new ListOptionsBuilder().withTimeoutSeconds(1L).build(), new ProbeWatcher())
			.close();
	}

	private static void probeWatch(KubernetesClient client, String namespace) {
		client.secrets()
			.inNamespace(namespace)
			.watch(new ListOptionsBuilder().withTimeoutSeconds(1L).build(), new ProbeWatcher())
			.close();
	}

	/** A watch that only proves the permission; it is closed at once. */
	private static final class ProbeWatcher implements Watcher<Secret> {

		@Override
		public void eventReceived(Action action, Secret resource) {
		}

		@Override
		public void onClose(WatcherException cause) {
		}

	}

	/** Runs a request and tells whether the API server refused it. */
	@FunctionalInterface
	interface Forbidden {

		boolean test(Runnable request);

	}

}
