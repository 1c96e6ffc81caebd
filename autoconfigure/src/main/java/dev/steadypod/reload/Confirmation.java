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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A route's answer to whether a candidate is the content it checked, given while the
 * worker validates the candidate. The worker waits for it before anything takes effect;
 * no answer in time counts as no.
 */
final class Confirmation {

	/** Longer than one request of the route's client with its retries. */
	static final Duration TIMEOUT = Duration.ofSeconds(60);

	/** Already given: the candidate was confirmed before it was submitted. */
	static final Confirmation GIVEN = new Confirmation(true);

	private final CompletableFuture<Boolean> answer = new CompletableFuture<>();

	/** How long the worker waited for the answer, once it has it. */
	private volatile Duration waited = Duration.ZERO;

	Confirmation() {
	}

	private Confirmation(boolean answer) {
		this.answer.complete(answer);
	}

	void give(boolean confirmed) {
		this.answer.complete(confirmed);
	}

	/**
	 * Waits for the answer.
	 * @return whether the candidate was confirmed
	 */
	boolean await() {
		if (this.answer.isDone()) {
			return this.answer.join();
		}
		long start = System.nanoTime();
		try {
			return this.answer.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
		finally {
			this.waited = Duration.ofNanos(System.nanoTime() - start);
		}
	}

	/** How long {@link #await()} waited for a pending answer (zero if it was given). */
	Duration waited() {
		return this.waited;
	}

}
