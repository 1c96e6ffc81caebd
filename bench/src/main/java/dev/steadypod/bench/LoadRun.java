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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closed-loop load: {@code clients} threads calling {@code /greeting} back to back for a
 * fixed time. A request fails when it errors, answers other than 200, or carries a
 * message outside the allowed set.
 */
final class LoadRun {

	final Samples latencies = new Samples();

	final AtomicLong requests = new AtomicLong();

	final AtomicLong failures = new AtomicLong();

	void addAll(LoadRun other) {
		other.latencies.addAllTo(this.latencies);
		this.requests.addAndGet(other.requests.get());
		this.failures.addAndGet(other.failures.get());
	}

	static LoadRun run(int appPort, int clients, Duration duration, Set<String> allowedMessages)
			throws InterruptedException {
		LoadRun run = new LoadRun();
		long deadline = System.nanoTime() + duration.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < deadline) {
					long start = System.nanoTime();
					boolean ok;
					try {
						HttpResponse<String> response = Http.get(appPort, "/greeting", Duration.ofSeconds(10));
						ok = response.statusCode() == 200 && allowedMessages.stream()
							.anyMatch((m) -> response.body().contains("\"message\":\"" + m + "\""));
					}
					catch (Exception ex) {
						ok = false;
					}
					run.latencies.addNanos(System.nanoTime() - start);
					run.requests.incrementAndGet();
					if (!ok) {
						run.failures.incrementAndGet();
					}
				}
			}, "load-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		return run;
	}

}
