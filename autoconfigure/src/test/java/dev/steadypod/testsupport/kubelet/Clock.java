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

/**
 * The emulator's clock: real time for real JVMs, virtual time for the emulator's tests.
 * The kubelet runs each probe on its own thread; a virtual clock learns about those
 * threads through {@link #register}, {@link #enter} and {@link #leave} (no-ops in real
 * time) so that it can run them one at a time, in time order.
 */
public interface Clock {

	long nowMillis();

	void sleepUntil(long millis) throws InterruptedException;

	/**
	 * Called by a thread that takes part in timing, before it starts another that will.
	 * @param participant the thread about to start
	 */
	default void register(Thread participant) {
	}

	/**
	 * The first call of a registered thread: it may have to wait for its turn.
	 * @throws InterruptedException if interrupted
	 */
	default void enter() throws InterruptedException {
	}

	/** The last call of a thread that takes part in timing. */
	default void leave() {
	}

	/** Wall-clock time. */
	Clock SYSTEM = new Clock() {

		@Override
		public long nowMillis() {
			return System.nanoTime() / 1_000_000;
		}

		@Override
		public void sleepUntil(long millis) throws InterruptedException {
			long wait = millis - nowMillis();
			if (wait > 0) {
				Thread.sleep(wait);
			}
		}

	};

}
