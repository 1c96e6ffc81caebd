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

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Scenario 5: what the starter costs. The same jar with {@code steadypod.enabled=false}
 * and with the defaults (the demo's opt-in HTTP self-warm-up off): time from launch to
 * ready, heap after start (after a full GC), CPU used in 60 s idle (the watcher's cost),
 * and the size and response time of {@code /actuator/prometheus}.
 */
final class StarterCostScenario implements Scenario {

	static final int STARTS = 8;

	static final Duration IDLE = Duration.ofSeconds(60);

	static final int SCRAPES = 100;

	/**
	 * The demo opts in to the HTTP self-warm-up, which holds readiness back on purpose
	 * while it calls /greeting; that is the app's chosen warm-up work (its payoff is
	 * scenario 6), not the starter's cost.
	 */
	static final String WITHOUT_SELF_WARMUP = "--steadypod.warmup.http.paths=";

	@Override
	public String id() {
		return "cost";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		Samples startOn = new Samples();
		Samples startOff = new Samples();
		Samples pairRatios = new Samples();
		// Start-up time on a shared machine swings by seconds from one start to the next.
		// Starts come in
		// adjacent pairs, in alternating order, and the goal is judged on the median of
		// the per-pair ratios,
		// which cancels drift that hits both members of a pair.
		for (int i = 1; i <= STARTS; i++) {
			long off;
			long on;
			if (i % 2 == 1) {
				off = timeToReady(context, "cost-off-" + i, "--steadypod.enabled=false");
				on = timeToReady(context, "cost-on-" + i, WITHOUT_SELF_WARMUP);
			}
			else {
				on = timeToReady(context, "cost-on-" + i, WITHOUT_SELF_WARMUP);
				off = timeToReady(context, "cost-off-" + i, "--steadypod.enabled=false");
			}
			startOff.addNanos(off);
			startOn.addNanos(on);
			pairRatios.add((double) on / off);
		}
		String scenario = "5. Starter cost (" + STARTS + " start pairs; " + IDLE.toSeconds() + " s idle)";
		double overhead = pairRatios.median();
		report.add(new Report.Row(scenario, "median start-up to ready, enabled", Samples.ms(startOn.median()),
				"steadypod.enabled=false", Samples.ms(startOff.median()), overhead,
				"(median of paired ratios enabled / disabled)"));
		report.add(new Report.Row(scenario, "fastest start-up to ready, enabled", Samples.ms(startOn.min()),
				"steadypod.enabled=false", Samples.ms(startOff.min()), startOn.min() / startOff.min(),
				"(enabled / disabled)"));
		try (DemoProcess on = context.start("cost-idle-on", false, WITHOUT_SELF_WARMUP);
				DemoProcess off = context.start("cost-idle-off", false, "--steadypod.enabled=false")) {
			on.awaitReady();
			off.awaitReady();
			double heapOn = heapAfterGc(on);
			double heapOff = heapAfterGc(off);
			report.add(new Report.Row(scenario, "heap used after start and full GC, enabled",
					String.format(Locale.ROOT, "%.1f MiB", heapOn), "steadypod.enabled=false",
					String.format(Locale.ROOT, "%.1f MiB", heapOff), heapOn / heapOff, "(enabled / disabled)"));
			Duration cpuOn0 = on.cpuTime();
			Duration cpuOff0 = off.cpuTime();
			DemoProcess.pause(IDLE.toMillis());
			double cpuOn = (on.cpuTime().toNanos() - cpuOn0.toNanos()) / 1e6;
			double cpuOff = (off.cpuTime().toNanos() - cpuOff0.toNanos()) / 1e6;
			report.add(new Report.Row(scenario, "process CPU in " + IDLE.toSeconds() + " s idle, enabled",
					Samples.ms(cpuOn), "steadypod.enabled=false", Samples.ms(cpuOff), Double.NaN, ""));
			Samples scrapeOn = new Samples();
			Samples scrapeOff = new Samples();
			long sizeOn = scrape(on, scrapeOn);
			long sizeOff = scrape(off, scrapeOff);
			report.add(new Report.Row(scenario, "/actuator/prometheus median response, enabled",
					Samples.ms(scrapeOn.median()) + ", " + sizeOn + " bytes", "steadypod.enabled=false",
					Samples.ms(scrapeOff.median()) + ", " + sizeOff + " bytes", scrapeOn.median() / scrapeOff.median(),
					"(enabled / disabled)"));
		}
		report.goal("starter start-up overhead < 5%", String.format(Locale.ROOT, "%+.1f%%", (overhead - 1) * 100),
				overhead < 1.05);
	}

	private static long timeToReady(BenchContext context, String name, String... args) {
		try (DemoProcess demo = context.start(name, false, args)) {
			return demo.awaitReady().toNanos();
		}
	}

	private static double heapAfterGc(DemoProcess demo) throws Exception {
		Process jcmd = new ProcessBuilder(
				java.nio.file.Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
				Long.toString(demo.pid()), "GC.run")
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD)
			.start();
		if (!jcmd.waitFor(30, TimeUnit.SECONDS) || jcmd.exitValue() != 0) {
			throw new IllegalStateException("jcmd GC.run failed for pid " + demo.pid());
		}
		String body = Http.get(demo.managementPort(), "/actuator/prometheus", Duration.ofSeconds(10)).body();
		double bytes = 0;
		for (String line : body.split("\n")) {
			if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
				bytes += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
			}
		}
		return bytes / 1024 / 1024;
	}

	private static long scrape(DemoProcess demo, Samples samples) throws Exception {
		long size = 0;
		for (int i = 0; i < SCRAPES; i++) {
			long start = System.nanoTime();
			HttpResponse<String> response = Http.get(demo.managementPort(), "/actuator/prometheus",
					Duration.ofSeconds(10));
			samples.addNanos(System.nanoTime() - start);
			size = response.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
		}
		return size;
	}

}
