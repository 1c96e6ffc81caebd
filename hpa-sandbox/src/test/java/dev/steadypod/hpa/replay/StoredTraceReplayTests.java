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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.ControllerSettings;
import dev.steadypod.hpa.model.ScaleDecision;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceSample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The comparison on a stored recording of the demo app (one seed, the three loads): what
 * must hold whatever the numbers are. The recording is a copy of the first one stored
 * under docs/traces, made before traces had the load generator's view: an old trace must
 * still replay. Every trace stored under docs/traces must replay too, so that a trace
 * added there (or a change to the reader) cannot break what the docs tell users to run.
 * <p>
 * That old recording has no pool columns, so it is compared on in-flight requests, a
 * signal it has, instead of the chart's own signals.
 */
class StoredTraceReplayTests {

	private static final Path TRACE = Path.of("src", "test", "resources", "traces", "demo-staged-2026-11-28.csv");

	private static final Path CHART_VALUES = Path.of("..", "helm", "steadypod", "values.yaml");

	/** The repository's recorded traces, from the module's directory. */
	private static final Path STORED_TRACES = Path.of("..", "docs", "traces");

	/** The pod's start-up, as the replay command's default ({@code --startup}). */
	private static final Duration STARTUP = Duration.ofSeconds(33);

	@Test
	void everyVariantStaysInBoundsAndTheReportIsConsistent() throws Exception {
		List<TraceSample> samples = TraceCsv.read(TRACE);
		ResponseCurves curves = ResponseCurves.of(samples);
		assertThat(curves.hasClientView()).isFalse();
		double slo = curves.defaultSloMs();
		AutoscalerSpec chart = HpaSpecs.read(CHART_VALUES);
		SimulationSettings settings = new SimulationSettings(ControllerSettings.DEFAULTS, Duration.ofSeconds(15),
				Duration.ZERO, Duration.ofSeconds(15), Duration.ofSeconds(30), 1.0, 1000, 1, slo);
		Simulator simulator = new Simulator(curves, settings);
		double capacity = curves.capacity(slo);
		double peak = samples.stream().mapToDouble((s) -> s.targetRps() / s.pods()).max().orElseThrow();
		assertThat(capacity).isPositive().isLessThanOrEqualTo(peak);
		List<Workload> loads = Workload.NAMES.stream().map((name) -> Workload.named(name, capacity, 8)).toList();
		Map<Workload, Map<String, Comparison.Result>> results = new Comparison(Comparison.withDefaultBehavior(
				Comparison.variants(chart, List.of(SignalTarget.parse("in-flight=10"), SignalTarget.parse("cpu=80")))),
				loads, 1)
			.run(simulator, (line) -> {
			});
		assertThat(results).hasSize(3);
		results.forEach((load, byVariant) -> {
			assertThat(byVariant).hasSize(4);
			byVariant.forEach((variant, result) -> {
				Run run = result.first();
				for (int t = 0; t < run.seconds(); t++) {
					assertThat(run.replicas()[t]).isBetween(2, 10);
					assertThat(run.ideal()[t]).isBetween(2, 10);
					if (t > 0) {
						// Ready pods are counted before the second's sync, pods after it.
						assertThat(run.ready()[t]).isLessThanOrEqualTo(run.pods()[t - 1]);
					}
				}
				// The peak needs 8 pods.
				assertThat(run.ideal()).contains(8);
				assertThat(run.syncs()).hasSize((run.seconds() - 1) / 15);
				for (ScaleDecision decision : run.syncs()) {
					assertThat(decision.desiredReplicas()).isBetween(2, 10);
				}
				Report report = result.report();
				assertThat(report.towardIdeal()).isBetween(0, report.rescales());
				assertThat(report.rightSizedSeconds() + report.shortSeconds() + report.surplusSeconds())
					.isEqualTo(report.seconds());
				assertThat(report.scaleUpLags()).allSatisfy((lag) -> assertThat(lag).isNotNegative());
				assertThat(report.flaps()).isLessThan(Math.max(1, report.rescales()));
				assertThat(report.lines()).hasSize(8);
			});
		});
		String table = Comparison.table(results);
		assertThat(table.lines()).hasSize(2 + 12);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("storedTraces")
	void everyStoredTraceReplaysUnderTheChartsValuesOnTheStagedLoad(Path trace) throws IOException {
		List<TraceSample> samples = TraceCsv.read(trace);
		ResponseCurves curves = ResponseCurves.of(samples);
		double slo = curves.defaultSloMs();
		double capacity = curves.capacity(slo);
		assertThat(capacity).as("capacity of %s within %.0f ms", trace, slo).isPositive();
		double processors = TraceCsv.cpuColumnProcessors(trace).orElse(TraceCsv.machineProcessors(trace).orElse(1));
		int cpuRequestMillis = TraceCsv.podCpuRequestMillis(trace).orElse(1000);
		SimulationSettings settings = new SimulationSettings(ControllerSettings.DEFAULTS, Duration.ofSeconds(15),
				Duration.ZERO, Duration.ofSeconds(15), STARTUP, 1.0 / processors, cpuRequestMillis, processors, slo);
		Simulator simulator = new Simulator(curves, settings);
		AutoscalerSpec chart = HpaSpecs.read(CHART_VALUES);
		simulator.requireMetrics(chart, trace.toString());
		Workload staged = Workload.named("staged", capacity, (int) Math.round(0.8 * chart.maxReplicas()));
		Run run = simulator.run(chart, staged, 1, (line) -> {
		});
		Report report = Report.of(List.of(run));
		assertThat(report.seconds()).isEqualTo(staged.seconds());
		assertThat(report.rightSizedShare()).as("right-sized share of %s", trace).isBetween(0.0, 1.0);
		assertThat(report.rightSizedSeconds() + report.shortSeconds() + report.surplusSeconds())
			.isEqualTo(report.seconds());
		assertThat(IntStream.of(run.replicas()).boxed().toList())
			.allSatisfy((replicas) -> assertThat(replicas).isBetween(chart.minReplicas(), chart.maxReplicas()));
	}

	/**
	 * Every {@code *.csv} under docs/traces; none is an error, not a skip, since an empty
	 * or moved folder would otherwise pass unnoticed.
	 */
	static List<Path> storedTraces() throws IOException {
		Path folder = STORED_TRACES.toAbsolutePath().normalize();
		if (!Files.isDirectory(folder)) {
			throw new IllegalStateException("No folder " + folder + ": the stored traces are expected there");
		}
		List<Path> traces;
		try (Stream<Path> files = Files.walk(STORED_TRACES)) {
			traces = files.filter(Files::isRegularFile)
				.filter((file) -> file.getFileName().toString().endsWith(".csv"))
				.sorted()
				.toList();
		}
		if (traces.isEmpty()) {
			throw new IllegalStateException("No *.csv trace under " + folder);
		}
		return traces;
	}

}
