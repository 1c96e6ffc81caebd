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

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The load generator's view: outstanding requests and their latency, window by window.
 */
class ClientViewTests {

	@Test
	void aWindowWithoutAnswersHasNoMeanLatency() {
		ClientView view = new ClientView();
		view.sending();
		assertThat(view.outstanding()).isEqualTo(1);
		assertThat(view.take().meanMillis()).isNaN();
	}

	@Test
	void anAnswerCountsFromItsSendingAndLandsInTheNextWindowOnly() {
		ClientView view = new ClientView();
		long sent = view.sending();
		// Sent 80 ms before now, as far as the view can tell.
		view.answered(sent - TimeUnit.MILLISECONDS.toNanos(80));
		assertThat(view.outstanding()).isZero();
		ClientView.Window window = view.take();
		assertThat(window.count()).isEqualTo(1);
		assertThat(window.meanMillis()).isGreaterThanOrEqualTo(80);
		assertThat(view.take().count()).isZero();
	}

	@Test
	void answersFromManyThreadsEachLandInExactlyOneWindow() throws Exception {
		ClientView view = new ClientView();
		int threads = 4;
		int answersPerThread = 20_000;
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		CountDownLatch go = new CountDownLatch(1);
		List<Future<?>> answering = new ArrayList<>();
		try {
			for (int t = 0; t < threads; t++) {
				answering.add(pool.submit(() -> {
					go.await();
					for (int i = 0; i < answersPerThread; i++) {
						view.answered(view.sending());
					}
					return null;
				}));
			}
			go.countDown();
			long counted = 0;
			// The recorder's side: take windows while answers keep coming.
			while (!answering.stream().allMatch(Future::isDone)) {
				counted += view.take().count();
			}
			for (Future<?> done : answering) {
				done.get();
			}
			counted += view.take().count();
			assertThat(counted).isEqualTo((long) threads * answersPerThread);
			assertThat(view.outstanding()).isZero();
		}
		finally {
			pool.shutdownNow();
		}
	}

}
