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
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;

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
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code compare}: the chart's in-flight HPA against CPU, each with the chart's behavior
 * and Kubernetes' default, on the standard loads; writes the table and one SVG chart per
 * load.
 */
@Command(name = "compare",
		description = "Replay the chart's in-flight HPA against CPU, each with the chart's behavior and Kubernetes'"
				+ " default, on the staged, spike and daily loads; write the table and one SVG chart per load."
				+ " Prints a progress line to stderr as each row finishes.")
final class CompareCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--trace", required = true, paramLabel = "FILE", description = "The pod's recorded trace.")
	private Path trace;

	@Option(names = "--values", required = true, paramLabel = "FILE",
			description = "The Steadypod chart's values (its in-flight target, bounds and behavior).")
	private Path values;

	@Option(names = "--out", required = true, paramLabel = "DIR",
			description = "Where to write comparison.md and one <load>.svg per load.")
	private Path out;

	@Option(names = "--cpu-percent", paramLabel = "N", defaultValue = "80", converter = Converters.AtLeastOne.class,
			description = "The CPU utilisation target to compare with (the chart's autoscaling.cpu value).")
	private int cpuPercent;

	@Option(names = "--seeds", paramLabel = "N", defaultValue = "5", converter = Converters.AtLeastOne.class,
			description = "Runs pooled per row.")
	private int seeds;

	@Option(names = "--peak-pods", paramLabel = "N", converter = Converters.AtLeastOne.class,
			description = "The pods each load's peak needs (default: 80%% of maxReplicas).")
	private @Nullable Integer peakPods;

	@Mixin
	private SimulationOptions simulation;

	private CompareCommand() {
	}

	@Override
	public Integer call() throws IOException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		List<TraceSample> samples = TraceCsv.read(this.trace);
		AutoscalerSpec chart = HpaSpecs.read(this.values);
		ResponseCurves curves = ResponseCurves.of(samples);
		double slo = this.simulation.slo(curves);
		OptionalInt traceProcessors = TraceCsv.machineProcessors(this.trace);
		SimulationSettings settings = ReplayCommand.settings(this.simulation, slo, traceProcessors);
		double capacity = curves.capacity(slo);
		int peak = (this.peakPods != null) ? this.peakPods : Math.max(1, (int) Math.round(0.8 * chart.maxReplicas()));
		List<Workload> workloads = Workload.NAMES.stream().map((name) -> Workload.named(name, capacity, peak)).toList();
		Map<String, AutoscalerSpec> variants = Comparison.withDefaultBehavior(
				Comparison.variants(chart, List.of(chart.metrics().stream().map(SignalTarget::of).toList(),
						List.of(new SignalTarget(Signal.CPU, this.cpuPercent)))));
		Comparison comparison = new Comparison(variants, workloads, this.seeds);
		Map<Workload, Map<String, Comparison.Result>> results = comparison.run(new Simulator(curves, settings),
				err::println);
		String summary = String.format(Locale.ROOT,
				"Trace %s (%d samples); one pod takes %.1f requests per second within the %.0f ms objective"
						+ " (twice the unloaded %.1f ms unless --slo-ms); peak load needs %d pods; %d seeds per row;"
						+ " start-up %d s, scrape %d s, adapter relist %d s, metrics-server %d s; cpu column read as a share"
						+ " of %d processors.",
				this.trace.getFileName(), samples.size(), capacity, slo, curves.unloadedLatencyMs(), peak,
				comparison.seeds(), settings.startupDelay().toSeconds(), settings.scrapeInterval().toSeconds(),
				settings.adapterRelistInterval().toSeconds(), settings.metricsResolution().toSeconds(),
				settings.processors());
		String table = Comparison.table(results);
		Files.createDirectories(this.out);
		Files.writeString(this.out.resolve("comparison.md"), summary + "\n\n" + table);
		List<Path> charts = Comparison.charts(results, this.out, "", chart.maxReplicas());
		err.println(ReplayCommand.processors(this.simulation, settings, traceProcessors));
		out.println(summary);
		out.println();
		out.print(table);
		out.flush();
		charts.forEach((file) -> out.println("wrote " + file));
		return HpaSandbox.DONE;
	}

}
