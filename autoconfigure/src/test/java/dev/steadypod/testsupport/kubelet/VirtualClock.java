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

package dev.steadypod.testsupport.kubelet;

import java.util.Comparator;
import java.util.PriorityQueue;

/**
 * Virtual time for the emulator's tests. The threads that take part run one at a time: a
 * thread that sleeps hands over to the thread due next (earliest wake-up time, then first
 * come), and time jumps to that thread's wake-up time. Runs are therefore reproducible,
 * and probes that overlap in virtual time still overlap as they would in real time. The
 * first thread to use the clock takes part without registering.
 */
final class VirtualClock implements Clock {

	private final PriorityQueue<Turn> waiting = new PriorityQueue<>(
			Comparator.comparingLong(Turn::at).thenComparingLong(Turn::order));

	private long now;

	private long order;

	/** The thread whose turn it is; null when none takes part any more. */
	private Thread running;

	@Override
	public synchronized long nowMillis() {
		return this.now;
	}

	@Override
	public synchronized void sleepUntil(long millis) throws InterruptedException {
		claimIfFree();
		Thread me = Thread.currentThread();
		this.waiting.add(new Turn(Math.max(millis, this.now), this.order++, me));
		handOver();
		while (this.running != me) {
			wait();
		}
	}

	@Override
	public synchronized void register(Thread participant) {
		claimIfFree();
		this.waiting.add(new Turn(this.now, this.order++, participant));
	}

	@Override
	public synchronized void enter() throws InterruptedException {
		while (this.running != Thread.currentThread()) {
			wait();
		}
	}

	@Override
	public synchronized void leave() {
		if (this.running == Thread.currentThread()) {
			handOver();
		}
	}

	private void claimIfFree() {
		if (this.running == null) {
			this.running = Thread.currentThread();
		}
		else if (this.running != Thread.currentThread()) {
			throw new IllegalStateException(Thread.currentThread() + " is not taking its turn");
		}
	}

	private void handOver() {
		Turn next = this.waiting.poll();
		this.running = (next != null) ? next.thread() : null;
		if (next != null) {
			this.now = Math.max(this.now, next.at());
		}
		notifyAll();
	}

	private record Turn(long at, long order, Thread thread) {

	}

}
