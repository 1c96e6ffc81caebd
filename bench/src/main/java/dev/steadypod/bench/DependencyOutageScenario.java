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

package dev.steadypod.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.steadypod.testsupport.kubelet.Clock;
import dev.steadypod.testsupport.kubelet.Kubelet;

/**
 * A fleet of demo pods whose shared dependency goes down for a while, driven through the
 * kubelet probe emulator: the source's design (the dependency check in liveness and
 * readiness) against the Steadypod chart with the dependency in the readiness group only.
 * Pods start one every {@code stagger} seconds; the outage begins once the last has had
 * time to start and warm up, and the run watches the fleet until some time after it.
 */
final class DependencyOutageScenario implements Scenario {

	static final int PODS = Integer.getInteger("bench.outage.pods", 20);

	static final int STAGGER_SECONDS = Integer.getInteger("bench.outage.stagger-seconds", 3);

	static final Duration OUTAGE = Duration.ofSeconds(Integer.getInteger("bench.outage.seconds", 60));

	/** Watched after the outage began. */
	static final Duration AFTER = Duration.ofSeconds(Integer.getInteger("bench.outage.watch-seconds", 240));

	static final List<String> SETUPS = ProbeRestartScenario
		.split(System.getProperty("bench.outage.setups", "source-design,chart"));

	static final int MIN_WARMUP_SECONDS = 5;

	static final int MAX_WARMUP_SECONDS = 30;

	/** Room for the last pod's start-up and warm-up before the outage. */
	static final Duration SETTLE = Duration.ofSeconds(MAX_WARMUP_SECONDS + 40);

	@Override
	public String id() {
		return "outage";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		StringBuilder table = new StringBuilder();
		table.append(
				"| setup | probes (delay/period/timeout/failures) | restarts (pods) | pods ready when the outage began")
			.append(" | out of traffic per pod, median / worst | pod-seconds out of traffic")
			.append(" | every pod ready again, after the outage ended |\n| --- | --- | --- | --- | --- | --- | --- |\n");
		for (String id : SETUPS) {
			ProbeSetup setup = setup(id);
			Fleet fleet = runFleet(context, setup);
			table.append(fleet.row(setup));
			System.out.println("[bench] outage " + setup.label() + ": " + fleet.row(setup).trim());
			report.add(new Report.Row(id(), setup.label() + ": restarts during a " + OUTAGE.toSeconds() + " s outage",
					String.valueOf(fleet.restarts()), "-", "-", Double.NaN, "-"));
		}
		String header = String.format(Locale.ROOT,
				"%d pods per setup, one started every %d s, warm-up %d-%d s (seed 17), no user traffic; the dependency "
						+ "down for %d s from %d s after the last start; watched %d s from the outage's start.%n%n",
				PODS, STAGGER_SECONDS, MIN_WARMUP_SECONDS, MAX_WARMUP_SECONDS, OUTAGE.toSeconds(), SETTLE.toSeconds(),
				AFTER.toSeconds());
		Path out = context.logDir().getParent().resolve("outage-" + String.join("-", SETUPS) + ".md");
		Files.writeString(out, header + table);
		System.out.println("[bench] table written to " + out);
	}

	private static ProbeSetup setup(String id) throws Exception {
		if (id.equals("chart")) {
			return ProbeSetup
				.chart(ProbeSetup.chartValues(),
						List.of("--management.endpoint.health.group.readiness.include=readinessState,dependency"))
				.withArgs("(d) Steadypod chart, dependency in readiness only", List.of());
		}
		return ProbeSetup.of(id, ProbeSetup.chartValues());
	}

	private Fleet runFleet(BenchContext context, ProbeSetup setup) throws Exception {
		Path marker = context.work("outage-" + setup.id()).resolve("dependency-down");
		Files.createDirectories(marker.getParent());
		Files.deleteIfExists(marker);
		long origin = Clock.SYSTEM.nowMillis();
		long outageAt = origin + (long) (PODS - 1) * STAGGER_SECONDS * 1000 + SETTLE.toMillis();
		long endAt = outageAt + AFTER.toMillis();
		Random random = new Random(17);
		ExecutorService pool = Executors.newCachedThreadPool();
		List<Future<Pod>> pods = new ArrayList<>();
		for (int i = 0; i < PODS; i++) {
			int index = i;
			int warmup = MIN_WARMUP_SECONDS + random.nextInt(MAX_WARMUP_SECONDS - MIN_WARMUP_SECONDS + 1);
			pods.add(pool.submit(() -> {
				Clock.SYSTEM.sleepUntil(origin + (long) index * STAGGER_SECONDS * 1000);
				DemoPod pod = new DemoPod(context, "outage-" + setup.id() + "-" + index, setup, LoadProfile.of("idle"),
						List.of("--demo.warmup.duration=" + warmup + "s", "--demo.dependency.outage-marker=" + marker));
				long start = Clock.SYSTEM.nowMillis();
				PodTimeline timeline = new PodTimeline(
						new Kubelet(pod, setup.startup(), setup.liveness(), setup.readiness(), Clock.SYSTEM, 1)
							.run(Duration.ofMillis(endAt - start)));
				return new Pod(timeline, Duration.ofMillis(outageAt - start), Duration.ofMillis(endAt - start));
			}));
		}
		Clock.SYSTEM.sleepUntil(outageAt);
		Files.createFile(marker);
		System.out.println("[bench] outage " + setup.id() + ": dependency down");
		Clock.SYSTEM.sleepUntil(outageAt + OUTAGE.toMillis());
		Files.delete(marker);
		System.out.println("[bench] outage " + setup.id() + ": dependency back");
		List<Pod> results = new ArrayList<>();
		for (Future<Pod> pod : pods) {
			results.add(pod.get());
		}
		pool.shutdown();
		return new Fleet(results);
	}

	/** One pod's timeline, with the outage's start and the run's end in its own time. */
	record Pod(PodTimeline timeline, Duration outageAt, Duration endAt) {

	}

	record Fleet(List<Pod> pods) {

		int restarts() {
			return this.pods.stream().mapToInt((p) -> p.timeline().restarts(p.outageAt(), p.endAt())).sum();
		}

		String row(ProbeSetup setup) {
			long restarted = this.pods.stream()
				.filter((p) -> p.timeline().restarts(p.outageAt(), p.endAt()) > 0)
				.count();
			long readyAtOutage = this.pods.stream().filter((p) -> p.timeline().readyAt(p.outageAt())).count();
			Samples out = new Samples();
			long outMillis = 0;
			for (Pod pod : this.pods) {
				Duration notReady = pod.timeline().notReady(pod.outageAt(), pod.endAt());
				out.addNanos(notReady.toNanos());
				outMillis += notReady.toMillis();
			}
			// When the last pod was ready again, counted from the outage's end.
			String allBack = "not within the run";
			long latest = 0;
			boolean all = true;
			for (Pod pod : this.pods) {
				Duration outageEnd = pod.outageAt().plus(OUTAGE);
				Duration back = pod.timeline().readyAgainAfter(outageEnd);
				if (back == null) {
					all = false;
					break;
				}
				latest = Math.max(latest, back.minus(outageEnd).toMillis());
			}
			if (all) {
				allBack = String.format(Locale.ROOT, "%.1f s", latest / 1000.0);
			}
			return String.format(Locale.ROOT, "| %s | %s | %d (%d of %d) | %d of %d | %.1f s / %.1f s | %,d | %s |%n",
					setup.label(), setup.describe(), restarts(), restarted, this.pods.size(), readyAtOutage,
					this.pods.size(), out.median() / 1000, out.max() / 1000, outMillis / 1000, allBack);
		}

	}

}
