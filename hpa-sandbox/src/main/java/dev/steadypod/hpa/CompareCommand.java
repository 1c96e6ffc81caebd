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

package dev.steadypod.hpa;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceSample;
import dev.steadypod.hpa.replay.Comparison;
import dev.steadypod.hpa.replay.HpaSpecs;
import dev.steadypod.hpa.replay.ResponseCurves;
import dev.steadypod.hpa.replay.SignalTarget;
import dev.steadypod.hpa.replay.SimulationSettings;
import dev.steadypod.hpa.replay.Simulator;
import dev.steadypod.hpa.replay.Workload;
import dev.steadypod.hpa.signal.Signal;

/**
 * {@code compare}: the chart's in-flight HPA against CPU, each with the chart's behavior
 * and Kubernetes' default, on the standard loads; writes the table and one SVG chart per
 * load.
 */
final class CompareCommand {

	static final String USAGE = """
			usage: compare --trace FILE --values FILE --out DIR [--cpu-percent 80] [--seeds 5] [--peak-pods N] [--slo-ms N]
			               [--startup 33s] [...the cluster options of replay]
			  --trace        the pod's recorded trace
			  --values       the Steadypod chart's values (its in-flight target, bounds and behavior)
			  --out          where to write comparison.md and one <load>.svg per load
			  --cpu-percent  the CPU utilisation target to compare with (default: the chart's autoscaling.cpu value, 80)
			  --seeds        runs pooled per cell (default 5)""";

	private static final Set<String> OPTIONS = Set.of("trace", "values", "out", "cpu-percent", "seeds", "peak-pods",
			"slo-ms", "startup", "startup-cpu", "scrape-interval", "relist-interval", "metrics-resolution",
			"cpu-request-millis", "processors");

	private CompareCommand() {
	}

	static int run(String[] args, PrintStream out, PrintStream err) throws IOException {
		Options options = Options.parse(args, OPTIONS, USAGE);
		Path tracePath = Path.of(options.required("trace"));
		List<TraceSample> samples = TraceCsv.read(tracePath);
		AutoscalerSpec chart = HpaSpecs.read(Path.of(options.required("values")));
		Path directory = Path.of(options.required("out"));
		ResponseCurves curves = ResponseCurves.of(samples);
		double slo = options.decimal("slo-ms", 2 * curves.unloadedLatencyMs());
		OptionalInt traceProcessors = TraceCsv.machineProcessors(tracePath);
		SimulationSettings settings = ReplayCommand.settings(options, slo, traceProcessors);
		double capacity = curves.capacity(slo);
		int peak = options.integer("peak-pods", Math.max(1, (int) Math.round(0.8 * chart.maxReplicas())), 1);
		List<Workload> workloads = Workload.NAMES.stream().map((name) -> Workload.named(name, capacity, peak)).toList();
		Map<String, AutoscalerSpec> variants = Comparison.withDefaultBehavior(
				Comparison.variants(chart, List.of(chart.metrics().stream().map(SignalTarget::of).toList(),
						List.of(new SignalTarget(Signal.CPU, options.integer("cpu-percent", 80, 1))))));
		Comparison comparison = new Comparison(variants, workloads, options.integer("seeds", 5, 1));
		Map<Workload, Map<String, Comparison.Result>> results = comparison.run(new Simulator(curves, settings),
				err::println);
		String summary = String.format(Locale.ROOT,
				"Trace %s (%d samples); one pod takes %.1f requests per second within the %.0f ms objective"
						+ " (twice the unloaded %.1f ms unless --slo-ms); peak load needs %d pods; %d seeds per row;"
						+ " start-up %d s, scrape %d s, adapter relist %d s, metrics-server %d s; cpu column read as a share"
						+ " of %d processors.",
				tracePath.getFileName(), samples.size(), capacity, slo, curves.unloadedLatencyMs(), peak,
				comparison.seeds(), settings.startupDelay().toSeconds(), settings.scrapeInterval().toSeconds(),
				settings.adapterRelistInterval().toSeconds(), settings.metricsResolution().toSeconds(),
				settings.processors());
		String table = Comparison.table(results);
		Files.createDirectories(directory);
		Files.writeString(directory.resolve("comparison.md"), summary + "\n\n" + table);
		List<Path> charts = Comparison.charts(results, directory, "", chart.maxReplicas());
		err.println(ReplayCommand.processors(options, settings, traceProcessors));
		out.println(summary);
		out.println();
		out.print(table);
		charts.forEach((file) -> out.println("wrote " + file));
		return 0;
	}

}
