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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.task.SimpleAsyncTaskExecutorBuilder;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.Ordered;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Runs the warm-up tasks. Spring Boot calls application runners after the web servers
 * have started and before it publishes {@link ReadinessState#ACCEPTING_TRAFFIC}, so
 * readiness refuses traffic for exactly as long as this runner works. It runs last among
 * the runners, stage by stage (see {@link WarmupTask}), and stops waiting after
 * {@code steadypod.warmup.max-duration}: what is still running is interrupted.
 * <p>
 * An overrun never leaves a pod "ready but not alive": with {@code fail-on-error=false}
 * the application becomes ready and is reported {@code overBudget}; with
 * {@code fail-on-error=true} readiness never opens, liveness goes DOWN and start-up
 * fails.
 */
class WarmupRunner implements ApplicationRunner, Ordered {

	private static final Log logger = LogFactory.getLog(WarmupRunner.class);

	private final List<ScheduledWarmupTask> tasks;

	private final StartupProgress progress;

	private final WarmupProperties properties;

	private final ApplicationEventPublisher publisher;

	WarmupRunner(List<ScheduledWarmupTask> tasks, StartupProgress progress, WarmupProperties properties,
			ApplicationEventPublisher publisher) {
		this.tasks = List.copyOf(tasks);
		this.progress = progress;
		this.properties = properties;
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
		this.progress.warmupStarted();
		Duration budget = this.properties.getMaxDuration();
		logger.info("Warming up: " + this.tasks.size() + " task(s), budget " + budget);
		long budgetEnd = System.nanoTime() + budget.toNanos();
		boolean overBudget = false;
		try (SimpleAsyncTaskExecutor executor = executor()) {
			for (List<ScheduledWarmupTask> stage : stages()) {
				for (WarmupTaskOutcome outcome : runStage(stage, executor, budgetEnd)) {
					overBudget |= outcome.status() == WarmupTaskOutcome.Status.TIMED_OUT
							&& System.nanoTime() - budgetEnd >= 0;
					report(outcome);
					this.progress.taskFinished(outcome);
				}
			}
		}
		List<WarmupTaskOutcome> failed = this.progress.outcomes().stream().filter((o) -> !o.succeeded()).toList();
		if (overBudget) {
			finish("Warm-up did not finish within steadypod.warmup.max-duration (" + budget + ")", true);
		}
		else if (!failed.isEmpty()) {
			finish("Warm-up task(s) did not succeed: " + failed.stream().map(WarmupTaskOutcome::name).toList(), false);
		}
		else {
			this.progress.warm(false);
			logger.info("Warm-up finished in " + this.progress.elapsed());
		}
	}

	private void finish(String problem, boolean overBudget) {
		if (this.properties.isFailOnError()) {
			String message = problem + " (steadypod.warmup.fail-on-error=true)";
			this.progress.failed(message, overBudget);
			// The pod never served: liveness DOWN, readiness stays closed, start-up
			// fails.
			AvailabilityChangeEvent.publish(this.publisher, this, LivenessState.BROKEN);
			throw new IllegalStateException(message);
		}
		this.progress.warm(overBudget);
		logger.warn(problem + "; the application serves anyway (steadypod.warmup.fail-on-error=false)"
				+ (overBudget ? " and reports overBudget in /actuator/warmup, the warmup health details and "
						+ "steadypod_warmup_over_budget" : ""));
	}

	private List<List<ScheduledWarmupTask>> stages() {
		Map<Integer, List<ScheduledWarmupTask>> stages = new LinkedHashMap<>();
		for (ScheduledWarmupTask task : this.tasks) {
			stages.computeIfAbsent(task.order(), (order) -> new ArrayList<>()).add(task);
		}
		return List.copyOf(stages.values());
	}

	private List<WarmupTaskOutcome> runStage(List<ScheduledWarmupTask> stage, SimpleAsyncTaskExecutor executor,
			long budgetEnd) {
		long start = System.nanoTime();
		if (start - budgetEnd >= 0) {
			return stage.stream()
				.map((task) -> new WarmupTaskOutcome(task.name(), WarmupTaskOutcome.Status.TIMED_OUT, Duration.ZERO,
						"not started: the warm-up budget was used up by earlier stages"))
				.toList();
		}
		List<Future<Long>> futures = new ArrayList<>();
		for (ScheduledWarmupTask task : stage) {
			futures.add(executor.submit(() -> timed(task.task())));
		}
		List<WarmupTaskOutcome> outcomes = new ArrayList<>();
		for (int i = 0; i < stage.size(); i++) {
			outcomes.add(await(stage.get(i), futures.get(i), start, budgetEnd));
		}
		return outcomes;
	}

	private WarmupTaskOutcome await(ScheduledWarmupTask task, Future<Long> future, long start, long budgetEnd) {
		long deadline = budgetEnd;
		Duration timeout = task.task().timeout().orElse(null);
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
			return timedOut(task, start, "still running after " + limit);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			return new WarmupTaskOutcome(task.name(), WarmupTaskOutcome.Status.FAILED,
					Duration.ofNanos(System.nanoTime() - start),
					cause.getClass().getSimpleName() + ": " + cause.getMessage());
		}
		catch (CancellationException ex) {
			return timedOut(task, start, "cancelled");
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.cancel(true);
			return timedOut(task, start, "start-up thread interrupted");
		}
	}

	private static WarmupTaskOutcome timedOut(ScheduledWarmupTask task, long start, String error) {
		return new WarmupTaskOutcome(task.name(), WarmupTaskOutcome.Status.TIMED_OUT,
				Duration.ofNanos(System.nanoTime() - start), error);
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

	private static SimpleAsyncTaskExecutor executor() {
		return new SimpleAsyncTaskExecutorBuilder().threadNamePrefix("steadypod-warmup-")
			// Daemon threads: a task that ignores interruption must not keep the JVM
			// alive.
			.customizers((executor) -> executor.setDaemon(true))
			.build();
	}

}
