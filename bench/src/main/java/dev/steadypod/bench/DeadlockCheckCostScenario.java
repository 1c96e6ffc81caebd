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

package dev.steadypod.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * What one deadlock search costs: {@code ThreadMXBean.findDeadlockedThreads} with 2,000
 * extra platform threads parked (as a busy servlet container's pools would be), 50 timed
 * searches after 5 unmeasured ones. Steadypod's {@code deadlockedThreads} contributor
 * runs one search per {@code steadypod.liveness.deadlocked-threads.cache-ttl} (10 s)
 * instead of one per probe call.
 */
final class DeadlockCheckCostScenario implements Scenario {

	static final int THREADS = 2000;

	static final int SEARCHES = 50;

	@Override
	public String id() {
		return "deadlock";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		ThreadMXBean mx = ManagementFactory.getThreadMXBean();
		Samples idle = measure(mx);
		CountDownLatch release = new CountDownLatch(1);
		List<Thread> parked = new ArrayList<>();
		for (int i = 0; i < THREADS; i++) {
			Thread thread = new Thread(() -> {
				try {
					release.await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}, "parked-" + i);
			thread.setDaemon(true);
			thread.start();
			parked.add(thread);
		}
		try {
			Samples loaded = measure(mx);
			System.out.printf("[bench] findDeadlockedThreads with %d live threads: median %s, p99 %s, max %s%n",
					mx.getThreadCount(), Samples.ms(loaded.median()), Samples.ms(loaded.p99()),
					Samples.ms(loaded.max()));
			report.add(new Report.Row(id(), "deadlock search, " + THREADS + " extra platform threads (median)",
					Samples.ms(loaded.median()), "same search, no extra threads", Samples.ms(idle.median()),
					loaded.median() / idle.median(), "x slower with the threads"));
			report.add(new Report.Row(id(), "deadlock search, " + THREADS + " extra platform threads (p99)",
					Samples.ms(loaded.p99()), "same search, no extra threads", Samples.ms(idle.p99()),
					loaded.p99() / idle.p99(), "x slower with the threads"));
		}
		finally {
			release.countDown();
			for (Thread thread : parked) {
				thread.join();
			}
		}
	}

	private static Samples measure(ThreadMXBean mx) {
		for (int i = 0; i < 5; i++) {
			mx.findDeadlockedThreads();
		}
		Samples samples = new Samples();
		for (int i = 0; i < SEARCHES; i++) {
			long start = System.nanoTime();
			mx.findDeadlockedThreads();
			samples.addNanos(System.nanoTime() - start);
		}
		return samples;
	}

}
