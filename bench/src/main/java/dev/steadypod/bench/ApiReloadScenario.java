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

import io.fabric8.kubernetes.api.model.ConfigMap;

/**
 * Scenario 2: a ConfigMap update on the Kubernetes API (fabric8's mock API server in CRUD
 * mode, with watches) until the new value is served: Steadypod's pipeline versus
 * spring-cloud-kubernetes' own default refresh strategy, same jar, same harness.
 */
final class ApiReloadScenario implements Scenario {

	static final int UPDATES = 20;

	/** Before every update, the first included. */
	static final long PAUSE_MILLIS = 300;

	static final String NAMESPACE = "bench";

	static final String NAME = "steadypod-demo";

	static final String DOWNSTREAM_SETTINGS = "dev.steadypod.demo.DownstreamConfiguration$DownstreamSettings";

	@Override
	public String id() {
		return "api";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		Run steadypod = measure(context, "api-steadypod", true);
		Run springCloud = measure(context, "api-spring-cloud-kubernetes", false);
		String scenario = "2. API reload (" + UPDATES + " ConfigMap updates, mock API server)";
		String others = "updates 2-" + UPDATES;
		String sck = "spring-cloud-kubernetes refresh strategy";
		report.add(new Report.Row(scenario,
				"first reload after start (" + PAUSE_MILLIS + " ms after ready): update to new value served",
				Samples.ms(steadypod.first()), sck + ", first", Samples.ms(springCloud.first()),
				springCloud.first() / steadypod.first(), "faster"));
		double ratio = springCloud.rest().median() / steadypod.rest().median();
		report.add(new Report.Row(scenario, "median (" + others + "): update to new value served",
				Samples.ms(steadypod.rest().median()), sck, Samples.ms(springCloud.rest().median()), ratio, "faster"));
		report.add(new Report.Row(scenario, "worst (" + others + "): update to new value served",
				Samples.ms(steadypod.rest().max()), sck, Samples.ms(springCloud.rest().max()),
				springCloud.rest().max() / steadypod.rest().max(), "faster"));
		report.add(new Report.Row(scenario, "phases of the first reload", steadypod.phases().first(),
				"median phases of " + others, steadypod.phases().restMedians(), Double.NaN, ""));
		report.goal("API reload >= 3x faster than spring-cloud-kubernetes' own refresh (medians, same run)",
				String.format(Locale.ROOT, "%.1fx", ratio), ratio >= 3);
		double firstRatio = steadypod.first() / steadypod.rest().median();
		report.goal("API: first reload after start within 2x of the median",
				String.format(Locale.ROOT, "%.2fx", firstRatio), firstRatio <= 2);
	}

	private Run measure(BenchContext context, String name, boolean steadypodRoute) throws Exception {
		try (MockApiServer api = MockApiServer.start()) {
			ConfigMap current = api.create(NAMESPACE, NAME, Greetings.configMap("a0"));
			List<String> args = new ArrayList<>(List.of(ApiRoute.args(api.url(), NAMESPACE, NAME, steadypodRoute)));
			if (!steadypodRoute) {
				// spring-cloud-context re-creates a proxied properties bean with
				// createBean(Class), which needs a no-argument constructor: its refresh
				// fails on the demo's @Validated factory-method bean unless told to
				// leave it alone.
				args.add("--spring.cloud.refresh.never-refreshable=" + DOWNSTREAM_SETTINGS);
			}
			try (DemoProcess demo = context.start(name, false, args.toArray(String[]::new))) {
				demo.awaitReady();
				Greetings.awaitMessage(demo.appPort(), "a0", Duration.ofSeconds(30));
				double first = Double.NaN;
				Samples rest = new Samples();
				ReloadPhases phases = new ReloadPhases();
				if (steadypodRoute) {
					phases.start(demo.managementPort());
				}
				for (int i = 1; i <= UPDATES; i++) {
					// Before every update, the first included: each is measured on its
					// own, not right after readiness or the previous one.
					DemoProcess.pause(PAUSE_MILLIS);
					long updated = System.nanoTime();
					current = api.replaceData(current, Greetings.configMap("a" + i));
					long served = Greetings.awaitMessage(demo.appPort(), "a" + i, Duration.ofSeconds(60));
					if (i == 1) {
						first = (served - updated) / 1e6;
					}
					else {
						rest.addNanos(served - updated);
					}
					if (steadypodRoute) {
						phases.record(demo.managementPort(), i == 1);
					}
				}
				return new Run(first, rest, phases);
			}
		}
	}

	/**
	 * One route's figures.
	 *
	 * @param first the first update after start, in ms
	 * @param rest the other updates
	 * @param phases where the time went (Steadypod only)
	 */
	private record Run(double first, Samples rest, ReloadPhases phases) {
	}

}
