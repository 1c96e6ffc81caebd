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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceSample;
import dev.steadypod.hpa.replay.Comparison;
import dev.steadypod.hpa.replay.Recommendation;
import dev.steadypod.hpa.replay.Report;
import dev.steadypod.hpa.replay.ResponseCurves;
import dev.steadypod.hpa.replay.SignalTarget;
import dev.steadypod.hpa.replay.SimulationSettings;
import dev.steadypod.hpa.replay.Simulator;
import dev.steadypod.hpa.replay.Workload;
import org.jspecify.annotations.Nullable;

/**
 * One trace of {@code compare}, read on its own terms: its curves, objective, processors,
 * CPU request and capacity; the standard loads scaled to that capacity; the HPAs it can
 * drive, knee targets resolved to its own knee.
 *
 * @param name the trace's file name without {@code .csv}, as the table and the charts
 * name it
 * @param file the trace
 * @param samples its samples
 * @param curves its response curves
 * @param slo the latency objective and where it came from
 * @param processors the processors its {@code cpu} column is a share of, and where that
 * came from
 * @param cpuRequest the pod's CPU request in millicores, and where it came from
 * @param settings the simulated cluster
 * @param capacity one pod's capacity in requests per second
 * @param peakPods the pods each load's peak needs
 * @param comparison the variants it can drive on its loads
 * @param choices the choice behind each variant, by its label without the behavior (none
 * for the chart default)
 * @param leftOut a line per variant it cannot drive
 */
record ComparedTrace(String name, Path file, int samples, ResponseCurves curves, PodOptions.Chosen slo,
		PodOptions.Chosen processors, PodOptions.Chosen cpuRequest, SimulationSettings settings, double capacity,
		int peakPods, Comparison.Case comparison, Map<String, HpaChoice> choices, List<String> leftOut) {

	static final String CHART_BEHAVIOR = ", chart behavior";

	static final String DEFAULT_BEHAVIOR = ", default behavior";

	/** The start of the chart default's label, followed by its signals. */
	static final String CHART_DEFAULT = "chart default";

	/**
	 * Reads a trace and prepares its comparison.
	 * @param chart the chart's HPA: its metrics are the chart default, its bounds and
	 * behavior every variant's
	 * @param chartLabel the chart default's label
	 * @param behaviors which behaviors to replay each variant with
	 * @param peakPods the pods each load's peak needs, or {@code null} for 80 % of the
	 * chart's maxReplicas
	 * @param err receives a line per variant left out
	 * @throws IllegalArgumentException naming the trace when it has no capacity
	 */
	static ComparedTrace of(Path file, PodOptions pod, SimulationOptions simulation, AutoscalerSpec chart,
			String chartLabel, List<HpaChoice> choices, CompareCommand.Behaviors behaviors, @Nullable Integer peakPods,
			int seeds, Consumer<String> err) throws IOException {
		String name = name(file);
		List<TraceSample> samples = TraceCsv.read(file);
		try {
			ResponseCurves curves = ResponseCurves.of(samples);
			TraceHeader header = TraceHeader.of(file);
			PodOptions.Chosen slo = pod.slo(curves);
			PodOptions.Chosen processors = pod.processors(header);
			PodOptions.Chosen cpuRequest = pod.cpuRequestMillis(header);
			SimulationSettings settings = simulation.settings(slo.value(), processors.value(), cpuRequest.whole());
			double capacity = curves.capacity(slo.value());
			int peak = (peakPods != null) ? peakPods : Math.max(1, (int) Math.round(0.8 * chart.maxReplicas()));
			List<Workload> workloads = Workload.NAMES.stream()
				.map((load) -> Workload.named(load, capacity, peak))
				.toList();
			Recommendation knee = Recommendation.of(curves, slo.value(), cpuRequest.whole(), processors.value());
			List<String> leftOut = new ArrayList<>();
			Map<String, AutoscalerSpec> variants = new LinkedHashMap<>();
			Map<String, HpaChoice> byLabel = new HashMap<>();
			variants.put(chartLabel, chart);
			for (HpaChoice choice : choices) {
				try {
					HpaChoice.Resolved resolved = choice.resolve(knee);
					List<MetricSpec> metrics = resolved.targets().stream().map(SignalTarget::metric).toList();
					variants.put(resolved.label(),
							new AutoscalerSpec(chart.minReplicas(), chart.maxReplicas(), metrics, chart.behavior()));
					byLabel.put(resolved.label(), choice);
				}
				catch (IllegalArgumentException ex) {
					leftOut.add("left out " + choice + " on " + name + ": " + ex.getMessage());
				}
			}
			Map<String, AutoscalerSpec> withBehaviors = new LinkedHashMap<>();
			Comparison.withDefaultBehavior(variants).forEach((label, spec) -> {
				if (behaviors.includes(label)) {
					withBehaviors.put(label, spec);
				}
			});
			Comparison.Case comparison = Comparison.Case.of(name, new Simulator(curves, settings), withBehaviors,
					workloads, seeds, leftOut::add);
			leftOut.forEach(err);
			return new ComparedTrace(name, file, samples.size(), curves, slo, processors, cpuRequest, settings,
					capacity, peak, comparison, byLabel, leftOut);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException(file + ": " + ex.getMessage(), ex);
		}
	}

	/** A trace's name in the table and the charts' file names: its file's, less .csv. */
	static String name(Path file) {
		String name = String.valueOf(file.getFileName());
		return name.endsWith(".csv") ? name.substring(0, name.length() - ".csv".length()) : name;
	}

	/** The chart default's label, e.g. {@code chart default (in-flight 10)}. */
	static String chartLabel(AutoscalerSpec chart) {
		List<String> signals = chart.metrics().stream().map((metric) -> SignalTarget.of(metric).label()).toList();
		return CHART_DEFAULT + " (" + String.join(" + ", signals) + ")";
	}

	/** The variants it replays, with their behaviors, in order. */
	List<String> variants() {
		return List.copyOf(this.comparison.comparison().variants().keySet());
	}

	/** The loads it replays. */
	List<Workload> workloads() {
		return this.comparison.comparison().workloads();
	}

	/**
	 * The variant a user names: its whole label, or without the behavior (the chart's
	 * behavior when replayed, else the default), its {@code --signals} choice (e.g.
	 * {@code concurrency=knee} for {@code concurrency 8.3 (knee)}), or {@code chart
	 * default} for the chart's.
	 * @return the variant's label, or {@code null} when none fits
	 */
	@Nullable String variant(String wanted) {
		String key = wanted.strip();
		HpaChoice choice = null;
		if (key.contains("=")) {
			try {
				choice = HpaChoice.parse(key);
			}
			catch (IllegalArgumentException ex) {
				// Not a choice: a label then.
			}
		}
		String found = null;
		for (String label : variants()) {
			if (label.equalsIgnoreCase(key)) {
				return label;
			}
			String base = base(label);
			HpaChoice behind = this.choices.get(base);
			boolean fits = base.equalsIgnoreCase(key)
					|| (behind == null && key.equalsIgnoreCase(CHART_DEFAULT) && base.startsWith(CHART_DEFAULT))
					|| (behind != null && choice != null && behind.sameAs(choice));
			if (fits && (found == null || label.endsWith(CHART_BEHAVIOR))) {
				found = label;
			}
		}
		return found;
	}

	/** A label without its behavior. */
	static String base(String label) {
		for (String suffix : List.of(CHART_BEHAVIOR, DEFAULT_BEHAVIOR)) {
			if (label.endsWith(suffix)) {
				return label.substring(0, label.length() - suffix.length());
			}
		}
		return label;
	}

	/** The trace's line in comparison.md: what its capacity and pod rest on. */
	String summary() {
		StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
				"- `%s`: %d samples. One pod takes %.1f requests per second within the %.0f ms objective (%s),"
						+ " judged by %s; each load's peak needs %d pods. CPU request %dm (%s); the cpu column a share"
						+ " of %s processors (%s).",
				this.file.getFileName(), this.samples, this.capacity, this.slo.value(), this.slo.source(),
				this.curves.capacityBasis(), this.peakPods, this.cpuRequest.whole(), this.cpuRequest.source(),
				this.processors.text(), this.processors.source()));
		int sync = (int) this.settings.controller().syncPeriod().toSeconds();
		line.append(" An HPA that set the ideal count at every ")
			.append(sync)
			.append(" s sync would change it at most ");
		List<String> changes = new ArrayList<>();
		for (Workload workload : this.comparison.comparison().workloads()) {
			changes.add(Report.idealChangesInAnyWindow(workload, this.capacity,
					this.comparison.comparison().variants().values().iterator().next(), sync) + " times ("
					+ workload.name() + ")");
		}
		line.append(String.join(", ", changes)).append(" in any 5 minutes.");
		this.leftOut.forEach((left) -> line.append("\n  - ").append(left));
		return line.toString();
	}

}
