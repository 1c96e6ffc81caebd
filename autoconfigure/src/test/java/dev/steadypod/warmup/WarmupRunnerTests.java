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
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.DefaultApplicationArguments;
import org.springframework.boot.availability.ApplicationAvailabilityBean;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WarmupRunnerTests {

	@Test
	void tasksRunInParallelAndTheApplicationBecomesWarm() {
		WarmupTracker tracker = new WarmupTracker(Duration.ofSeconds(10));
		StartupTimeline timeline = new StartupTimeline();
		long start = System.nanoTime();
		run(tracker, timeline, new WarmupProperties(), task("a", 400, null), task("b", 400, null),
				task("c", 400, null));
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1100));
		assertThat(tracker.phase()).isEqualTo(WarmupPhase.WARM);
		assertThat(tracker.outcomes()).extracting(WarmupTaskOutcome::status)
			.containsOnly(WarmupTaskOutcome.Status.SUCCEEDED);
		assertThat(tracker.outcomes())
			.allSatisfy((o) -> assertThat(o.duration()).isGreaterThan(Duration.ofMillis(350)));
		assertThat(timeline.seconds(StartupTimeline.WARM)).isPositive();
	}

	@Test
	void failingAndTimedOutTasksAreReportedAndStartupContinuesByDefault() {
		WarmupTracker tracker = new WarmupTracker(Duration.ofSeconds(10));
		WarmupTask failing = new WarmupTask() {
			@Override
			public String name() {
				return "failing";
			}

			@Override
			public void run() {
				throw new IllegalStateException("cache server refused");
			}
		};
		run(tracker, new StartupTimeline(), new WarmupProperties(), failing,
				task("slow", 5000, Duration.ofMillis(200)));
		assertThat(tracker.phase()).isEqualTo(WarmupPhase.WARM);
		assertThat(tracker.outcomes()).anySatisfy((o) -> {
			assertThat(o.name()).isEqualTo("failing");
			assertThat(o.status()).isEqualTo(WarmupTaskOutcome.Status.FAILED);
			assertThat(o.error()).isEqualTo("IllegalStateException: cache server refused");
		});
		assertThat(tracker.outcomes()).anySatisfy((o) -> {
			assertThat(o.name()).isEqualTo("slow");
			assertThat(o.status()).isEqualTo(WarmupTaskOutcome.Status.TIMED_OUT);
			assertThat(o.error()).isEqualTo("still running after its timeout PT0.2S");
		});
	}

	@Test
	void failOnErrorFailsStartupWithTheTasksThatDidNotSucceed() {
		WarmupProperties properties = new WarmupProperties();
		properties.setFailOnError(true);
		assertThatIllegalStateException()
			.isThrownBy(() -> run(new WarmupTracker(Duration.ofSeconds(10)), new StartupTimeline(), properties,
					task("slow", 5000, Duration.ofMillis(100))))
			.withMessageContaining("slow")
			.withMessageContaining("TIMED_OUT");
	}

	@Test
	void budgetExhaustionLeavesTheApplicationNotWarmAndOverBudget() {
		WarmupProperties properties = new WarmupProperties();
		properties.setMaxDuration(Duration.ofMillis(300));
		WarmupTracker tracker = new WarmupTracker(properties.getMaxDuration());
		run(tracker, new StartupTimeline(), properties, task("hangs", 10_000, null));
		assertThat(tracker.phase()).isEqualTo(WarmupPhase.WARMING_UP);
		assertThat(tracker.isOverBudget()).isTrue();
		assertThat(tracker.outcomes()).singleElement()
			.satisfies((o) -> assertThat(o.error()).isEqualTo("still running after the warm-up budget PT0.3S"));
	}

	@Test
	void readinessRefusesTrafficWhileTasksRun() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.registerBean(ApplicationAvailabilityBean.class);
			context.refresh();
			ApplicationAvailabilityBean availability = context.getBean(ApplicationAvailabilityBean.class);
			ReadinessState[] seen = new ReadinessState[1];
			WarmupTask observe = () -> seen[0] = availability.getReadinessState();
			new WarmupRunner(List.of(observe), new WarmupTracker(Duration.ofSeconds(5)), new WarmupProperties(),
					new StartupTimeline(), context)
				.run(new DefaultApplicationArguments());
			assertThat(seen[0]).isEqualTo(ReadinessState.REFUSING_TRAFFIC);
		}
	}

	private static void run(WarmupTracker tracker, StartupTimeline timeline, WarmupProperties properties,
			WarmupTask... tasks) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.refresh();
			new WarmupRunner(List.of(tasks), tracker, properties, timeline, context)
				.run(new DefaultApplicationArguments());
		}
	}

	private static WarmupTask task(String name, long millis, Duration timeout) {
		return new WarmupTask() {
			@Override
			public String name() {
				return name;
			}

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

}
