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

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The demo's dependency check, which the restarts benchmarks take down for an outage.
 */
class SlowDependencyHealthIndicatorTests {

	@TempDir
	Path directory;

	@Test
	void theDependencyIsDownWhileTheOutageMarkerExistsAndUpOnceItIsGone() throws Exception {
		Path marker = this.directory.resolve("outage");
		SlowDependencyHealthIndicator dependency = new SlowDependencyHealthIndicator(new ApplicationAvailabilityBean(),
				Duration.ZERO, marker.toString());
		assertThat(dependency.health().getStatus()).isEqualTo(Status.UP);
		Files.createFile(marker);
		assertThat(dependency.health().getStatus()).isEqualTo(Status.DOWN);
		assertThat(dependency.health().getDetails()).containsKey("outage");
		Files.delete(marker);
		assertThat(dependency.health().getStatus()).isEqualTo(Status.UP);
	}

	@Test
	void withoutAnOutageMarkerTheDependencyIsUp() {
		SlowDependencyHealthIndicator dependency = new SlowDependencyHealthIndicator(new ApplicationAvailabilityBean(),
				Duration.ZERO, "");
		assertThat(dependency.health().getStatus()).isEqualTo(Status.UP);
	}

}
