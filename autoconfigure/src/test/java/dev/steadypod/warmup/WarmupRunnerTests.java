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
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.tuple;

class WarmupRunnerTests {

	@Test
	void tasksOfTheSameOrderRunInParallelAndTheApplicationBecomesWarm() {
		// Three tasks that each wait for the other two: only parallel runs finish.
		CountDownLatch allRunning = new CountDownLatch(3);
		WarmupTask meet = () -> {
			allRunning.countDown();
			if (!allRunning.await(20, TimeUnit.SECONDS)) {
				throw new IllegalStateException("not run in parallel");
			}
		};
		StartupProgress progress = new StartupProgress(Duration.ofSeconds(30));
		run(progress, new WarmupProperties(), scheduled("a", meet), scheduled("b", meet), scheduled("c", meet));
		assertThat(progress.phase()).isEqualTo(WarmupPhase.WARM);
		assertThat(progress.isOverBudget()).isFalse();
		assertThat(progress.outcomes()).extracting(WarmupTaskOutcome::status)
			.containsOnly(WarmupTaskOutcome.Status.SUCCEEDED);
		assertThat(progress.milestone(StartupMilestone.WARM)).isPositive();
	}

	@Test
	void stagesRunInAscendingOrderOneAfterTheOther() {
		List<String> events = Collections.synchronizedList(new ArrayList<>());
		WarmupTask first = () -> {
			events.add("first:start");
			Thread.sleep(300);
			events.add("first:end");
		};
		WarmupTask second = () -> events.add("second");
		StartupProgress progress = new StartupProgress(Duration.ofSeconds(30));
		run(progress, new WarmupProperties(), new ScheduledWarmupTask("second", 10, second),
				new ScheduledWarmupTask("first", 1, first));
		assertThat(events).containsExactly("first:start", "first:end", "second");
	}

	@Test
	void orderComesFromOrderedOrTheBeanMethodsOrderAndTheNameFromTheBeanName() {
		try (AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext()) {
			context.register(OrderedTasks.class);
			context.registerBean("orderedTask", WarmupTask.class, OrderedTask::new);
			context.refresh();
			assertThat(ScheduledWarmupTask.collect(context.getBeanFactory()))
				.extracting(ScheduledWarmupTask::name, ScheduledWarmupTask::order)
				.containsExactly(tuple("named-by-itself", -5), tuple("cacheLoad", 1),
						tuple("poolPrimer", Ordered.LOWEST_PRECEDENCE));
		}
	}

	@Test
	void failingAndTimedOutTasksAreReportedAndStartupContinuesByDefault() {
		StartupProgress progress = new StartupProgress(Duration.ofSeconds(10));
		WarmupTask failing = () -> {
			throw new IllegalStateException("cache server refused");
		};
		run(progress, new WarmupProperties(), scheduled("failing", failing),
				scheduled("slow", sleeping(5000, Duration.ofMillis(200))));
		assertThat(progress.phase()).isEqualTo(WarmupPhase.WARM);
		assertThat(progress.isOverBudget()).isFalse();
		assertThat(progress.outcomes()).anySatisfy((o) -> {
			assertThat(o.name()).isEqualTo("failing");
			assertThat(o.status()).isEqualTo(WarmupTaskOutcome.Status.FAILED);
			assertThat(o.error()).isEqualTo("IllegalStateException: cache server refused");
		});
		assertThat(progress.outcomes()).anySatisfy((o) -> {
			assertThat(o.name()).isEqualTo("slow");
			assertThat(o.status()).isEqualTo(WarmupTaskOutcome.Status.TIMED_OUT);
			assertThat(o.error()).isEqualTo("still running after its timeout PT0.2S");
		});
	}

	@Test
	void failOnErrorFailsStartupWithTheTasksThatDidNotSucceed() {
		WarmupProperties properties = new WarmupProperties();
		properties.setFailOnError(true);
		StartupProgress progress = new StartupProgress(Duration.ofSeconds(10));
		assertThatIllegalStateException()
			.isThrownBy(() -> run(progress, properties, scheduled("slow", sleeping(5000, Duration.ofMillis(100)))))
			.withMessageContaining("[slow]");
		assertThat(progress.phase()).isEqualTo(WarmupPhase.FAILED);
		assertThat(progress.isOverBudget()).isFalse();
	}

	@Test
	void overrunWithoutFailOnErrorMakesTheApplicationWarmAndOverBudget() {
		WarmupProperties properties = new WarmupProperties();
		properties.setMaxDuration(Duration.ofMillis(300));
		StartupProgress progress = new StartupProgress(properties.getMaxDuration());
		run(progress, properties, new ScheduledWarmupTask("hangs", 0, sleeping(10_000, null)),
				scheduled("later", () -> {
				}));
		assertThat(progress.phase()).isEqualTo(WarmupPhase.WARM);
		assertThat(progress.isOverBudget()).isTrue();
		assertThat(progress.outcomes()).extracting(WarmupTaskOutcome::error)
			.containsExactly("still running after the warm-up budget PT0.3S",
					"not started: the warm-up budget was used up by earlier stages");
	}

	@Test
	void overrunWithFailOnErrorBreaksLivenessAndNeverOpensReadiness() {
		WarmupProperties properties = new WarmupProperties();
		properties.setMaxDuration(Duration.ofMillis(300));
		properties.setFailOnError(true);
		StartupProgress progress = new StartupProgress(properties.getMaxDuration());
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(ApplicationAvailabilityBean.class);
			context.refresh();
			WarmupRunner runner = new WarmupRunner(List.of(scheduled("hangs", sleeping(10_000, null))), progress,
					properties, context);
			assertThatIllegalStateException().isThrownBy(() -> runner.run(new DefaultApplicationArguments()))
				.withMessage("Warm-up did not finish within steadypod.warmup.max-duration (PT0.3S) "
						+ "(steadypod.warmup.fail-on-error=true)");
			ApplicationAvailabilityBean availability = context.getBean(ApplicationAvailabilityBean.class);
			assertThat(availability.getLivenessState()).isEqualTo(LivenessState.BROKEN);
			assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		}
		assertThat(progress.phase()).isEqualTo(WarmupPhase.FAILED);
		assertThat(progress.isOverBudget()).isTrue();
	}

	@Test
	void readinessRefusesTrafficWhileTasksRun() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(ApplicationAvailabilityBean.class);
			context.refresh();
			ApplicationAvailabilityBean availability = context.getBean(ApplicationAvailabilityBean.class);
			ReadinessState[] seen = new ReadinessState[1];
			WarmupTask observe = () -> seen[0] = availability.getReadinessState();
			new WarmupRunner(List.of(scheduled("observe", observe)), new StartupProgress(Duration.ofSeconds(5)),
					new WarmupProperties(), context)
				.run(new DefaultApplicationArguments());
			assertThat(seen[0]).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		}
	}

	private static void run(StartupProgress progress, WarmupProperties properties, ScheduledWarmupTask... tasks) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			List<ScheduledWarmupTask> sorted = new ArrayList<>(List.of(tasks));
			sorted.sort(Comparator.comparingInt(ScheduledWarmupTask::order));
			new WarmupRunner(sorted, progress, properties, context).run(new DefaultApplicationArguments());
		}
	}

	private static ScheduledWarmupTask scheduled(String name, WarmupTask task) {
		return new ScheduledWarmupTask(name, Ordered.LOWEST_PRECEDENCE, task);
	}

	private static WarmupTask sleeping(long millis, Duration timeout) {
		return new WarmupTask() {
			@Override
			public void run() throws InterruptedException {
				Thread.sleep(millis);
			}

			@Override
			public Optional<Duration> timeout() {
				return Optional.ofNullable(timeout);
			}
		};
	}

	@Configuration(proxyBeanMethods = false)
	static class OrderedTasks {

		@Bean
		@Order(1)
		WarmupTask cacheLoad() {
			return () -> {
			};
		}

		@Bean
		WarmupTask poolPrimer() {
			return () -> {
			};
		}

	}

	static class OrderedTask implements WarmupTask, Ordered {

		@Override
		public void run() {
		}

		@Override
		public String name() {
			return "named-by-itself";
		}

		@Override
		public int getOrder() {
			return -5;
		}

	}

}
