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
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.steadypod.testsupport.KubeletConfigMapVolume;

/**
 * Scenario 3: what a reload costs the traffic. 32 clients on {@code /greeting} for 30 s
 * without reloads and 30 s with a kubelet-style swap every second, in alternating 10 s
 * segments.
 */
final class ReloadUnderTrafficScenario implements Scenario {

	static final int CLIENTS = 32;

	static final Duration DURATION = Duration.ofSeconds(30);

	static final int SEGMENTS = 3;

	private static String currentMessage(int reloads) {
		return (reloads % 2 == 1) ? "green" : "blue";
	}

	@Override
	public String id() {
		return "traffic";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(context.work("traffic").resolve("config"),
				Greetings.configMap("blue"));
		try (DemoProcess demo = context.start("traffic", false,
				"--spring.config.import=optional:file:" + volume.directory() + "/")) {
			demo.awaitReady();
			// Warm the JIT and pools first, then alternate quiet and reloading segments
			// so that drift in
			// machine load and JIT state hits both sides alike.
			LoadRun.run(demo.appPort(), CLIENTS, Duration.ofSeconds(10), Set.of("blue"));
			LoadRun quiet = new LoadRun();
			LoadRun busy = new LoadRun();
			int[] reloads = { 0 };
			Duration segment = DURATION.dividedBy(SEGMENTS);
			for (int i = 0; i < SEGMENTS; i++) {
				quiet.addAll(LoadRun.run(demo.appPort(), CLIENTS, segment, Set.of(currentMessage(reloads[0]))));
				AtomicBoolean loading = new AtomicBoolean(true);
				Thread reloader = new Thread(() -> {
					while (loading.get()) {
						DemoProcess.pause(1000);
						if (loading.get()) {
							reloads[0]++;
							volume.update(Greetings.configMap(currentMessage(reloads[0])));
						}
					}
				}, "reloader");
				reloader.start();
				busy.addAll(LoadRun.run(demo.appPort(), CLIENTS, segment, Set.of("blue", "green")));
				loading.set(false);
				reloader.join();
				// The next quiet segment must see the last value written.
				Greetings.awaitMessage(demo.appPort(), currentMessage(reloads[0]), Duration.ofSeconds(10));
			}
			String scenario = "3. Reload cost to traffic (" + CLIENTS + " clients, " + DURATION.toSeconds()
					+ " s each in alternating " + DURATION.toSeconds() / SEGMENTS + " s segments, " + reloads[0]
					+ " reloads)";
			report.add(new Report.Row(scenario, "failed requests with reloads",
					busy.failures.get() + " of " + busy.requests.get(), "without reloads",
					quiet.failures.get() + " of " + quiet.requests.get(), Double.NaN, ""));
			report.add(new Report.Row(scenario, "p50 latency with reloads", Samples.ms(busy.latencies.median()),
					"without reloads", Samples.ms(quiet.latencies.median()),
					busy.latencies.median() / quiet.latencies.median(), "(with / without)"));
			double ratio = busy.latencies.p99() / quiet.latencies.p99();
			report.add(new Report.Row(scenario, "p99 latency with reloads", Samples.ms(busy.latencies.p99()),
					"without reloads", Samples.ms(quiet.latencies.p99()), ratio, "(with / without)"));
			report.goal("zero failed requests during reloads", busy.failures.get() + " failed",
					busy.failures.get() == 0);
			report.goal("p99 with reloads <= 1.5x p99 without", String.format(Locale.ROOT, "%.2fx", ratio),
					ratio <= 1.5);
		}
	}

}
