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

package dev.steadypod.liveness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ProbesOnApplicationPortWarningTests {

	@Test
	void warnsInKubernetesWhenProbesShareTheApplicationPort(CapturedOutput output) {
		start(new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes"));
		assertThat(output).contains("WARN", "Serve them on their own port by setting management.server.port");
	}

	@Test
	void staysQuietInKubernetesWhenManagementHasItsOwnPort(CapturedOutput output) {
		start(new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes")
			.withProperty("management.server.port", "8081"));
		assertThat(output).doesNotContain("management.server.port");
	}

	@Test
	void staysQuietOutsideKubernetes(CapturedOutput output) {
		start(new MockEnvironment());
		assertThat(output).doesNotContain("management.server.port");
	}

	private static void start(MockEnvironment environment) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.setEnvironment(environment);
			new ProbesOnApplicationPortWarning(environment)
				.onApplicationEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0], context, null));
		}
	}

}
