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

package dev.steadypod.reload;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Makes an apply atomic for requests: every request holds the read side for its whole
 * duration, an apply holds the write side, so a request sees the configuration before or
 * after a change, never a mix. The write side is only held for the swap itself; loading
 * and validating happen outside it.
 */
public class RequestGate {

	private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

	/** Called by a request before it runs. */
	public void enter() {
		this.lock.readLock().lock();
	}

	/** Called by a request after it ran. */
	public void leave() {
		this.lock.readLock().unlock();
	}

	/**
	 * Runs {@code action} while no request is in flight. Waits at most
	 * {@code drainTimeout} for in-flight requests; after that (a request longer than the
	 * timeout) the action runs anyway rather than stalling every new request behind a
	 * long one.
	 * @param drainTimeout longest wait for in-flight requests
	 * @param action the swap
	 * @return whether the action ran with the gate closed
	 */
	public boolean runExclusively(Duration drainTimeout, Runnable action) {
		if (this.lock.getReadHoldCount() > 0) {
			// Called from inside a request (e.g. the endpoint on the application port):
			// cannot wait for itself.
			action.run();
			return false;
		}
		boolean locked;
		try {
			locked = this.lock.writeLock().tryLock(drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			locked = false;
		}
		try {
			action.run();
			return locked;
		}
		finally {
			if (locked) {
				this.lock.writeLock().unlock();
			}
		}
	}

}
