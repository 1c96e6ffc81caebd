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

package dev.steadypod.testsupport;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import static org.awaitility.Awaitility.await;

/**
 * Two daemon threads deadlocked on two {@link ReentrantLock}s, which the JVM's deadlock
 * detection sees. Closing interrupts them ({@code lockInterruptibly}), so the deadlock
 * ends and later tests in the same JVM see a healthy process again.
 */
public final class InducedDeadlock implements AutoCloseable {

	private final Thread first;

	private final Thread second;

	private InducedDeadlock(String name) {
		ReentrantLock a = new ReentrantLock();
		ReentrantLock b = new ReentrantLock();
		CountDownLatch bothHoldOne = new CountDownLatch(2);
		this.first = thread(name + "-a", a, b, bothHoldOne);
		this.second = thread(name + "-b", b, a, bothHoldOne);
	}

	/**
	 * Creates the deadlock and waits until the JVM reports it.
	 * @param name prefix of the two threads' names
	 * @return the deadlock, to be closed
	 */
	public static InducedDeadlock create(String name) {
		InducedDeadlock deadlock = new InducedDeadlock(name);
		deadlock.first.start();
		deadlock.second.start();
		await().atMost(Duration.ofSeconds(5)).until(deadlock::isDetected);
		return deadlock;
	}

	public String firstThreadName() {
		return this.first.getName();
	}

	public String secondThreadName() {
		return this.second.getName();
	}

	private boolean isDetected() {
		long[] ids = ManagementFactory.getThreadMXBean().findDeadlockedThreads();
		return ids != null && Arrays.stream(ids).anyMatch((id) -> id == this.first.getId())
				&& Arrays.stream(ids).anyMatch((id) -> id == this.second.getId());
	}

	private static Thread thread(String name, ReentrantLock own, ReentrantLock other, CountDownLatch bothHoldOne) {
		Thread thread = new Thread(() -> {
			try {
				own.lockInterruptibly();
				bothHoldOne.countDown();
				bothHoldOne.await();
				other.lockInterruptibly();
			}
			catch (InterruptedException ex) {
				// Released by close().
			}
		}, name);
		thread.setDaemon(true);
		return thread;
	}

	@Override
	public void close() throws InterruptedException {
		this.first.interrupt();
		this.second.interrupt();
		this.first.join(5000);
		this.second.join(5000);
	}

}
