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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import dev.steadypod.testsupport.kubelet.Clock;
import dev.steadypod.testsupport.kubelet.Kubelet;

/**
 * Real demo JVMs driven through the kubelet probe emulator, for each probe setup under
 * each load: start-up with a warm-up drawn uniformly from 5 to 90 s, then user traffic
 * while the pod is ready. Every demo pod is healthy by construction, so every restart is
 * a restart of a healthy pod. Pods start one every {@code stagger} seconds, so that at
 * most one JVM starts at a time on a small machine.
 */
final class ProbeRestartScenario implements Scenario {

	static final int PODS = Integer.getInteger("bench.restarts.pods", 5);

	static final int STAGGER_SECONDS = Integer.getInteger("bench.restarts.stagger-seconds", 20);

	static final Duration HORIZON = Duration.ofSeconds(Integer.getInteger("bench.restarts.horizon-seconds", 180));

	static final double BACK_OFF_SCALE = Double.parseDouble(System.getProperty("bench.restarts.backoff-scale", "1"));

	static final List<String> SETUPS = split(
			System.getProperty("bench.restarts.setups", "k8s-defaults,boot-documented,source-design,chart"));

	static final List<String> LOADS = split(System.getProperty("bench.restarts.loads", "70,120,burst"));

	static final int MIN_WARMUP_SECONDS = 5;

	static final int MAX_WARMUP_SECONDS = 90;

	@Override
	public String id() {
		return "restarts";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		List<Cell> cells = new ArrayList<>();
		for (String setupId : SETUPS) {
			ProbeSetup setup = ProbeSetup.of(setupId, ProbeSetup.chartValues());
			// The earlier setup A is reproduced with its own load and slow dependency
			// only.
			List<String> loads = setupId.equals("legacy-a") ? List.of("legacy") : LOADS;
			for (String load : loads) {
				cells.add(new Cell(setup, LoadProfile.of(load)));
			}
		}
		Random random = new Random(13);
		List<PodRun> runs = new ArrayList<>();
		for (int i = 0; i < PODS; i++) {
			// The same warm-up for the i-th pod of each cell, interleaved so that every
			// cell
			// sees the same machine load.
			int warmup = MIN_WARMUP_SECONDS + random.nextInt(MAX_WARMUP_SECONDS - MIN_WARMUP_SECONDS + 1);
			for (Cell cell : cells) {
				runs.add(new PodRun(cell, i, warmup, runs.size() * STAGGER_SECONDS));
			}
		}
		ExecutorService pool = Executors.newCachedThreadPool();
		List<Future<PodResult>> futures = new ArrayList<>();
		for (PodRun run : runs) {
			futures.add(pool.submit(() -> run.execute(context)));
		}
		List<PodResult> results = new ArrayList<>();
		for (Future<PodResult> future : futures) {
			results.add(future.get());
		}
		pool.shutdown();
		StringBuilder table = new StringBuilder();
		table.append("| setup | probes (delay/period/timeout/failures) | load | restarts of healthy pods (pods)")
			.append(" | never ready | first ready, median / worst | out of traffic after first ready, median / worst")
			.append(" | requests answered |\n| --- | --- | --- | --- | --- | --- | --- | --- |\n");
		for (Cell cell : cells) {
			List<PodResult> mine = results.stream().filter((r) -> r.cell() == cell).toList();
			Summary summary = Summary.of(mine);
			table.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s | %s |%n", cell.setup().label(),
					cell.setup().describe(), cell.load().describe(), summary.restarts(), summary.neverReady(),
					summary.firstReady(), summary.outOfTraffic(), summary.answered()));
			System.out.println("[bench] " + cell.setup().label() + " / " + cell.load().label() + ": " + summary);
			mine.forEach((r) -> System.out.println("[bench]   " + r));
			report.add(new Report.Row(id(), cell.setup().label() + ", " + cell.load().label(),
					summary.restarts() + " restarts; never ready " + summary.neverReady(), "-", "-", Double.NaN, "-"));
			if (cell.setup().id().equals("chart")) {
				int restarts = mine.stream().mapToInt(PodResult::restarts).sum();
				report.goal("the chart's probes restart no healthy pod (" + cell.load().label() + ")",
						restarts + " restarts", restarts == 0);
			}
		}
		String header = String.format(Locale.ROOT,
				"%d pods per setup and load, one started every %d s, each watched %d s, warm-up %d-%d s "
						+ "(seed 13), back-off scale %s.%n%n",
				PODS, STAGGER_SECONDS, HORIZON.toSeconds(), MIN_WARMUP_SECONDS, MAX_WARMUP_SECONDS, BACK_OFF_SCALE);
		Path out = context.logDir().getParent().resolve("restarts-" + String.join("-", SETUPS) + ".md");
		Files.writeString(out, header + table);
		System.out.println("[bench] table written to " + out);
	}

	static List<String> split(String list) {
		return Arrays.stream(list.split(",")).map(String::trim).filter((s) -> !s.isEmpty()).toList();
	}

	record Cell(ProbeSetup setup, LoadProfile load) {

	}

	record PodResult(Cell cell, int index, int warmupSeconds, int restarts, Duration firstReady, Duration outOfTraffic,
			List<String> restartReasons, long sent, long answered) {

		@Override
		public String toString() {
			return "pod " + this.index + " warm-up " + this.warmupSeconds + " s: restarts " + this.restarts
					+ this.restartReasons + ", first ready "
					+ ((this.firstReady != null) ? this.firstReady.toMillis() + " ms" : "never")
					+ ", out of traffic after first ready " + this.outOfTraffic.toMillis() + " ms, requests "
					+ this.answered + "/" + this.sent;
		}

	}

	record PodRun(Cell cell, int index, int warmupSeconds, int startAfterSeconds) {

		PodResult execute(BenchContext context) throws InterruptedException {
			Thread.sleep(this.startAfterSeconds * 1000L);
			List<String> args = new ArrayList<>();
			args.add("--demo.warmup.duration=" + this.warmupSeconds + "s");
			if (this.cell.setup().id().equals("legacy-a")) {
				args.add("--demo.dependency.latency-during-warmup=2s");
			}
			String name = "restarts-" + this.cell.setup().id() + "-" + this.cell.load().id() + "-" + this.index;
			DemoPod pod = new DemoPod(context, name, this.cell.setup(), this.cell.load(), args);
			ProbeSetup setup = this.cell.setup();
			PodTimeline timeline = new PodTimeline(
					new Kubelet(pod, setup.startup(), setup.liveness(), setup.readiness(), Clock.SYSTEM, BACK_OFF_SCALE)
						.run(HORIZON));
			Duration firstReady = timeline.firstReady();
			Duration outOfTraffic = (firstReady != null) ? timeline.notReady(firstReady, HORIZON) : Duration.ZERO;
			long[] requests = pod.requests();
			return new PodResult(this.cell, this.index, this.warmupSeconds, timeline.restarts(Duration.ZERO, HORIZON),
					firstReady, outOfTraffic, timeline.restartReasons(), requests[0], requests[1]);
		}

	}

	/** One cell's figures, formatted for the table. */
	record Summary(String restarts, String neverReady, String firstReady, String outOfTraffic, String answered) {

		static Summary of(List<PodResult> results) {
			int restarts = results.stream().mapToInt(PodResult::restarts).sum();
			long restarted = results.stream().filter((r) -> r.restarts() > 0).count();
			long neverReady = results.stream().filter((r) -> r.firstReady() == null).count();
			Samples ready = new Samples();
			Samples out = new Samples();
			results.stream().filter((r) -> r.firstReady() != null).forEach((r) -> {
				ready.addNanos(r.firstReady().toNanos());
				out.addNanos(r.outOfTraffic().toNanos());
			});
			long sent = results.stream().mapToLong(PodResult::sent).sum();
			long answered = results.stream().mapToLong(PodResult::answered).sum();
			return new Summary(restarts + " (" + restarted + " of " + results.size() + ")",
					neverReady + " of " + results.size(),
					(ready.count() > 0) ? seconds(ready.median()) + " / " + seconds(ready.max()) : "-",
					(out.count() > 0) ? seconds(out.median()) + " / " + seconds(out.max()) : "-",
					(sent > 0) ? String.format(Locale.ROOT, "%.1f %% of %,d", 100.0 * answered / sent, sent) : "-");
		}

		private static String seconds(double millis) {
			return String.format(Locale.ROOT, "%.1f s", millis / 1000);
		}

	}

}
