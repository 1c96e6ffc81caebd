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

package dev.steadypod.warmup;

import java.util.Map;

import dev.steadypod.testsupport.StartingApplication;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /actuator/warmup} read over HTTP from real applications.
 */
class WarmupEndpointTests {

	@Test
	void probesOnTheApplicationPortComeWithTheWarningAndTheConfiguredBasePath() throws Exception {
		try (StartingApplication app = StartingApplication.start(WarmupTestApplication.class, Map.of(),
				"--server.port=0", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=health,warmup",
				"--management.endpoints.web.base-path=/manage")) {
			app.context();
			int port = app.context().getEnvironment().getProperty("local.server.port", Integer.class);
			Map<?, ?> body = json(app.get(port, "/manage/warmup").body());
			assertThat((String) body.get("warning")).contains("application port", "management.server.port");
			Map<?, ?> probes = (Map<?, ?>) body.get("recommendedProbes");
			assertThat(path(probes, "livenessProbe")).isEqualTo("/manage/health/liveness");
			assertThat(path(probes, "readinessProbe")).isEqualTo("/manage/health/readiness");
			assertThat(path(probes, "startupProbe")).isEqualTo("/manage/health/liveness");
			assertThat(new Yaml().<Map<?, ?>>load((String) body.get("recommendedProbesYaml"))).isEqualTo(probes);
		}
	}

	@Test
	@SuppressWarnings("unchecked")
	void probesOnTheManagementPortNeedNoWarningAndDurationsAreIsoStrings() throws Exception {
		try (StartingApplication app = StartingApplication.start(WarmupTestApplication.class, Map.of(),
				"--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=health,warmup")) {
			app.context();
			Map<?, ?> body = json(app.getManagement("/actuator/warmup").body());
			assertThat(body.containsKey("warning")).isFalse();
			assertThat(body.get("phase")).isEqualTo("WARM");
			assertThat((String) body.get("elapsed")).startsWith("PT");
			assertThat((String) body.get("maxDuration")).isEqualTo("PT5M");
			Map<String, Object> startup = (Map<String, Object>) body.get("startup");
			assertThat(startup.keySet()).contains("web_server_started", "warm", "ready");
			assertThat(startup.values()).allSatisfy((value) -> assertThat((String) value).startsWith("PT"));
			assertThat((String) body.get("jvmStartedAt")).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
			Map<?, ?> probes = (Map<?, ?>) body.get("recommendedProbes");
			assertThat(path(probes, "livenessProbe")).isEqualTo("/actuator/health/liveness");
		}
	}

	private static Object path(Map<?, ?> probes, String probe) {
		return ((Map<?, ?>) ((Map<?, ?>) probes.get(probe)).get("httpGet")).get("path");
	}

	private static Map<?, ?> json(String body) {
		return new JsonMapper().readValue(body, Map.class);
	}

}
