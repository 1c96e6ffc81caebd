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

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.cloud.kubernetes.commons.config.SecretsConfigProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Steadypod's watch of the named Secrets sees every Secret spring-cloud-kubernetes
 * reads, so that spring-cloud-kubernetes' own Secret watcher may stand aside.
 */
class SecretChangeTriggerTests {

	@Test
	void secretsNamedInTheSourcesAreEverySecretRead() {
		assertThat(readsOnlyNamed(List.of(), "sources[0].name=a", "sources[1].name=b")).isTrue();
	}

	@Test
	void theSecretNamedAtTheTopIsEverySecretReadWhenThereAreNoSources() {
		assertThat(readsOnlyNamed(List.of(), "name=a")).isTrue();
	}

	@Test
	void aSourceWithoutANameTakesTheNameAtTheTop() {
		assertThat(readsOnlyNamed(List.of(), "name=a", "sources[0].namespace=other")).isTrue();
	}

	@Test
	void secretsSelectedByLabelsAreNotNamed() {
		assertThat(readsOnlyNamed(List.of(), "name=a", "labels.app=a")).isFalse();
		assertThat(readsOnlyNamed(List.of(), "sources[0].name=a", "sources[1].labels.app=a")).isFalse();
	}

	@Test
	void withoutAnyNameTheApplicationsOwnSecretIsReadAndNotWatched() {
		assertThat(readsOnlyNamed(List.of(), "sources[0].namespace=other")).isFalse();
		assertThat(readsOnlyNamed(List.of())).isFalse();
	}

	@Test
	void profileSpecificSecretsAreReadForAnActiveProfile() {
		assertThat(readsOnlyNamed(List.of("dev"), "sources[0].name=a")).isFalse();
		assertThat(readsOnlyNamed(List.of("dev"), "name=a")).isFalse();
	}

	@Test
	void profileSpecificSecretsTurnedOffLeaveOnlyTheNamedOnes() {
		assertThat(readsOnlyNamed(List.of("dev"), "sources[0].name=a", "include-profile-specific-sources=false"))
			.isTrue();
		assertThat(readsOnlyNamed(List.of("dev"), "sources[0].name=a",
				"sources[0].include-profile-specific-sources=false"))
			.isTrue();
	}

	@Test
	void aDisabledSecretsSourceReadsNothingToWatch() {
		assertThat(readsOnlyNamed(List.of(), "name=a", "enabled=false")).isFalse();
	}

	private static boolean readsOnlyNamed(List<String> activeProfiles, String... properties) {
		MapConfigurationPropertySource source = new MapConfigurationPropertySource();
		// Off unless turned on, as in spring-cloud-kubernetes.
		source.put("spring.cloud.kubernetes.secrets.enabled", "true");
		for (String property : properties) {
			int equals = property.indexOf('=');
			source.put("spring.cloud.kubernetes.secrets." + property.substring(0, equals),
					property.substring(equals + 1));
		}
		SecretsConfigProperties secrets = new Binder(source).bindOrCreate("spring.cloud.kubernetes.secrets",
				SecretsConfigProperties.class);
		return SecretChangeTrigger.readsOnlyNamed(secrets, activeProfiles);
	}

}
