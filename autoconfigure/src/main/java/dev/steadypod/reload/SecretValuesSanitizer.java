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

package dev.steadypod.reload;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.core.env.CompositePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Masks, in {@code /actuator/env} and {@code /actuator/configprops}, every value read
 * from a Kubernetes Secret: a mounted Secret location
 * ({@code steadypod.reload.secret-locations}) or spring-cloud-kubernetes' secrets source.
 * Boot masks values by key name ({@code password}, {@code token}...) once values are
 * shown at all; a Secret's keys need not look secret, so its values are masked by where
 * they come from.
 */
final class SecretValuesSanitizer implements SanitizingFunction {

	/** spring-cloud-kubernetes' property source of one Secret read through the API. */
	private static final String KUBERNETES_SECRETS_SOURCE = "org.springframework.cloud.kubernetes.commons.config.SecretsPropertySource";

	private final SecretLocations locations;

	SecretValuesSanitizer(SecretLocations locations) {
		this.locations = locations;
	}

	@Override
	public SanitizableData apply(SanitizableData data) {
		PropertySource<?> source = data.getPropertySource();
		if (source != null && isSecret(source)) {
			return data.withSanitizedValue();
		}
		return data;
	}

	private boolean isSecret(PropertySource<?> source) {
		if (source instanceof CompositePropertySource composite) {
			// /actuator/configprops names the composite spring-cloud-kubernetes builds.
			return composite.getPropertySources().stream().anyMatch(this::isSecret);
		}
		for (Class<?> type = source.getClass(); type != null; type = type.getSuperclass()) {
			if (type.getName().equals(KUBERNETES_SECRETS_SOURCE)) {
				return true;
			}
		}
		return this.locations.containsSource(source.getName());
	}

}
