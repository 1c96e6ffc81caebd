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

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.model.MetricTarget;

/**
 * CPU against in-flight requests: the chart's HPA (its in-flight target and behavior),
 * the same with a CPU utilisation target instead, and each with Kubernetes' default
 * behavior, replayed on the same workloads and seeds.
 *
 * @param variants the HPAs compared, by label
 * @param workloads the loads
 * @param seeds how many seeds each run pools (1, 2, ...)
 */
public record Comparison(Map<String, AutoscalerSpec> variants, List<Workload> workloads, int seeds) {

	/**
	 * The four variants from the chart's HPA: in-flight and CPU, chart behavior and
	 * default.
	 * @param chart the chart's HPA (its first metric is the in-flight one)
	 * @param cpuPercent the CPU utilisation target
	 */
	public static Map<String, AutoscalerSpec> variants(AutoscalerSpec chart, int cpuPercent) {
		MetricSpec inFlight = chart.metrics()
			.stream()
			.filter((m) -> m instanceof MetricSpec.Pods)
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("the chart's HPA has no in-flight metric"));
		MetricSpec cpu = new MetricSpec.Resource("cpu", null, MetricTarget.utilization(cpuPercent));
		String target = String.format(Locale.ROOT, "%.0f", inFlight.target().milliValue() / 1000.0);
		Map<String, AutoscalerSpec> variants = new LinkedHashMap<>();
		variants.put("in-flight " + target + ", chart behavior",
				new AutoscalerSpec(chart.minReplicas(), chart.maxReplicas(), List.of(inFlight), chart.behavior()));
		variants.put("in-flight " + target + ", default behavior",
				new AutoscalerSpec(chart.minReplicas(), chart.maxReplicas(), List.of(inFlight), null));
		variants.put("CPU " + cpuPercent + " %, chart behavior",
				new AutoscalerSpec(chart.minReplicas(), chart.maxReplicas(), List.of(cpu), chart.behavior()));
		variants.put("CPU " + cpuPercent + " %, default behavior",
				new AutoscalerSpec(chart.minReplicas(), chart.maxReplicas(), List.of(cpu), null));
		return variants;
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
	 * The results as a Markdown table, one row per workload and variant, the share of
	 * time right-sized first.
	 */
	public static String table(Map<Workload, Map<String, Result>> results) {
		StringBuilder table = new StringBuilder();
		table.append("| load | HPA | right-sized | short | surplus | scale-up lag P95 | most changes in any 5 min | ")
			.append("flaps per run | under-provisioned min | pod-min beyond ideal | rescales toward ideal |\n")
			.append("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |\n");
		results.forEach((workload, byVariant) -> byVariant.forEach((variant, result) -> {
			Report r = result.report();
			table.append(String.format(Locale.ROOT,
					"| %s | %s | %s | %s | %s | %s | %d | %.1f | %.1f | %.1f | %s (%d/%d) |\n", workload.name(),
					variant, Report.percent(r.rightSizedShare()), Report.percent(r.shortShare()),
					Report.percent(r.surplusShare()), (r.scaleUpLagP95() < 0) ? "n/a" : r.scaleUpLagP95() + " s",
					r.maxChangesPer5Min(), r.flapsPerRun(), r.underProvisionedMinutes(), r.overProvisionedPodMinutes(),
					Report.percent(r.towardIdealShare()), r.towardIdeal(), r.rescales()));
		}));
		return table.toString();
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
				String signal = variant.getKey().substring(0, variant.getKey().indexOf(','));
				Run run = variant.getValue().first();
				ideal = run.ideal();
				bySignal.computeIfAbsent(signal, (s) -> new ArrayList<>())
					.add(new SvgChart.Line(variant.getKey().substring(variant.getKey().indexOf(',') + 2),
							run.replicas(), variant.getKey().contains("default")));
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

}
