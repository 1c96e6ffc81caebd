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

package dev.steadypod.hpa.record;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Reading the throttled time of a cgroup's {@code cpu.stat}, as the kernel documents it
 * for cgroup v1 (CFS bandwidth control: {@code nr_periods}, {@code nr_throttled},
 * {@code throttled_time} in nanoseconds) and cgroup v2 ({@code usage_usec} ...
 * {@code throttled_usec} in microseconds).
 */
class CpuThrottlingTests {

	@Test
	void aCgroupV1CpuControllerCountsThrottledTimeInNanoseconds(@TempDir Path cgroup) throws Exception {
		Files.writeString(cgroup.resolve("cpu.stat"), """
				nr_periods 1203
				nr_throttled 581
				throttled_time 29016482345
				nr_bursts 0
				burst_time 0
				""");
		assertThat(new CpuThrottling(cgroup).throttledMillis()).isEqualTo(29016.482345);
	}

	@Test
	void aCgroupV2GroupCountsThrottledTimeInMicroseconds(@TempDir Path cgroup) throws Exception {
		Files.writeString(cgroup.resolve("cpu.stat"), """
				usage_usec 48211077
				user_usec 40102311
				system_usec 8108766
				nr_periods 1203
				nr_throttled 581
				throttled_usec 29016482
				nr_bursts 0
				burst_usec 0
				""");
		assertThat(new CpuThrottling(cgroup).throttledMillis()).isEqualTo(29016.482);
	}

	@Test
	void aDirectoryWithoutCpuStatSaysWhichDirectoryToGive(@TempDir Path dir) {
		assertThatIllegalArgumentException().isThrownBy(() -> new CpuThrottling(dir).throttledMillis())
			.withMessageContaining(dir.resolve("cpu.stat") + " does not exist")
			.withMessageContaining("/sys/fs/cgroup/cpu/NAME");
	}

	@Test
	void aCpuStatWithoutThrottlingIsNotTakenForZero(@TempDir Path cgroup) throws Exception {
		// The cgroup v2 root's cpu.stat: usage only, no quota to be throttled by.
		Files.writeString(cgroup.resolve("cpu.stat"), "usage_usec 48211077\nuser_usec 40102311\n");
		assertThatIllegalArgumentException().isThrownBy(() -> new CpuThrottling(cgroup).throttledMillis())
			.withMessageContaining("has neither throttled_time (cgroup v1, nanoseconds) nor throttled_usec");
	}

	@Test
	void aThrottledTimeThatIsNotANumberIsQuoted(@TempDir Path cgroup) throws Exception {
		Files.writeString(cgroup.resolve("cpu.stat"), "nr_periods 3\nthrottled_time lots\n");
		assertThatIllegalArgumentException().isThrownBy(() -> new CpuThrottling(cgroup).throttledMillis())
			.withMessageContaining("throttled_time is not a whole number: 'throttled_time lots'");
	}

}
