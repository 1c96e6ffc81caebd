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

import java.time.Duration;

import dev.steadypod.testsupport.KubeletConfigMapVolume;

/**
 * Scenario 1: a kubelet-style ConfigMap swap picked up by Steadypod, against a rolling
 * restart (a fresh JVM of the same jar started with the new file until it serves the new
 * value and is ready).
 */
final class VolumeReloadScenario implements Scenario {

	static final int SWAPS = 50;

	/** Before every update, the first included. */
	static final long PAUSE_MILLIS = 300;

	static final int RESTARTS = 5;

	@Override
	public String id() {
		return "volume";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(context.work("volume").resolve("config"),
				Greetings.configMap("v0"));
		String importArg = "--spring.config.import=optional:file:" + volume.directory() + "/";
		double first = Double.NaN;
		Samples rest = new Samples();
		ReloadPhases phases = new ReloadPhases();
		try (DemoProcess demo = context.start("volume-reload", false, importArg)) {
			demo.awaitReady();
			Greetings.awaitMessage(demo.appPort(), "v0", Duration.ofSeconds(10));
			phases.start(demo.managementPort());
			for (int i = 1; i <= SWAPS; i++) {
				// Before every swap, the first included: the debounce window closes
				// and each is measured on its own, not right after readiness.
				DemoProcess.pause(PAUSE_MILLIS);
				long swapped = volume.update(Greetings.configMap("v" + i));
				long served = Greetings.awaitMessage(demo.appPort(), "v" + i, Duration.ofSeconds(30));
				if (i == 1) {
					first = (served - swapped) / 1e6;
				}
				else {
					rest.addNanos(served - swapped);
				}
				phases.record(demo.managementPort(), i == 1);
			}
		}
		Samples restart = new Samples();
		for (int i = 1; i <= RESTARTS; i++) {
			String message = "restart" + i;
			volume.update(Greetings.configMap(message));
			try (DemoProcess demo = context.start("volume-restart-" + i, false, importArg)) {
				demo.awaitReady();
				long served = Greetings.awaitMessage(demo.appPort(), message, Duration.ofSeconds(60));
				restart.addNanos(served - demo.launchedNanos());
			}
		}
		String scenario = "1. Volume reload (" + SWAPS + " kubelet swaps; " + RESTARTS + " restarts)";
		String others = "swaps 2-" + SWAPS;
		report.add(new Report.Row(scenario,
				"first reload after start (" + PAUSE_MILLIS + " ms after ready): swap to new value served",
				Samples.ms(first), "median of " + others, Samples.ms(rest.median()), first / rest.median(),
				"the median"));
		report.add(new Report.Row(scenario, "median (" + others + "): swap to new value served",
				Samples.ms(rest.median()), "rolling restart (new JVM to new value + ready)",
				Samples.ms(restart.median()), restart.median() / rest.median(), "faster than a restart"));
		report.add(new Report.Row(scenario, "worst (" + others + "): swap to new value served", Samples.ms(rest.max()),
				"rolling restart, worst", Samples.ms(restart.max()), restart.max() / rest.max(),
				"faster than a restart"));
		report.add(new Report.Row(scenario, "phases of the first reload", phases.first(), "median phases of " + others,
				phases.restMedians(), Double.NaN, ""));
		double worst = Math.max(first, rest.max());
		report.goal("volume reload worst case (first reload included) < 100 ms from the swap", Samples.ms(worst),
				worst < 100);
		report.goal("volume: first reload after start within 2x of the median",
				String.format(java.util.Locale.ROOT, "%.2fx", first / rest.median()), first <= 2 * rest.median());
		report.goal(">= 20x faster than a restart (medians)",
				String.format(java.util.Locale.ROOT, "%.1fx", restart.median() / rest.median()),
				restart.median() / rest.median() >= 20);
	}

}
