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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;

/**
 * Fails when the JVM has deadlocked platform threads (on monitors or on
 * {@code java.util.concurrent} locks): they never recover, only a restart does. The
 * details name each thread and the lock it waits for.
 * <p>
 * {@code ThreadMXBean.findDeadlockedThreads} brings the JVM to a safepoint and walks
 * every thread, so the result is cached for {@code cache-ttl}: a deadlock is permanent,
 * so a few seconds of delay cost nothing, while every probe paying for the walk would. It
 * does not see virtual threads (the JDK's deadlock detection covers platform threads
 * only).
 */
class DeadlockedThreadsCheck implements LivenessCheck {

	private final ThreadMXBean threads;

	private final Duration cacheTtl;

	private final LongSupplier nanoClock;

	// Guards cached and cachedAt; the JMX call runs outside it.
	private final Object lock = new Object();

	private @Nullable Result cached;

	private long cachedAt;

	DeadlockedThreadsCheck(Duration cacheTtl) {
		this(ManagementFactory.getThreadMXBean(), cacheTtl, System::nanoTime);
	}

	DeadlockedThreadsCheck(ThreadMXBean threads, Duration cacheTtl, LongSupplier nanoClock) {
		this.threads = threads;
		this.cacheTtl = cacheTtl;
		this.nanoClock = nanoClock;
	}

	@Override
	public String name() {
		return "deadlockedThreads";
	}

	@Override
	public Result check() {
		long now = this.nanoClock.getAsLong();
		synchronized (this.lock) {
			if (this.cached != null && now - this.cachedAt < this.cacheTtl.toNanos()) {
				return this.cached;
			}
		}
		Result result = find();
		synchronized (this.lock) {
			this.cached = result;
			this.cachedAt = now;
		}
		return result;
	}

	private Result find() {
		long[] ids = this.threads.findDeadlockedThreads();
		if (ids == null || ids.length == 0) {
			return Result.healthy(Map.of());
		}
		List<String> described = new ArrayList<>();
		for (ThreadInfo info : this.threads.getThreadInfo(ids)) {
			if (info != null) {
				described.add("'" + info.getThreadName() + "' waits for " + info.getLockName() + " held by '"
						+ info.getLockOwnerName() + "'");
			}
		}
		return Result.failed(ids.length + " deadlocked threads", Map.of("threads", described));
	}

}
