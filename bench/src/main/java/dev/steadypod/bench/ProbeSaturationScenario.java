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
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Scenario 4: liveness latency while the application pool is saturated by slow requests,
 * with probes on the separate management port (Steadypod's setup) versus on the
 * application port.
 */
final class ProbeSaturationScenario implements Scenario {

	static final int THREADS = 4;

	static final int IN_FLIGHT = 12;

	static final int PROBES = 50;

	static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

	@Override
	public String id() {
		return "probes";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		Samples separate = measure(context, false);
		Samples shared = measure(context, true);
		String scenario = "4. Liveness under saturation (" + THREADS + " app threads, " + IN_FLIGHT + " slow requests, "
				+ PROBES + " probes)";
		report.add(new Report.Row(scenario, "median liveness latency, management port", Samples.ms(separate.median()),
				"probes on the application port", Samples.ms(shared.median()), shared.median() / separate.median(),
				"faster"));
		report.add(new Report.Row(scenario, separate.tailLabel() + " liveness latency, management port",
				Samples.ms(separate.tail()), "probes on the application port", Samples.ms(shared.tail()),
				shared.tail() / separate.tail(), "faster"));
		report.goal("management-port liveness p99 < 50 ms while saturated", Samples.ms(separate.p99()),
				separate.p99() < 50);
	}

	private Samples measure(BenchContext context, boolean sharedPort) throws Exception {
		String name = sharedPort ? "probes-app-port" : "probes-management-port";
		try (DemoProcess demo = context.start(name, sharedPort, "--server.tomcat.threads.max=" + THREADS)) {
			demo.awaitReady();
			// In a cluster the startup probe has called the liveness path many times
			// before liveness
			// probing starts; do the same, so the first measured probe is not the
			// endpoint's first call.
			for (int i = 0; i < 10; i++) {
				Http.status(demo.managementPort(), "/actuator/health/liveness", PROBE_TIMEOUT);
			}
			AtomicBoolean saturating = new AtomicBoolean(true);
			List<Thread> load = new ArrayList<>();
			for (int i = 0; i < IN_FLIGHT; i++) {
				Thread thread = new Thread(() -> {
					while (saturating.get()) {
						Http.status(demo.appPort(), "/work?ms=2000", Duration.ofSeconds(60));
					}
				}, "saturate-" + i);
				thread.start();
				load.add(thread);
			}
			DemoProcess.pause(1000);
			// Probes start every 100 ms whether or not the previous one answered, so a
			// queued probe does
			// not stretch the run: the latencies are what a kubelet would see, the run
			// stays short.
			Samples samples = new Samples();
			ExecutorService probes = Executors.newFixedThreadPool(PROBES);
			for (int i = 0; i < PROBES; i++) {
				probes.submit(() -> {
					long start = System.nanoTime();
					int status = Http.status(demo.managementPort(), "/actuator/health/liveness", PROBE_TIMEOUT);
					long took = System.nanoTime() - start;
					// A probe that times out counts as the timeout: Kubernetes would have
					// failed it by then.
					samples.addNanos((status == -1) ? Math.max(took, PROBE_TIMEOUT.toNanos()) : took);
				});
				DemoProcess.pause(100);
			}
			probes.shutdown();
			if (!probes.awaitTermination(PROBE_TIMEOUT.toSeconds() + 10, TimeUnit.SECONDS)) {
				throw new IllegalStateException("Probes did not finish in " + name);
			}
			saturating.set(false);
			for (Thread thread : load) {
				thread.join();
			}
			return samples;
		}
	}

}
