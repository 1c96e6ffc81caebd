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
import java.util.Locale;
import java.util.Map;

import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * Scenario: a malformed ConfigMap left in place on the Kubernetes API for three resync
 * periods, with {@code /greeting} sampled back to back the whole time, then fixed: the
 * served value must never change, and the fix is timed from the update to the new value
 * served. Repeated {@link #ROUNDS} times in one demo process.
 */
final class MalformedConfigMapScenario implements Scenario {

	static final int ROUNDS = 5;

	static final Duration RESYNC = Duration.ofSeconds(2);

	static final String NAMESPACE = "bench";

	static final String NAME = "steadypod-demo";

	@Override
	public String id() {
		return "api-malformed";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		Samples fixes = new Samples();
		long samplesTaken = 0;
		long wrongValues = 0;
		try (MockApiServer api = MockApiServer.start()) {
			ConfigMap current = api.create(NAMESPACE, NAME, Greetings.configMap("m0"));
			List<String> args = new ArrayList<>(List.of(ApiRoute.args(api.url(), NAMESPACE, NAME, true)));
			args.add("--steadypod.reload.kubernetes.resync-interval=" + RESYNC.toMillis() + "ms");
			try (DemoProcess demo = context.start("api-malformed", false, args.toArray(String[]::new))) {
				demo.awaitReady();
				Greetings.awaitMessage(demo.appPort(), "m0", Duration.ofSeconds(30));
				for (int round = 1; round <= ROUNDS; round++) {
					String served = "m" + (round - 1);
					current = api.replaceData(current,
							Map.of("application.yaml", "demo:\n  greeting:\n    message: \"broken" + round + "\n"));
					long until = System.nanoTime() + RESYNC.multipliedBy(3).plusMillis(500).toNanos();
					while (System.nanoTime() < until) {
						samplesTaken++;
						if (!served.equals(Greetings.message(demo.appPort()))) {
							wrongValues++;
						}
					}
					long updated = System.nanoTime();
					current = api.replaceData(current, Greetings.configMap("m" + round));
					fixes.addNanos(
							Greetings.awaitMessage(demo.appPort(), "m" + round, Duration.ofSeconds(60)) - updated);
				}
			}
		}
		String scenario = "Malformed ConfigMap on the API for 3 resyncs (" + ROUNDS + " rounds, resync "
				+ RESYNC.toSeconds() + " s)";
		report.add(new Report.Row(scenario, "/greeting samples serving another value than the last good",
				wrongValues + " of " + samplesTaken, "", "", Double.NaN, ""));
		report.add(new Report.Row(scenario, "median / worst: good update after it to new value served",
				Samples.ms(fixes.median()) + " / " + Samples.ms(fixes.max()), "", "", Double.NaN, ""));
		report.goal("A malformed ConfigMap changes nothing served across 3 resyncs", wrongValues + " wrong values",
				wrongValues == 0);
		report.goal("The next good update is served in under 1 s (worst)",
				String.format(Locale.ROOT, "%.0f ms", fixes.max()), fixes.max() < 1000);
	}

}
