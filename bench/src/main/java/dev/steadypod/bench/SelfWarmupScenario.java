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

/**
 * Scenario 6: what the HTTP self-warm-up buys the first users: latency of the first 200
 * {@code /greeting} requests after readiness, self-warm-up on versus off.
 */
final class SelfWarmupScenario implements Scenario {

	static final int FIRST_REQUESTS = 200;

	@Override
	public String id() {
		return "warmup";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		Samples on = firstRequests(context, "warmup-on", "--steadypod.warmup.http.paths=/greeting",
				"--steadypod.warmup.http.requests=500");
		Samples off = firstRequests(context, "warmup-off", "--steadypod.warmup.http.paths=");
		String scenario = "6. Self-warm-up (first " + FIRST_REQUESTS + " /greeting after ready)";
		report.add(new Report.Row(scenario, "p99 latency, self-warm-up on", Samples.ms(on.p99()), "self-warm-up off",
				Samples.ms(off.p99()), off.p99() / on.p99(), "faster"));
		report.add(new Report.Row(scenario, "median latency, self-warm-up on", Samples.ms(on.median()),
				"self-warm-up off", Samples.ms(off.median()), off.median() / on.median(), "faster"));
	}

	private static Samples firstRequests(BenchContext context, String name, String... args) throws Exception {
		try (DemoProcess demo = context.start(name, false, args)) {
			demo.awaitReady();
			Samples samples = new Samples();
			for (int i = 0; i < FIRST_REQUESTS; i++) {
				long start = System.nanoTime();
				int status = Http.get(demo.appPort(), "/greeting", Duration.ofSeconds(10)).statusCode();
				samples.addNanos(System.nanoTime() - start);
				if (status != 200) {
					throw new IllegalStateException("/greeting answered " + status + " in " + name);
				}
			}
			return samples;
		}
	}

}
