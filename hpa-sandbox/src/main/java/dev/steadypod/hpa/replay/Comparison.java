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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.MetricSpec;

/**
 * Signals against each other: named HPAs, each a set of signals with their targets on the
 * same bounds and behavior, replayed on the same workloads and seeds; over several
 * traces, each with its own capacity, loads and simulator.
 *
 * @param variants the HPAs compared, by label
 * @param workloads the loads
 * @param seeds how many seeds each run pools (1, 2, ...)
 */
public record Comparison(Map<String, AutoscalerSpec> variants, List<Workload> workloads, int seeds) {

	/** The report's columns in the tables. */
	static final List<String> COLUMNS = List.of("right-sized", "short", "surplus", "scale-up lag P95",
			"most changes in any 5 min", "flaps per run", "under-provisioned min", "pod-min beyond ideal",
			"rescales toward ideal");

	public Comparison {
		variants = new LinkedHashMap<>(variants);
		workloads = List.copyOf(workloads);
		if (seeds < 1) {
			throw new IllegalArgumentException("a comparison needs at least one seed, was " + seeds);
		}
	}

	/**
	 * One variant per HPA, on the bounds and behavior of {@code base}, named after its
	 * signals and targets (e.g. {@code CPU 80 % + concurrency 8}).
	 * @param base the replica bounds and behavior every variant shares (its metrics are
	 * ignored)
	 * @param hpas each HPA's metrics
	 */
	public static Map<String, AutoscalerSpec> variants(AutoscalerSpec base, List<List<SignalTarget>> hpas) {
		Map<String, AutoscalerSpec> variants = new LinkedHashMap<>();
		for (List<SignalTarget> hpa : hpas) {
			String name = hpa.stream().map(SignalTarget::label).collect(Collectors.joining(" + "));
			List<MetricSpec> metrics = hpa.stream().map(SignalTarget::metric).toList();
			variants.put(name, new AutoscalerSpec(base.minReplicas(), base.maxReplicas(), metrics, base.behavior()));
		}
		return variants;
	}

	/**
	 * Each variant twice: with its own behavior ({@code , chart behavior}) and with
	 * Kubernetes' default ({@code , default behavior}).
	 */
	public static Map<String, AutoscalerSpec> withDefaultBehavior(Map<String, AutoscalerSpec> variants) {
		Map<String, AutoscalerSpec> both = new LinkedHashMap<>();
		variants.forEach((name, spec) -> {
			both.put(name + ", chart behavior", spec);
			both.put(name + ", default behavior",
					new AutoscalerSpec(spec.minReplicas(), spec.maxReplicas(), spec.metrics(), null));
		});
		return both;
	}

	/**
	 * Runs every variant on every workload.
	 * @return per workload, per variant, the pooled report and the first seed's run
	 */
	public Map<Workload, Map<String, Result>> run(Simulator simulator, Consumer<String> progress) {
		Map<Workload, Map<String, Result>> results = new LinkedHashMap<>();
		for (Workload workload : this.workloads) {
			Map<String, Result> byVariant = new LinkedHashMap<>();
			for (Map.Entry<String, AutoscalerSpec> variant : this.variants.entrySet()) {
				List<Run> runs = new ArrayList<>();
				for (int seed = 1; seed <= this.seeds; seed++) {
					runs.add(simulator.run(variant.getValue(), workload, seed, progress));
				}
				byVariant.put(variant.getKey(), new Result(Report.of(runs), runs.get(0)));
				progress.accept("replayed " + workload.name() + " with " + variant.getKey());
			}
			results.put(workload, byVariant);
		}
		return results;
	}

	/**
	 * One variant on one workload.
	 *
	 * @param report the seeds pooled
	 * @param first the first seed's run, for the chart
	 */
	public record Result(Report report, Run first) {

	}

	/**
	 * One trace's part of a comparison over several traces.
	 *
	 * @param trace the trace's name, for the table and the chart files
	 * @param simulator the trace's curves and cluster
	 * @param comparison the variants, the trace's loads (scaled to its capacity) and
	 * seeds
	 */
	public record Case(String trace, Simulator simulator, Comparison comparison) {

		/**
		 * A trace's case with the variants its simulator can drive: an HPA on the thread
		 * pool needs a trace with pool columns, so it is left out of the others.
		 * @param skipped receives a line per variant left out, with the reason
		 */
		public static Case of(String trace, Simulator simulator, Map<String, AutoscalerSpec> variants,
				List<Workload> workloads, int seeds, Consumer<String> skipped) {
			Map<String, AutoscalerSpec> drivable = new LinkedHashMap<>();
			variants.forEach((name, spec) -> {
				try {
					simulator.requireMetrics(spec, trace);
					drivable.put(name, spec);
				}
				catch (IllegalArgumentException ex) {
					skipped.accept("left out " + name + " on " + trace + ": " + ex.getMessage());
				}
			});
			return new Case(trace, simulator, new Comparison(drivable, workloads, seeds));
		}

	}

	/**
	 * One row of a comparison over several traces.
	 *
	 * @param trace the trace
	 * @param workload the load
	 * @param variant the HPA's name
	 * @param result its pooled report and first seed's run
	 */
	public record Row(String trace, Workload workload, String variant, Result result) {

	}

	/** Runs each trace's case, trace by trace. */
	public static List<Row> run(List<Case> cases, Consumer<String> progress) {
		List<Row> rows = new ArrayList<>();
		for (Case c : cases) {
			c.comparison()
				.run(c.simulator(), (line) -> progress.accept(c.trace() + ": " + line))
				.forEach((workload, byVariant) -> byVariant
					.forEach((variant, result) -> rows.add(new Row(c.trace(), workload, variant, result))));
		}
		return rows;
	}

	/** The results as a Markdown table, one row per workload and variant. */
	public static String table(Map<Workload, Map<String, Result>> results) {
		StringBuilder table = new StringBuilder();
		table.append("| load | HPA | ").append(String.join(" | ", COLUMNS)).append(" |\n");
		table.append("| --- | --- |").append(" ---: |".repeat(COLUMNS.size())).append("\n");
		results.forEach((workload,
				byVariant) -> byVariant.forEach((variant, result) -> table.append("| ")
					.append(workload.name())
					.append(" | ")
					.append(variant)
					.append(" | ")
					.append(String.join(" | ", cells(result.report())))
					.append(" |\n")));
		return table.toString();
	}

	/**
	 * The rows as a Markdown table: trace, load, HPA, then the report's columns.
	 */
	public static String table(List<Row> rows) {
		StringBuilder table = new StringBuilder();
		table.append("| trace | load | HPA | ").append(String.join(" | ", COLUMNS)).append(" |\n");
		table.append("| --- | --- | --- |").append(" ---: |".repeat(COLUMNS.size())).append("\n");
		for (Row row : rows) {
			table.append("| ")
				.append(row.trace())
				.append(" | ")
				.append(row.workload().name())
				.append(" | ")
				.append(row.variant())
				.append(" | ")
				.append(String.join(" | ", cells(row.result().report())))
				.append(" |\n");
		}
		return table.toString();
	}

	/** A report's cells, in the order of {@link #COLUMNS}. */
	static List<String> cells(Report r) {
		return List.of(Report.percent(r.rightSizedShare()), Report.percent(r.shortShare()),
				Report.percent(r.surplusShare()), (r.scaleUpLagP95() < 0) ? "n/a" : r.scaleUpLagP95() + " s",
				String.valueOf(r.maxChangesPer5Min()), String.format(Locale.ROOT, "%.1f", r.flapsPerRun()),
				String.format(Locale.ROOT, "%.1f", r.underProvisionedMinutes()),
				String.format(Locale.ROOT, "%.1f", r.overProvisionedPodMinutes()), String.format(Locale.ROOT,
						"%s (%d/%d)", Report.percent(r.towardIdealShare()), r.towardIdeal(), r.rescales()));
	}

	/**
	 * Writes one SVG per workload: a panel per signal, the chart behavior solid and the
	 * default dashed.
	 * @return the files written
	 */
	public static List<Path> charts(Map<Workload, Map<String, Result>> results, Path directory, String prefix,
			int maxReplicas) throws IOException {
		Files.createDirectories(directory);
		List<Path> files = new ArrayList<>();
		for (Map.Entry<Workload, Map<String, Result>> entry : results.entrySet()) {
			Map<String, List<SvgChart.Line>> bySignal = new LinkedHashMap<>();
			int[] ideal = null;
			for (Map.Entry<String, Result> variant : entry.getValue().entrySet()) {
				int comma = variant.getKey().indexOf(',');
				String signal = (comma < 0) ? variant.getKey() : variant.getKey().substring(0, comma);
				String behavior = (comma < 0) ? variant.getKey() : variant.getKey().substring(comma + 2);
				Run run = variant.getValue().first();
				ideal = run.ideal();
				bySignal.computeIfAbsent(signal, (s) -> new ArrayList<>())
					.add(new SvgChart.Line(behavior, run.replicas(), variant.getKey().contains("default")));
			}
			List<SvgChart.Panel> panels = new ArrayList<>();
			int[] idealLine = ideal;
			bySignal.forEach((signal, lines) -> panels.add(new SvgChart.Panel(signal, idealLine, lines)));
			Path file = directory.resolve(prefix + entry.getKey().name() + ".svg");
			Files.writeString(file,
					SvgChart.render(
							"Replicas against the capacity-ideal count: " + entry.getKey().name() + " load (seed 1)",
							panels, maxReplicas));
			files.add(file);
		}
		return files;
	}

	/**
	 * Writes one SVG per trace and load, {@code <trace>-<load>.svg}: the capacity-ideal
	 * count, the {@code drawn} variant solid and the {@code against} variant dashed (for
	 * example the chart's default against CPU), each its first seed's replica count.
	 * @throws IllegalArgumentException when a trace lacks either variant, naming the
	 * variants it has
	 * @return the files written
	 */
	public static List<Path> charts(List<Row> rows, String drawn, String against, Path directory, int maxReplicas)
			throws IOException {
		Map<String, Map<Workload, Map<String, Run>>> byTrace = new LinkedHashMap<>();
		for (Row row : rows) {
			byTrace.computeIfAbsent(row.trace(), (t) -> new LinkedHashMap<>())
				.computeIfAbsent(row.workload(), (w) -> new LinkedHashMap<>())
				.put(row.variant(), row.result().first());
		}
		Files.createDirectories(directory);
		List<Path> files = new ArrayList<>();
		for (Map.Entry<String, Map<Workload, Map<String, Run>>> trace : byTrace.entrySet()) {
			for (Map.Entry<Workload, Map<String, Run>> load : trace.getValue().entrySet()) {
				Map<String, Run> runs = load.getValue();
				for (String variant : List.of(drawn, against)) {
					if (!runs.containsKey(variant)) {
						throw new IllegalArgumentException("no variant '" + variant + "' on " + trace.getKey() + " ("
								+ load.getKey().name() + "): it has " + String.join(", ", runs.keySet()));
					}
				}
				Run first = runs.get(drawn);
				List<SvgChart.Line> lines = List.of(new SvgChart.Line(drawn, first.replicas(), false),
						new SvgChart.Line(against, runs.get(against).replicas(), true));
				Path file = directory.resolve(trace.getKey() + "-" + load.getKey().name() + ".svg");
				Files.writeString(file, SvgChart.render(
						String.format(
								Locale.ROOT, "Replicas against the capacity-ideal count: %s, %s load" + " (seed 1)",
								trace.getKey(), load.getKey().name()),
						List.of(new SvgChart.Panel(drawn + " against " + against, first.ideal(), lines)), maxReplicas));
				files.add(file);
			}
		}
		return files;
	}

}
