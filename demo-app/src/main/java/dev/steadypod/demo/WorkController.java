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

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * The load generator for the autoscaling and probe tests: a request burns CPU, allocates
 * short-lived memory (so the garbage collector runs as in a real service) and then waits,
 * each as much as asked.
 */
@RestController
class WorkController {

	static final long MAX_MILLIS = 60_000;

	static final long MAX_CPU_MILLIS = 10_000;

	static final long MAX_ALLOC_KB = 65_536;

	private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

	@GetMapping("/work")
	ResponseEntity<Map<String, Object>> work(@RequestParam(name = "ms", defaultValue = "0") long ms,
			@RequestParam(name = "cpuMs", defaultValue = "0") long cpuMs,
			@RequestParam(name = "allocKb", defaultValue = "0") long allocKb) throws InterruptedException {
		if (ms < 0 || ms > MAX_MILLIS) {
			return badRequest("ms must be between 0 and " + MAX_MILLIS + " milliseconds, was " + ms);
		}
		if (cpuMs < 0 || cpuMs > MAX_CPU_MILLIS) {
			return badRequest("cpuMs must be between 0 and " + MAX_CPU_MILLIS + " milliseconds, was " + cpuMs);
		}
		if (allocKb < 0 || allocKb > MAX_ALLOC_KB) {
			return badRequest("allocKb must be between 0 and " + MAX_ALLOC_KB + " KiB, was " + allocKb);
		}
		byte[][] garbage = allocate((int) allocKb);
		Burn burn = burn(cpuMs);
		Thread.sleep(ms);
		Map<String, Object> body = new LinkedHashMap<>();
		body.put("heldMillis", ms);
		body.put("cpuMillis", burn.cpuNanos() / 1_000_000);
		body.put("allocatedKb", allocKb);
		body.put("checksum", burn.checksum() + garbage.length);
		return ResponseEntity.ok(body);
	}

	/** KiB-sized arrays, each written so the allocation cannot be optimised away. */
	private static byte[][] allocate(int kib) {
		byte[][] blocks = new byte[kib][];
		for (int i = 0; i < kib; i++) {
			blocks[i] = new byte[1024];
			blocks[i][i % 1024] = (byte) i;
		}
		return blocks;
	}

	/**
	 * Spins until this thread has used {@code cpuMs} of CPU time (wall time where the JVM
	 * cannot measure thread CPU time), so waiting for a core does not count as work done.
	 */
	private static Burn burn(long cpuMs) {
		if (cpuMs == 0) {
			return new Burn(0, 0);
		}
		boolean cpuClock = THREADS.isCurrentThreadCpuTimeSupported();
		long start = cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
		long budget = cpuMs * 1_000_000;
		long x = 88172645463325252L;
		while (true) {
			for (int i = 0; i < 10_000; i++) {
				x ^= x << 13;
				x ^= x >>> 7;
				x ^= x << 17;
			}
			long now = cpuClock ? THREADS.getCurrentThreadCpuTime() : System.nanoTime();
			if (now - start >= budget) {
				return new Burn(x, now - start);
			}
		}
	}

	/** The CPU time used, measured, and a value computed from the work. */
	private record Burn(long checksum, long cpuNanos) {

	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, Object>> notANumber(MethodArgumentTypeMismatchException ex) {
		String name = ex.getName();
		String range = switch (name) {
			case "cpuMs" -> "a whole number of milliseconds between 0 and " + MAX_CPU_MILLIS;
			case "allocKb" -> "a whole number of KiB between 0 and " + MAX_ALLOC_KB;
			default -> "a whole number of milliseconds between 0 and " + MAX_MILLIS;
		};
		return badRequest(name + " must be " + range + ", was '" + ex.getValue() + "'");
	}

	private static ResponseEntity<Map<String, Object>> badRequest(String message) {
		return ResponseEntity.badRequest().body(Map.of("status", 400, "error", message));
	}

}
