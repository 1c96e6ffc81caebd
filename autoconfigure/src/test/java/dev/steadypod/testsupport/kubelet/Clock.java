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
 */
public interface Clock {

	long nowMillis();

	void sleepUntil(long millis) throws InterruptedException;

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
