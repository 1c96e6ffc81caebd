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

import dev.steadypod.core.ConditionalOnSteadypodEnabled;
import dev.steadypod.reload.ConfigReloadPipeline;
import dev.steadypod.reload.ReloadProperties;
import io.fabric8.kubernetes.client.KubernetesClient;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnCloudPlatform;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.cloud.bootstrap.config.PropertySourceLocator;
import org.springframework.cloud.kubernetes.commons.KubernetesNamespaceProvider;
import org.springframework.cloud.kubernetes.commons.config.ConfigMapConfigProperties;
import org.springframework.cloud.kubernetes.commons.config.ConfigMapPropertySourceLocator;
import org.springframework.cloud.kubernetes.commons.config.ConfigUtils;
import org.springframework.cloud.kubernetes.commons.config.SecretsConfigProperties;
import org.springframework.cloud.kubernetes.commons.config.SecretsPropertySourceLocator;
import org.springframework.cloud.kubernetes.commons.config.reload.ConfigReloadProperties;
import org.springframework.cloud.kubernetes.commons.config.reload.ConfigurationUpdateStrategy;
import org.springframework.cloud.kubernetes.fabric8.config.Fabric8ConfigMapPropertySourceLocator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Routes the ConfigMap changes that spring-cloud-kubernetes detects through the
 * Kubernetes API ({@code spring.config.import=kubernetes:} with
 * {@code spring.cloud.kubernetes.reload.enabled=true}) into Steadypod's
 * validate-then-apply pipeline, by providing its {@link ConfigurationUpdateStrategy}
 * bean. Also checks the RBAC permissions at start-up and resyncs periodically.
 */
@AutoConfiguration(after = dev.steadypod.reload.ConfigReloadAutoConfiguration.class,
		beforeName = { "org.springframework.cloud.kubernetes.commons.config.reload.ConfigReloadAutoConfiguration",
				"org.springframework.cloud.kubernetes.fabric8.config.reload.Fabric8ConfigReloadAutoConfiguration" })
@ConditionalOnClass({ ConfigurationUpdateStrategy.class, Fabric8ConfigMapPropertySourceLocator.class,
		KubernetesClient.class })
@ConditionalOnSteadypodEnabled
@ConditionalOnBooleanProperty(name = "steadypod.reload.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "steadypod.reload.kubernetes.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty("spring.cloud.kubernetes.reload.enabled")
@ConditionalOnCloudPlatform(CloudPlatform.KUBERNETES)
@ConditionalOnBean(ConfigReloadPipeline.class)
public final class KubernetesConfigReloadAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	KubernetesPermissions kubernetesPermissions(KubernetesClient client, ConfigurableApplicationContext context,
			ObjectProvider<KubernetesNamespaceProvider> namespaceProvider,
			ObjectProvider<ConfigReloadProperties> reloadProperties,
			ObjectProvider<SecretsPropertySourceLocator> secrets,
			ObjectProvider<SecretsConfigProperties> secretProperties) {
		Set<String> namespaces = new LinkedHashSet<>();
		ConfigReloadProperties sck = reloadProperties.getIfAvailable();
		if (sck != null && sck.namespaces() != null) {
			namespaces.addAll(sck.namespaces());
		}
		if (namespaces.isEmpty()) {
			namespaces.add(defaultNamespace(client, namespaceProvider));
		}
		SecretReads secretReads = SecretReads.NONE;
		if (secrets.orderedStream().findAny().isPresent()) {
			boolean eventMode = sck == null || sck.mode() == ConfigReloadProperties.ReloadDetectionMode.EVENT;
			SecretsConfigProperties secretSources = secretsProperties(secretProperties, context.getEnvironment());
			// spring-cloud-kubernetes' Secret watcher runs unless Steadypod's watch of
			// the
			// named Secrets takes its place (SpringCloudKubernetesWatcherGuard).
			boolean secretWatcher = eventMode && sck != null && sck.monitoringSecrets() && !SecretChangeTrigger
				.readsOnlyNamed(secretSources, List.of(context.getEnvironment().getActiveProfiles()));
			secretReads = SecretReads.of(secretSources, defaultNamespace(client, namespaceProvider), eventMode,
					secretWatcher ? namespaces : Set.of());
		}
		return new KubernetesPermissions(client, namespaces, secretReads);
	}

	private static SecretsConfigProperties secretsProperties(ObjectProvider<SecretsConfigProperties> properties,
			ConfigurableEnvironment environment) {
		return properties.getIfAvailable(() -> Binder.get(environment)
			.bindOrCreate("spring.cloud.kubernetes.secrets", SecretsConfigProperties.class));
	}

	private static String defaultNamespace(KubernetesClient client,
			ObjectProvider<KubernetesNamespaceProvider> namespaceProvider) {
		KubernetesNamespaceProvider provider = namespaceProvider.getIfAvailable();
		String namespace = (provider != null) ? provider.getNamespace() : null;
		if (namespace == null || namespace.isBlank()) {
			namespace = client.getNamespace();
		}
		return (namespace != null && !namespace.isBlank()) ? namespace : "default";
	}

	@Bean
	@ConditionalOnMissingBean
	KubernetesConfigReloader kubernetesConfigReloader(ConfigReloadPipeline pipeline,
			ConfigurableApplicationContext context, KubernetesClient client, KubernetesPermissions permissions,
			ReloadProperties properties, ObjectProvider<ConfigMapPropertySourceLocator> configMaps,
			ObjectProvider<SecretsPropertySourceLocator> secrets,
			ObjectProvider<ConfigMapConfigProperties> configMapProperties,
			ObjectProvider<SecretsConfigProperties> secretProperties,
			ObjectProvider<KubernetesNamespaceProvider> namespaceProvider,
			ObjectProvider<ConfigReloadProperties> reloadProperties) {
		List<PropertySourceLocator> locators = new ArrayList<>();
		// Secrets first: in the Environment they take precedence over ConfigMaps, as the
		// config-data load orders them.
		secrets.orderedStream().findFirst().ifPresent(locators::add);
		configMaps.orderedStream().findFirst().ifPresent(locators::add);
		ConfigurableEnvironment environment = context.getEnvironment();
		KubernetesConfigReader reader = new KubernetesConfigReader(environment, locators);
		ConfigMapConfigProperties sources = configMapProperties.getIfAvailable(() -> Binder.get(environment)
			.bindOrCreate("spring.cloud.kubernetes.config", ConfigMapConfigProperties.class));
		WatchedConfigMaps watched = new WatchedConfigMaps(client, sources, environment,
				defaultNamespace(client, namespaceProvider));
		ConfigMapContentCheck check = new ConfigMapContentCheck(
				ConfigUtils.getApplicationName(environment, sources.name(), "ConfigMap"),
				List.of(environment.getActiveProfiles()), properties.getMaxFileSize());
		ConfigReloadProperties sck = reloadProperties.getIfAvailable();
		boolean eventMode = sck == null || sck.mode() == ConfigReloadProperties.ReloadDetectionMode.EVENT;
		List<ChangeTrigger> triggers = new ArrayList<>();
		WatchedConfigMaps.Cache cache = WatchedConfigMaps.Cache.NONE;
		if (eventMode) {
			ConfigMapChangeTrigger configMapTrigger = new ConfigMapChangeTrigger(client, watched);
			triggers.add(configMapTrigger);
			cache = configMapTrigger;
			if (secrets.orderedStream().findAny().isPresent()) {
				SecretsConfigProperties secretSources = secretsProperties(secretProperties, environment);
				triggers.add(new SecretChangeTrigger(client,
						SecretChangeTrigger.named(secretSources, defaultNamespace(client, namespaceProvider)),
						SecretChangeTrigger.readsOnlyNamed(secretSources, List.of(environment.getActiveProfiles()))));
			}
		}
		return new KubernetesConfigReloader(pipeline, reader, new ConfigMapGuard(watched, check, cache), triggers,
				environment, client, permissions, properties.isFailOnMissingPermissions(),
				properties.getKubernetes().getResyncInterval());
	}

	@Bean
	@ConditionalOnMissingBean
	ConfigurationUpdateStrategy steadypodConfigurationUpdateStrategy(KubernetesConfigReloader reloader) {
		return new ConfigurationUpdateStrategy("steadypod-validated-apply", reloader::onChangeDetected);
	}

	@Bean
	static SpringCloudKubernetesWatcherGuard steadypodSpringCloudKubernetesWatcherGuard() {
		return new SpringCloudKubernetesWatcherGuard();
	}

}
