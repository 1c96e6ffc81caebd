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

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * What the load generator sees: requests sent and not yet answered, and how long the
 * answered ones took from sending to their response. The server's own latency starts when
 * a request thread picks the request up, so it misses the wait in front of a full thread
 * pool; this view does not.
 * <p>
 * Requests are answered on the HTTP client's threads while the recorder reads once a
 * second on its own: the answered count and latency sum are swapped out together, so each
 * answer lands in exactly one read.
 */
final class ClientView {

	private final AtomicInteger outstanding = new AtomicInteger();

	private final AtomicReference<Window> answered = new AtomicReference<>(Window.NONE);

	/** Counts a request about to be sent; returns the time it is sent at. */
	long sending() {
		this.outstanding.incrementAndGet();
		return System.nanoTime();
	}

	/**
	 * Counts an answer (a response, an error or a timeout) to a request sent at
	 * {@code sentNanos}.
	 */
	void answered(long sentNanos) {
		long nanos = System.nanoTime() - sentNanos;
		this.answered.accumulateAndGet(new Window(1, nanos), Window::plus);
		this.outstanding.decrementAndGet();
	}

	int outstanding() {
		return this.outstanding.get();
	}

	/** The requests answered since the last call; starts a new window. */
	Window take() {
		return this.answered.getAndSet(Window.NONE);
	}

	/**
	 * Requests answered in a window.
	 *
	 * @param count how many
	 * @param nanos their latencies summed
	 */
	record Window(long count, long nanos) {

		static final Window NONE = new Window(0, 0);

		Window plus(Window other) {
			return new Window(this.count + other.count, this.nanos + other.nanos);
		}

		/** Milliseconds, or NaN when none was answered. */
		double meanMillis() {
			return (this.count > 0) ? this.nanos / 1e6 / this.count : Double.NaN;
		}

	}

}
