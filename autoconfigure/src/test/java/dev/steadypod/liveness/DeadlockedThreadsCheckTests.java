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

import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

class DeadlockedThreadsCheckTests {

	private final ThreadMXBean threads = mock(ThreadMXBean.class);

	private final AtomicLong clock = new AtomicLong(1_000);

	@Test
	void probesWithinTheCacheTtlReuseOneSearch() {
		DeadlockedThreadsCheck check = new DeadlockedThreadsCheck(this.threads, Duration.ofSeconds(10),
				this.clock::get);
		for (int i = 0; i < 5; i++) {
			assertThat(check.check().healthy()).isTrue();
			this.clock.addAndGet(Duration.ofSeconds(1).toNanos());
		}
		verify(this.threads, times(1)).findDeadlockedThreads();
	}

	@Test
	void aSearchAfterTheTtlSeesANewDeadlock() {
		DeadlockedThreadsCheck check = new DeadlockedThreadsCheck(this.threads, Duration.ofSeconds(10),
				this.clock::get);
		assertThat(check.check().healthy()).isTrue();
		given(this.threads.findDeadlockedThreads()).willReturn(new long[] { 1, 2 });
		given(this.threads.getThreadInfo(new long[] { 1, 2 })).willReturn(new ThreadInfo[0]);
		this.clock.addAndGet(Duration.ofSeconds(9).toNanos());
		assertThat(check.check().healthy()).as("cached").isTrue();
		this.clock.addAndGet(Duration.ofSeconds(1).toNanos());
		assertThat(check.check().healthy()).as("searched again").isFalse();
		assertThat(check.check().reason()).isEqualTo("2 deadlocked threads");
	}

	@Test
	void zeroTtlSearchesOnEveryProbe() {
		DeadlockedThreadsCheck check = new DeadlockedThreadsCheck(this.threads, Duration.ZERO, this.clock::get);
		check.check();
		check.check();
		check.check();
		verify(this.threads, times(3)).findDeadlockedThreads();
	}

}
