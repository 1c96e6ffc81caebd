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

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;

/**
 * The one thread that validates and applies changes: confining applies to it serialises
 * them without a lock, so nothing waits on a lock while listeners, setters or
 * refresh-scoped beans run.
 */
final class ApplyWorker {

	private final ScheduledThreadPoolExecutor executor;

	private volatile @Nullable Thread thread;

	ApplyWorker() {
		this.executor = new ScheduledThreadPoolExecutor(1, (runnable) -> {
			Thread created = new Thread(runnable, "steadypod-config-apply");
			created.setDaemon(true);
			this.thread = created;
			return created;
		});
		this.executor.setRemoveOnCancelPolicy(true);
	}

	/** Runs {@code task} on the worker and waits for its result. */
	<T> T call(Callable<T> task) {
		if (isWorkerThread()) {
			// Submitted from inside an apply (a listener): run it now, there is no other
			// thread to wait for.
			try {
				return task.call();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
		}
		return await(submit(task));
	}

	/** Whether the caller runs on the worker, inside an apply. */
	boolean isWorkerThread() {
		return Thread.currentThread() == this.thread;
	}

	/** Queues {@code task}; the caller must not be the worker if it waits for it. */
	<T> Future<T> submit(Callable<T> task) {
		return this.executor.submit(task);
	}

	/** Waits for a task queued with {@link #submit(Callable)}. */
	<T> T await(Future<T> result) {
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while waiting for a configuration change", ex);
		}
		catch (ExecutionException ex) {
			throw (ex.getCause() instanceof RuntimeException runtime) ? runtime
					: new IllegalStateException(ex.getCause());
		}
	}

	ScheduledFuture<?> schedule(Runnable task, long delayMillis) {
		return this.executor.schedule(task, delayMillis, TimeUnit.MILLISECONDS);
	}

	void shutdown() {
		this.executor.shutdownNow();
	}

}
