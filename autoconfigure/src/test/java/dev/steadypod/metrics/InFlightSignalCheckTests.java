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

package dev.steadypod.metrics;

import java.util.UUID;

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
class InFlightSignalCheckTests {

	@Test
	void staysQuietOutsideKubernetesSoAUsersTestContextsLogNothing(CapturedOutput output) {
		String name = "outside-" + UUID.randomUUID();
		start(new MockEnvironment().withProperty("management.observations.http.server.requests.name", name));
		start(new MockEnvironment().withProperty("management.observations.http.server.requests.name", name));
		assertThat(output).doesNotContain(name);
	}

	@Test
	void warnsOnceInKubernetesHoweverManyContextsStart(CapturedOutput output) {
		String name = "inside-" + UUID.randomUUID();
		for (int i = 0; i < 3; i++) {
			start(new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes")
				.withProperty("management.server.port", "8081")
				.withProperty("management.observations.http.server.requests.name", name));
		}
		assertThat(output.getOut().split(name, -1)).as("one warning naming '%s'", name).hasSize(2);
		assertThat(output).contains("WARN");
	}

	private static void start(MockEnvironment environment) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.setEnvironment(environment);
			new InFlightSignalCheck(environment)
				.onApplicationEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0], context, null));
		}
	}

}
