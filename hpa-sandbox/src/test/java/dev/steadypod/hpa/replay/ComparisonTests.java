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

package dev.steadypod.hpa.replay;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.ControllerSettings;
import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.model.MetricTarget;
import dev.steadypod.hpa.record.LoadProfile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.tuple;

/** Signals against each other on the two synthetic traces. */
class ComparisonTests {

	private static final SimulationSettings INSTANT_PODS = new SimulationSettings(ControllerSettings.DEFAULTS,
			Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ZERO, 1.0, 1000, 1, 150);

	private static final AutoscalerSpec BOUNDS = new AutoscalerSpec(2, 10,
			List.of(new MetricSpec.Resource("cpu", null, MetricTarget.utilization(80))), null);

	@TempDir
	Path dir;

	@Test
	void variantsAreNamedAfterTheirSignalsAndShareTheBoundsAndBehavior() {
		Map<String, AutoscalerSpec> variants = Comparison.variants(BOUNDS,
				List.of(SignalTarget.parse("cpu=80"), SignalTarget.parse("concurrency=8.5"),
						SignalTarget.parse("cpu=80+thread-pool=80%"), SignalTarget.parse("rps=120+in-flight=10")));
		assertThat(variants).containsOnlyKeys("CPU 80 %", "concurrency 8.5", "CPU 80 % + thread pool 80 %",
				"requests/s 120 + in-flight 10");
		assertThat(variants.get("CPU 80 % + thread pool 80 %").metrics()).containsExactly(
				new MetricSpec.Resource("cpu", null, MetricTarget.utilization(80)),
				new MetricSpec.Pods("tomcat_threads_busy_ratio", MetricTarget.averageValue(800)));
		assertThat(variants.values()).allSatisfy((spec) -> {
			assertThat(spec.minReplicas()).isEqualTo(2);
			assertThat(spec.maxReplicas()).isEqualTo(10);
		});
		assertThat(Comparison.withDefaultBehavior(variants)).containsKeys("CPU 80 %, chart behavior",
				"CPU 80 %, default behavior");
	}

	@Test
	void severalTracesRunWithTheirOwnLoadsAndTheThreadPoolOnlyWhereTheTraceHasIt() throws Exception {
		Map<String, AutoscalerSpec> variants = Comparison.variants(BOUNDS, List.of(SignalTarget.parse("cpu=80"),
				SignalTarget.parse("concurrency=16"), SignalTarget.parse("cpu=80+thread-pool=0.8")));
		List<String> skipped = new ArrayList<>();
		Comparison.Case cpuBound = Comparison.Case.of("cpu-bound",
				new Simulator(ResponseCurves.of(SyntheticTrace.samples()), INSTANT_PODS), variants,
				List.of(Workload.of("step", LoadProfile.parse("120s:300,180s:950"))), 2, skipped::add);
		Comparison.Case poolBound = Comparison.Case.of("pool-bound",
				new Simulator(ResponseCurves.of(SyntheticTrace.poolBound()), INSTANT_PODS.withSlo(400)), variants,
				List.of(Workload.of("step", LoadProfile.parse("120s:150,180s:475"))), 2, skipped::add);
		assertThat(skipped).singleElement()
			.asString()
			.startsWith("left out CPU 80 % + thread pool 80 % on cpu-bound")
			.contains("cpu-bound has no pool_busy and pool_max columns");
		List<Comparison.Row> rows = Comparison.run(List.of(cpuBound, poolBound), (line) -> {
		});
		assertThat(rows).extracting(Comparison.Row::trace, Comparison.Row::variant)
			.containsExactly(tuple("cpu-bound", "CPU 80 %"), tuple("cpu-bound", "concurrency 16"),
					tuple("pool-bound", "CPU 80 %"), tuple("pool-bound", "concurrency 16"),
					tuple("pool-bound", "CPU 80 % + thread pool 80 %"));
		assertThat(rows).allSatisfy((row) -> assertThat(row.result().report().runs()).isEqualTo(2));
		String table = Comparison.table(rows);
		assertThat(table.lines().findFirst().orElseThrow()).startsWith("| trace | load | HPA | ");
		assertThat(table).contains("| pool-bound | step | CPU 80 % + thread pool 80 % | ");
		assertThat(table.lines()).hasSize(2 + 5);
		List<Path> charts = Comparison.charts(rows, "concurrency 16", "CPU 80 %", this.dir, 10);
		assertThat(charts).containsExactly(this.dir.resolve("cpu-bound-step.svg"),
				this.dir.resolve("pool-bound-step.svg"));
		assertThat(Files.readString(charts.get(1))).contains("concurrency 16 against CPU 80 %")
			.contains("ideal (capacity)")
			.contains("stroke-dasharray");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Comparison.charts(rows, "CPU 80 % + thread pool 80 %", "CPU 80 %", this.dir, 10))
			.withMessageContaining("no variant 'CPU 80 % + thread pool 80 %' on cpu-bound (step)")
			.withMessageContaining("it has CPU 80 %, concurrency 16");
	}

}
