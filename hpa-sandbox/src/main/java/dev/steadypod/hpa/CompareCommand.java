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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.replay.Comparison;
import dev.steadypod.hpa.replay.HpaSpecs;
import dev.steadypod.hpa.replay.SimulationSettings;
import dev.steadypod.hpa.replay.Workload;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code compare}: HPAs on each signal over one or more traces, each with the chart's
 * behavior and Kubernetes' default, on the standard loads scaled to each trace's
 * capacity; writes the table and one SVG chart per trace and load.
 */
@Command(name = "compare",
		description = "Replay the chart's HPA and HPAs on other signals over one or more traces, each with the"
				+ " chart's behavior and Kubernetes' default, on the staged, spike and daily loads scaled to each"
				+ " trace's capacity; write comparison.md (a line per trace, then the table) and one SVG chart per"
				+ " trace and load. Prints a progress line to stderr as each row finishes.")
final class CompareCommand implements Callable<Integer> {

	/**
	 * The HPAs compared when {@code --signals} is not given, after the chart's own: CPU
	 * at the HPA's usual 80 %, each Prometheus signal at the trace's knee, the pool at 80
	 * % busy, and CPU together with the two that cover what CPU misses.
	 */
	static final String DEFAULT_SIGNALS = "cpu=80, in-flight=knee, concurrency=knee, requests-per-second=knee,"
			+ " thread-pool=0.8, cpu=80+thread-pool=0.8, cpu=80+concurrency=knee";

	@Spec
	private CommandSpec spec;

	@Option(names = "--trace", required = true, paramLabel = "FILE",
			description = "A recorded trace; repeat for several. Each has its own curves, objective, processors,"
					+ " CPU request, capacity and loads.")
	private List<Path> traces;

	@Option(names = "--values", required = true, paramLabel = "FILE",
			description = "The Steadypod chart's values (or an HPA): its metrics are the variant 'chart default',"
					+ " its bounds and behavior every variant's.")
	private Path values;

	@Option(names = "--signals", paramLabel = "SPEC", converter = HpaChoice.Converter.class,
			showDefaultValue = Visibility.NEVER,
			description = "An HPA to compare besides the chart's: signals joined by +, each =target or =knee (the"
					+ " trace's own target at its knee), such as cpu=80+concurrency=knee; repeat for several."
					+ " Signals: cpu, in-flight, concurrency, requests-per-second, thread-pool (default: "
					+ DEFAULT_SIGNALS + ").")
	private List<HpaChoice> signals = new ArrayList<>();

	@Option(names = "--behavior", paramLabel = "WHICH", defaultValue = "both", converter = Behaviors.Names.class,
			description = "Replay each HPA with the chart's behavior, Kubernetes' default or both.")
	private Behaviors behaviors;

	@Option(names = "--chart", paramLabel = "VARIANT", defaultValue = ComparedTrace.CHART_DEFAULT,
			description = "The variant drawn solid in the charts: a label from the table, with or without its"
					+ " behavior (the chart's when replayed), or its --signals spec.")
	private String drawn;

	@Option(names = "--against", paramLabel = "VARIANT", defaultValue = "CPU 80 %",
			description = "The variant drawn dashed against it.")
	private String against;

	@Option(names = "--seeds", paramLabel = "N", defaultValue = "5", converter = Converters.AtLeastOne.class,
			description = "Runs pooled per row.")
	private int seeds;

	@Option(names = "--peak-pods", paramLabel = "N", converter = Converters.AtLeastOne.class,
			description = "The pods each load's peak needs (default: 80%% of maxReplicas).")
	private @Nullable Integer peakPods;

	@Option(names = "--out", required = true, paramLabel = "DIR",
			description = "Where to write comparison.md and one <trace>-<load>.svg per trace and load.")
	private Path out;

	@Mixin
	private PodOptions pod;

	@Mixin
	private SimulationOptions simulation;

	private CompareCommand() {
	}

	@Override
	public Integer call() throws IOException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		AutoscalerSpec chart = HpaSpecs.read(this.values);
		String chartLabel;
		try {
			chartLabel = ComparedTrace.chartLabel(chart);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(this.values + ": " + ex.getMessage(), ex);
		}
		List<HpaChoice> choices = choices();
		Set<String> names = new HashSet<>();
		for (Path file : this.traces) {
			if (!names.add(ComparedTrace.name(file))) {
				throw new IllegalArgumentException("two traces are named " + ComparedTrace.name(file)
						+ ": the table and the charts tell traces apart by file name; rename one");
			}
		}
		List<ComparedTrace> traces = new ArrayList<>();
		for (Path file : this.traces) {
			traces.add(ComparedTrace.of(file, this.pod, this.simulation, chart, chartLabel, choices, this.behaviors,
					this.peakPods, this.seeds, err::println));
		}
		Map<String, ChartPair> drawn = ChartPair.resolve(traces, this.drawn, this.against, err::println);
		List<Comparison.Row> rows = rows(traces, err);
		String table = Comparison.table(rows);
		String summary = summary(traces, chart);
		Files.createDirectories(this.out);
		Files.writeString(this.out.resolve("comparison.md"), summary + "\n\n" + table);
		List<Path> charts = new ArrayList<>();
		for (Map.Entry<String, ChartPair> trace : drawn.entrySet()) {
			List<Comparison.Row> ofTrace = rows.stream().filter((row) -> row.trace().equals(trace.getKey())).toList();
			charts.addAll(Comparison.charts(ofTrace, trace.getValue().drawn(), trace.getValue().against(), this.out,
					chart.maxReplicas()));
		}
		out.println(summary);
		out.println();
		out.print(table);
		out.println("wrote " + this.out.resolve("comparison.md"));
		charts.forEach((file) -> out.println("wrote " + file));
		out.flush();
		return HpaSandbox.DONE;
	}

	/** The choices given, or the default set; the same HPA twice is an error. */
	private List<HpaChoice> choices() {
		List<HpaChoice> choices = this.signals.isEmpty()
				? Arrays.stream(DEFAULT_SIGNALS.split(", ")).map(HpaChoice::parse).toList() : this.signals;
		for (int i = 0; i < choices.size(); i++) {
			for (int j = 0; j < i; j++) {
				if (choices.get(i).sameAs(choices.get(j))) {
					throw new IllegalArgumentException("--signals " + choices.get(j) + " and " + choices.get(i)
							+ " are the same HPA: give each once");
				}
			}
		}
		return choices;
	}

	/**
	 * Replays every row, trace by trace, load by load, variant by variant (the order
	 * {@code Comparison.run} keeps), one row at a time so that each finished row gets its
	 * progress line.
	 */
	private List<Comparison.Row> rows(List<ComparedTrace> traces, PrintWriter err) {
		int total = traces.stream().mapToInt((trace) -> trace.workloads().size() * trace.variants().size()).sum();
		List<Comparison.Row> rows = new ArrayList<>();
		for (ComparedTrace trace : traces) {
			Comparison.Case c = trace.comparison();
			for (Workload workload : trace.workloads()) {
				for (String variant : trace.variants()) {
					String finished = "replayed " + workload.name() + " with " + variant;
					Comparison.Result result = new Comparison(Map.of(variant, c.comparison().variants().get(variant)),
							List.of(workload), this.seeds)
						.run(c.simulator(), (line) -> {
							if (!line.equals(finished)) {
								err.println(trace.name() + ": " + line);
							}
						})
						.values()
						.iterator()
						.next()
						.get(variant);
					rows.add(new Comparison.Row(trace.name(), workload, variant, result));
					err.println(String.format(Locale.ROOT, "%d of %d rows: %s, %s load, %s: right-sized %.0f %%",
							rows.size(), total, trace.name(), workload.name(), variant,
							100 * result.report().rightSizedShare()));
				}
			}
		}
		return rows;
	}

	/** The traces' lines, then what every row shares. */
	private String summary(List<ComparedTrace> traces, AutoscalerSpec chart) {
		SimulationSettings settings = traces.get(0).settings();
		return traces.stream().map(ComparedTrace::summary).collect(Collectors.joining("\n")) + "\n\n"
				+ String.format(Locale.ROOT,
						"%d seed%s per row; loads %s; every HPA on %d..%d replicas, replayed %s. %s.", this.seeds,
						(this.seeds == 1) ? "" : "s", String.join(", ", Workload.NAMES), chart.minReplicas(),
						chart.maxReplicas(), this.behaviors.describe(this.values.getFileName()),
						SimulationOptions.pipeline(settings).replaceFirst("^cluster: ", "Cluster: "));
	}

	/** Which behaviors each HPA is replayed with. */
	enum Behaviors {

		CHART, DEFAULT, BOTH;

		boolean includes(String label) {
			return switch (this) {
				case CHART -> label.endsWith(ComparedTrace.CHART_BEHAVIOR);
				case DEFAULT -> label.endsWith(ComparedTrace.DEFAULT_BEHAVIOR);
				case BOTH -> true;
			};
		}

		String describe(Path values) {
			String chart = "with the behavior in " + values + " (chart behavior)";
			String none = "without one (Kubernetes' default behavior)";
			return switch (this) {
				case CHART -> chart;
				case DEFAULT -> none;
				case BOTH -> chart + " and " + none;
			};
		}

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The names as the user writes them, in lower case. */
		static final class Names implements ITypeConverter<Behaviors> {

			@Override
			public Behaviors convert(String text) {
				for (Behaviors behaviors : values()) {
					if (behaviors.toString().equals(text.strip())) {
						return behaviors;
					}
				}
				throw new TypeConversionException("must be chart, default or both, was '" + text + "'");
			}

		}

	}

}
