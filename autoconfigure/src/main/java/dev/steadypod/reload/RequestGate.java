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
 * Makes an apply atomic for requests when it can be, without stalling them: every request
 * holds the read side for its whole duration, an apply holds the write side while it
 * swaps the property sources and rebinds the properties beans. The apply waits at most
 * the drain timeout (20ms by default) for in-flight requests; new requests queue behind a
 * waiting apply only that long. If long requests are still running, the swap runs anyway
 * and the outcome says it ran without the guarantee.
 */
public class RequestGate {

	/** Held (read side) by each request; the write side by a swap. */
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
	 * Runs {@code action} while no request is in flight, or, after waiting at most
	 * {@code drainTimeout}, while some are.
	 * @param drainTimeout longest wait for in-flight requests
	 * @param action the swap (no event listeners, no bean creation)
	 * @return whether the action ran with no request in flight, and why not
	 */
	public Result runExclusively(Duration drainTimeout, Runnable action) {
		if (this.lock.getReadHoldCount() > 0) {
			// Called from inside a request (e.g. the endpoint on the application port):
			// cannot wait for itself.
			action.run();
			return new Result(false,
					"applied from inside a request: other requests in flight may have seen" + " the change mid-request",
					Duration.ZERO);
		}
		boolean locked;
		long start = System.nanoTime();
		try {
			locked = this.lock.writeLock().tryLock(drainTimeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			locked = false;
		}
		int inFlight = this.lock.getReadLockCount();
		Duration waited = Duration.ofNanos(System.nanoTime() - start);
		try {
			action.run();
			return locked ? new Result(true, "", waited)
					: new Result(false,
							"applied while " + inFlight + " request(s) ran longer than the " + drainTimeout.toMillis()
									+ "ms drain timeout (steadypod.reload.request-drain-timeout):"
									+ " they may have seen the change mid-request",
							waited);
		}
		finally {
			if (locked) {
				this.lock.writeLock().unlock();
			}
		}
	}

	/**
	 * How a swap ran.
	 *
	 * @param exclusive whether no request was in flight
	 * @param note why not, when not
	 * @param drained how long it waited for in-flight requests
	 */
	public record Result(boolean exclusive, String note, Duration drained) {

	}

}
