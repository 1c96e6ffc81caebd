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

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * Keeps ConfigMap text out of the log when the Kubernetes API route is on.
 * spring-cloud-kubernetes logs a ConfigMap it cannot parse as a WARN whose message and
 * stack trace quote the offending source line, which may hold a password, at the update
 * and again at every read. Steadypod checks the content itself and reports such a problem
 * by ConfigMap, key, line and column only, so that logger
 * ({@code org.springframework.cloud.kubernetes.commons.config.ConfigUtils}) is set to
 * {@code ERROR} by a default with the lowest precedence: any {@code logging.level.*} the
 * application sets wins.
 */
public class KubernetesReloadLoggingDefaults implements EnvironmentPostProcessor, Ordered {

	/** Name of the property source holding the default. */
	public static final String PROPERTY_SOURCE_NAME = "steadypodKubernetesReloadLoggingDefaults";

	static final String LOGGER = "org.springframework.cloud.kubernetes.commons.config.ConfigUtils";

	static final String SKIPPED_ENTRY_LOGGER = "org.springframework.cloud.kubernetes.commons.config.SourceDataEntriesProcessor";

	@Override
	public int getOrder() {
		// After config data has been loaded, so the switches in application.yaml are
		// visible.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (!ClassUtils.isPresent(LOGGER, getClass().getClassLoader())
				|| !environment.getProperty("steadypod.enabled", Boolean.class, true)
				|| !environment.getProperty("steadypod.reload.enabled", Boolean.class, true)
				|| !environment.getProperty("steadypod.reload.kubernetes.enabled", Boolean.class, true)
				|| !environment.getProperty("spring.cloud.kubernetes.reload.enabled", Boolean.class, false)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		environment.getPropertySources()
			.addLast(new MapPropertySource(PROPERTY_SOURCE_NAME,
					Map.of("logging.level." + LOGGER, "error", "logging.level." + SKIPPED_ENTRY_LOGGER, "error")));
	}

}
