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
		Samples reload = new Samples();
		try (DemoProcess demo = context.start("volume-reload", false, importArg)) {
			demo.awaitReady();
			Greetings.awaitMessage(demo.appPort(), "v0", Duration.ofSeconds(10));
			for (int i = 1; i <= SWAPS; i++) {
				long swapped = volume.update(Greetings.configMap("v" + i));
				long served = Greetings.awaitMessage(demo.appPort(), "v" + i, Duration.ofSeconds(30));
				reload.addNanos(served - swapped);
				// Let the debounce window close so every swap is measured on its own.
				DemoProcess.pause(300);
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
		report.add(new Report.Row(scenario, "median: swap to new value served", Samples.ms(reload.median()),
				"rolling restart (new JVM to new value + ready)", Samples.ms(restart.median()),
				restart.median() / reload.median(), "faster than a restart"));
		report.add(new Report.Row(scenario, reload.tailLabel() + ": swap to new value served",
				Samples.ms(reload.tail()), "rolling restart, worst", Samples.ms(restart.max()),
				restart.max() / reload.tail(), "faster than a restart"));
		report.goal("volume reload p99 < 250 ms from swap", Samples.ms(reload.p99()), reload.p99() < 250);
		report.goal(">= 20x faster than a restart (medians)",
				String.format(java.util.Locale.ROOT, "%.1fx", restart.median() / reload.median()),
				restart.median() / reload.median() >= 20);
	}

}
