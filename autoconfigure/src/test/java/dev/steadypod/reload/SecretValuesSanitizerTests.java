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

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.cloud.kubernetes.commons.config.SecretsPropertySource;
import org.springframework.cloud.kubernetes.commons.config.SourceData;
import org.springframework.core.env.CompositePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class SecretValuesSanitizerTests {

	private static final String VALUE = "s3cr3t-VALUE-4242";

	private final SecretValuesSanitizer sanitizer = new SecretValuesSanitizer(
			SecretLocations.of(List.of("optional:configtree:/etc/app/secrets/", "/etc/app/db")));

	@Test
	void valuesOfAConfigTreeAtASecretLocationAreMasked() {
		assertThat(sanitize(source("Config tree '/etc/app/secrets'"))).isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void valuesOfAFileUnderASecretLocationAreMasked() {
		assertThat(sanitize(source("Config resource 'file [/etc/app/db/application.yaml]' via location"
				+ " 'optional:file:/etc/app/db/' (document #0)")))
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void valuesOfSecretsReadThroughTheKubernetesApiAreMasked() {
		SecretsPropertySource secret = new SecretsPropertySource(
				new SourceData("secret.app-secrets.test", Map.of("app.key", VALUE)));
		assertThat(sanitize(secret)).isEqualTo(SanitizableData.SANITIZED_VALUE);
		CompositePropertySource composite = new CompositePropertySource("composite-secrets");
		composite.addPropertySource(secret);
		assertThat(sanitize(composite)).as("the composite /actuator/configprops names")
			.isEqualTo(SanitizableData.SANITIZED_VALUE);
	}

	@Test
	void otherSourcesAreLeftToBootsOwnRules() {
		assertThat(sanitize(source("Config tree '/etc/app/config'"))).isEqualTo(VALUE);
		assertThat(sanitize(source("Config tree '/etc/app/secrets-not-really'"))).isEqualTo(VALUE);
		assertThat(sanitize(source("Config resource 'file [/etc/app/config/application.yaml]' via location"
				+ " 'optional:file:/etc/app/config/'")))
			.isEqualTo(VALUE);
		assertThat(sanitize(source("systemEnvironment"))).isEqualTo(VALUE);
	}

	@Test
	void secretLocationsMatchTheLocationAndWhatIsUnderIt() {
		SecretLocations locations = SecretLocations.of(List.of("/etc/app/secrets"));
		assertThat(locations.contains(Path.of("/etc/app/secrets"))).isTrue();
		assertThat(locations.contains(Path.of("/etc/app/secrets/db/password"))).isTrue();
		assertThat(locations.contains(Path.of("/etc/app/secrets-old"))).isFalse();
		assertThat(locations.contains(WatchedLocation.parse("optional:configtree:/etc/app/secrets/", false))).isTrue();
	}

	private Object sanitize(PropertySource<?> source) {
		return this.sanitizer.apply(new SanitizableData(source, "app.key", VALUE)).getValue();
	}

	private static PropertySource<?> source(String name) {
		return new MapPropertySource(name, Map.of("app.key", VALUE));
	}

}
