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

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import dev.steadypod.testsupport.StartingApplication;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The HTTP self-warm-up against a real server that speaks only TLS and lives under a
 * servlet context path, as many production services do.
 */
class HttpSelfWarmupTests {

	@TempDir
	Path directory;

	@BeforeEach
	void resetCalls() {
		WarmupTestApplication.HelloController.calls.set(0);
	}

	@Test
	void selfWarmupCallsTheApplicationOverTlsUnderItsContextPath() throws Exception {
		Path keyStore = SelfSignedKeyStore.create(this.directory, "secret");
		try (StartingApplication app = StartingApplication.start(WarmupTestApplication.class, Map.of(),
				"--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=health,warmup", "--management.server.ssl.enabled=false",
				"--server.ssl.key-store=" + keyStore, "--server.ssl.key-store-password=secret",
				"--server.ssl.key-store-type=PKCS12", "--server.servlet.context-path=/app",
				"--steadypod.warmup.http.paths=/hello", "--steadypod.warmup.http.requests=3")) {
			app.context();
			String warmup = app.getManagement("/actuator/warmup").body();
			assertThat(warmup).contains("\"name\":\"http-self-warm-up\"", "\"status\":\"SUCCEEDED\"");
			assertThat(WarmupTestApplication.HelloController.calls).hasValue(3);
		}
	}

	@Test
	void selfWarmupTrustsANamedClientBundleWhenTheServerUsesOne() throws Exception {
		Path keyStore = SelfSignedKeyStore.create(this.directory, "secret");
		String bundle = "spring.ssl.bundle.jks.server.";
		try (StartingApplication app = StartingApplication.start(WarmupTestApplication.class, Map.of(),
				"--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=health,warmup", "--management.server.ssl.enabled=false",
				"--server.ssl.bundle=server", "--" + bundle + "keystore.location=file:" + keyStore,
				"--" + bundle + "keystore.password=secret", "--" + bundle + "keystore.type=PKCS12",
				"--steadypod.warmup.http.paths=/hello", "--steadypod.warmup.http.requests=2")) {
			app.context();
			assertThat(app.getManagement("/actuator/warmup").body()).contains("\"status\":\"SUCCEEDED\"");
			assertThat(WarmupTestApplication.HelloController.calls).hasValue(2);
		}
	}

	@Test
	void failedSelfWarmupSaysWhichPathAnsweredWhat() throws Exception {
		try (StartingApplication app = StartingApplication.start(WarmupTestApplication.class, Map.of(),
				"--server.port=0", "--management.server.port=0", "--spring.main.banner-mode=off",
				"--management.endpoints.web.exposure.include=health,warmup", "--server.servlet.context-path=/app",
				"--steadypod.warmup.http.paths=/hello,/missing", "--steadypod.warmup.http.requests=2")) {
			app.context();
			assertThat(app.getManagement("/actuator/warmup").body()).contains("\"status\":\"FAILED\"",
					"GET /app/missing answered 404");
			assertThat(WarmupTestApplication.HelloController.calls).hasValue(2);
		}
	}

}
