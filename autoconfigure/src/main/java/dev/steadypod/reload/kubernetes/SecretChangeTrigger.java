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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cloud.kubernetes.commons.config.SecretsConfigProperties;
import org.springframework.cloud.kubernetes.commons.config.SourceConfigProperties;
import org.springframework.util.StringUtils;

/**
 * Tells the route about every change to a Secret that spring-cloud-kubernetes' secrets
 * source reads by name. One informer per Secret, each listing and watching only that name
 * (a {@code metadata.name} field selector), which a Role limited to those Secrets by
 * {@code resourceNames} allows; spring-cloud-kubernetes' own Secret watcher lists every
 * Secret of the namespace, which such a Role refuses. Secrets selected by labels only are
 * picked up by the resync.
 */
final class SecretChangeTrigger implements ChangeTrigger {

	private static final Log logger = LogFactory.getLog(SecretChangeTrigger.class);

	private final KubernetesClient client;

	private final Set<NamedSecret> secrets;

	private final boolean everySecret;

	private final List<SharedIndexInformer<Secret>> informers = new ArrayList<>();

	/**
	 * Creates a trigger.
	 * @param client the client
	 * @param secrets the Secrets to watch
	 * @param everySecret whether they are every Secret spring-cloud-kubernetes reads
	 */
	SecretChangeTrigger(KubernetesClient client, Set<NamedSecret> secrets, boolean everySecret) {
		this.client = client;
		this.secrets = Set.copyOf(secrets);
		this.everySecret = everySecret && !secrets.isEmpty();
	}

	/**
	 * Whether spring-cloud-kubernetes reads only the Secrets it names: none selected by
	 * labels, every source named, and no profile-specific ones (none are read without an
	 * active profile).
	 * @param properties the secrets source's settings
	 * @param activeProfiles the application's active profiles
	 * @return whether {@link #named} is every Secret it reads
	 */
	static boolean readsOnlyNamed(SecretsConfigProperties properties, List<String> activeProfiles) {
		if (!properties.enabled() || !properties.labels().isEmpty()) {
			return false;
		}
		if (properties.sources().isEmpty()) {
			return StringUtils.hasText(properties.name())
					&& (activeProfiles.isEmpty() || !properties.includeProfileSpecificSources());
		}
		for (SourceConfigProperties.Source source : properties.sources()) {
			boolean profileSpecific = (source.includeProfileSpecificSources() != null)
					? source.includeProfileSpecificSources() : properties.includeProfileSpecificSources();
			if (!source.labels().isEmpty()
					|| !(StringUtils.hasText(source.name()) || StringUtils.hasText(properties.name()))
					|| (profileSpecific && !activeProfiles.isEmpty())) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether this trigger watches every Secret spring-cloud-kubernetes reads, so that
	 * its own Secret watcher would only repeat each change.
	 */
	boolean watchesEverySecret() {
		return this.everySecret;
	}

	/**
	 * The Secrets spring-cloud-kubernetes reads by name, as its settings
	 * ({@code spring.cloud.kubernetes.secrets.*}) name them.
	 * @param properties the secrets source's settings
	 * @param defaultNamespace the namespace when none is set
	 * @return the named Secrets; empty when the secrets source is off
	 */
	static Set<NamedSecret> named(SecretsConfigProperties properties, String defaultNamespace) {
		Set<NamedSecret> named = new LinkedHashSet<>();
		if (!properties.enabled()) {
			return named;
		}
		String namespace = StringUtils.hasText(properties.namespace()) ? properties.namespace() : defaultNamespace;
		if (properties.sources().isEmpty()) {
			if (StringUtils.hasText(properties.name())) {
				named.add(new NamedSecret(namespace, properties.name()));
			}
			return named;
		}
		for (SourceConfigProperties.Source source : properties.sources()) {
			String name = StringUtils.hasText(source.name()) ? source.name() : properties.name();
			if (StringUtils.hasText(name)) {
				named.add(new NamedSecret(StringUtils.hasText(source.namespace()) ? source.namespace() : namespace,
						name));
			}
		}
		return named;
	}

	boolean isEmpty() {
		return this.secrets.isEmpty();
	}

	@Override
	public synchronized void start(Runnable onChange) {
		ResourceEventHandler<Secret> handler = new ResourceEventHandler<>() {

			@Override
			public void onAdd(Secret secret) {
				onChange.run();
			}

			@Override
			public void onUpdate(Secret before, Secret after) {
				onChange.run();
			}

			@Override
			public void onDelete(Secret secret, boolean finalStateUnknown) {
				onChange.run();
			}

		};
		for (NamedSecret secret : this.secrets) {
			try {
				this.informers.add(this.client.secrets()
					.inNamespace(secret.namespace())
					.withName(secret.name())
					.inform(handler, 0));
			}
			catch (RuntimeException ex) {
				// Never the value: the message is the API server's, about the request.
				logger.warn("Could not watch Secret " + secret.namespace() + "/" + secret.name()
						+ "; its changes are picked up by the resync: " + ex.getMessage());
			}
		}
	}

	@Override
	public synchronized void stop() {
		this.informers.forEach(SharedIndexInformer::close);
		this.informers.clear();
	}

	/**
	 * A Secret read by name.
	 *
	 * @param namespace its namespace
	 * @param name its name
	 */
	record NamedSecret(String namespace, String name) {

	}

}
