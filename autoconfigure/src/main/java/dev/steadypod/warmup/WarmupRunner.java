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

package dev.steadypod.warmup;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;

/**
 * Runs the warm-up tasks. Spring Boot calls application runners after the web servers
 * have started and before it publishes {@link ReadinessState#ACCEPTING_TRAFFIC}, so
 * readiness refuses traffic for exactly as long as this runner works. It runs last among
 * the runners and waits at most {@code steadypod.warmup.max-duration}: tasks run in
 * parallel on daemon threads, each within its own timeout, and whatever is still running
 * when the budget ends is interrupted.
 */
public class WarmupRunner implements ApplicationRunner, Ordered {

	private static final Log logger = LogFactory.getLog(WarmupRunner.class);

	private final List<WarmupTask> tasks;

	private final WarmupTracker tracker;

	private final WarmupProperties properties;

	private final StartupTimeline timeline;

	private final ApplicationEventPublisher publisher;

	public WarmupRunner(List<WarmupTask> tasks, WarmupTracker tracker, WarmupProperties properties,
			StartupTimeline timeline, ApplicationEventPublisher publisher) {
		this.tasks = List.copyOf(tasks);
		this.tracker = tracker;
		this.properties = properties;
		this.timeline = timeline;
		this.publisher = publisher;
	}

	@Override
	public int getOrder() {
		// Last: warm-up is the final step before the application declares itself ready.
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void run(ApplicationArguments args) {
		// Explicit, so the readiness probe says "not yet" even if something published a
		// state before.
		AvailabilityChangeEvent.publish(this.publisher, this, ReadinessState.REFUSING_TRAFFIC);
		this.tracker.warmupStarted();
		logger.info("Warming up: " + this.tasks.size() + " task(s), budget " + this.properties.getMaxDuration());
		long budgetEnd = System.nanoTime() + this.properties.getMaxDuration().toNanos();
		ExecutorService executor = Executors.newFixedThreadPool(Math.max(1, this.tasks.size()), daemonThreads());
		try {
			List<Future<Long>> futures = new ArrayList<>();
			long start = System.nanoTime();
			for (WarmupTask task : this.tasks) {
				futures.add(executor.submit(() -> timed(task)));
			}
			boolean budgetExhausted = false;
			for (int i = 0; i < this.tasks.size(); i++) {
				WarmupTaskOutcome outcome = await(this.tasks.get(i), futures.get(i), start, budgetEnd);
				budgetExhausted |= outcome.status() == WarmupTaskOutcome.Status.TIMED_OUT
						&& System.nanoTime() - budgetEnd >= 0;
				report(outcome);
				this.tracker.taskFinished(outcome);
			}
			if (budgetExhausted) {
				this.tracker.budgetExhausted();
				String message = "Warm-up did not finish within steadypod.warmup.max-duration ("
						+ this.properties.getMaxDuration() + ")";
				logger.error(message + "; liveness now reports DOWN so the pod is restarted");
				failIfConfigured(message);
				return;
			}
		}
		finally {
			executor.shutdownNow();
		}
		this.tracker.warm();
		this.timeline.record(StartupTimeline.WARM);
		logger.info("Warm-up finished in " + this.tracker.warmupDuration());
		List<WarmupTaskOutcome> failed = this.tracker.outcomes().stream().filter((o) -> !o.succeeded()).toList();
		if (!failed.isEmpty()) {
			failIfConfigured("Warm-up task(s) did not succeed: " + failed);
		}
	}

	private WarmupTaskOutcome await(WarmupTask task, Future<Long> future, long start, long budgetEnd) {
		long deadline = budgetEnd;
		Duration timeout = task.timeout().orElse(null);
		if (timeout != null && start + timeout.toNanos() - budgetEnd < 0) {
			deadline = start + timeout.toNanos();
		}
		try {
			long took = future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			return new WarmupTaskOutcome(task.name(), WarmupTaskOutcome.Status.SUCCEEDED, Duration.ofNanos(took), null);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			String limit = (deadline == budgetEnd) ? "the warm-up budget " + this.properties.getMaxDuration()
					: "its timeout " + timeout;
			return new WarmupTaskOutcome(task.name(), WarmupTaskOutcome.Status.TIMED_OUT,
					Duration.ofNanos(System.nanoTime() - start), "still running after " + limit);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new WarmupTaskOutcome(task.name(), WarmupTaskOutcome.Status.FAILED,
					Duration.ofNanos(System.nanoTime() - start),
					cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		catch (CancellationException ex) {
			return new WarmupTaskOutcome(task.name(), WarmupTaskOutcome.Status.TIMED_OUT,
					Duration.ofNanos(System.nanoTime() - start), "cancelled");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			return new WarmupTaskOutcome(task.name(), WarmupTaskOutcome.Status.TIMED_OUT,
					Duration.ofNanos(System.nanoTime() - start), "start-up thread interrupted");
		}
	}

	private static long timed(WarmupTask task) throws Exception {
		long start = System.nanoTime();
		task.run();
		return System.nanoTime() - start;
	}

	private void report(WarmupTaskOutcome outcome) {
		if (outcome.succeeded()) {
			logger.info("Warm-up task '" + outcome.name() + "' took " + outcome.duration());
		}
		else {
			logger.warn("Warm-up task '" + outcome.name() + "' " + outcome.status() + " after " + outcome.duration()
					+ ": " + outcome.error());
		}
	}

	private void failIfConfigured(String message) {
		if (this.properties.isFailOnError()) {
			throw new IllegalStateException(message + " (steadypod.warmup.fail-on-error=true)");
		}
	}

	private static java.util.concurrent.ThreadFactory daemonThreads() {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			// Daemon threads: a task that ignores interruption must not keep the JVM
			// alive.
			Thread thread = new Thread(runnable, "steadypod-warmup-" + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
