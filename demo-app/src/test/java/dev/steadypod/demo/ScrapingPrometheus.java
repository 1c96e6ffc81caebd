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

package dev.steadypod.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.steadypod.testsupport.PrometheusServer;

import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.fail;
import static org.awaitility.Awaitility.await;

/**
 * A real Prometheus (Debian's {@code prometheus} package) scraping the demo app's
 * management port every second, for the tests that check what Prometheus computes from
 * the app's series. Where the binary is missing those tests skip, except in CI, which
 * must run them ({@code .ci/run} installs it).
 */
final class ScrapingPrometheus {

	static final String MISSING = "the prometheus binary is not on the PATH: install the Debian package '"
			+ PrometheusServer.DEBIAN_PACKAGE + "' (apt-get install " + PrometheusServer.DEBIAN_PACKAGE
			+ "); .ci/run installs it";

	private ScrapingPrometheus() {
	}

	/**
	 * The prometheus binary, or empty when it is missing (the caller then skips).
	 * @param purpose what CI must run, for the failure in CI
	 */
	static Optional<Path> binary(String purpose) {
		Optional<Path> binary = PrometheusServer.binary();
		if (binary.isEmpty() && "true".equals(System.getenv("CI"))) {
			fail("CI must run " + purpose + " against a real Prometheus, but " + MISSING);
		}
		return binary;
	}

	/**
	 * Starts Prometheus scraping the app's management port with the labels Kubernetes
	 * service discovery would attach, and waits until the target is up.
	 */
	static PrometheusServer scrape(Path binary, Path workDir, Environment environment, Map<String, String> labels,
			Duration upWithin) throws Exception {
		PrometheusServer prometheus = PrometheusServer.start(binary, workDir,
				"127.0.0.1:" + environment.getRequiredProperty("local.management.port", Integer.class),
				"/actuator/prometheus", labels);
		await("scrape target up").atMost(upWithin)
			.until(prometheus::targetHealth, (health) -> health.equals(List.of("up")));
		return prometheus;
	}

}
