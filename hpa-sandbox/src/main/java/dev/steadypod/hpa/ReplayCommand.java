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
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.model.ReplicaProposal;
import dev.steadypod.hpa.model.ScaleDecision;
import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.record.TraceSample;
import dev.steadypod.hpa.replay.HpaSpecs;
import dev.steadypod.hpa.replay.Report;
import dev.steadypod.hpa.replay.ResponseCurves;
import dev.steadypod.hpa.replay.Run;
import dev.steadypod.hpa.replay.SimulationSettings;
import dev.steadypod.hpa.replay.Simulator;
import dev.steadypod.hpa.replay.Workload;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code replay}: an HPA and a trace in, the HPA's decisions on simulated pods and the
 * report out.
 */
@Command(name = "replay",
		description = "Replay a trace through an HPA on simulated pods: its decisions and the report (scaling"
				+ " accuracy, lag, flapping, under- and over-provisioning). A replay of more than an hour prints a"
				+ " progress line each simulated hour.")
final class ReplayCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--hpa", required = true, paramLabel = "FILE",
			description = "An autoscaling/v2 HorizontalPodAutoscaler manifest, or the Steadypod chart's values file.")
	private Path hpa;

	@ArgGroup(exclusive = true, multiplicity = "1")
	private TraceSourceOptions source;

	@Option(names = "--profile", paramLabel = "LOAD", defaultValue = "trace",
			description = "The load to replay: the trace's own (trace), a standard shape (staged, spike or daily)"
					+ " scaled so its peak needs --peak-pods pods, or stages in requests per second such as"
					+ " 60s:50->400,300s:400.")
	private String profile;

	@Option(names = "--peak-pods", paramLabel = "N", converter = Converters.AtLeastOne.class,
			description = "The pods the peak of a named profile needs (default: 80%% of maxReplicas).")
	private @Nullable Integer peakPods;

	@Option(names = "--seed", paramLabel = "N", defaultValue = "1", converter = Converters.AtLeastZero.class,
			description = "The first random seed.")
	private int seed;

	@Option(names = "--seeds", paramLabel = "N", defaultValue = "1", converter = Converters.AtLeastOne.class,
			description = "How many runs to pool, one seed after the other.")
	private int seeds;

	@Mixin
	private PodOptions pod;

	@Mixin
	private SimulationOptions simulation;

	@Option(names = "--decisions", paramLabel = "WHICH", defaultValue = "rescales", converter = Decisions.Names.class,
			description = "Which syncs to print: rescales, all or none.")
	private Decisions decisions;

	private ReplayCommand() {
	}

	@Override
	public Integer call() throws IOException, InterruptedException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		AutoscalerSpec spec = HpaSpecs.read(this.hpa);
		List<TraceSample> samples = this.source.samples(err);
		String traceName = (this.source.file != null) ? String.valueOf(this.source.file.getFileName())
				: "the Prometheus range";
		ResponseCurves curves = ResponseCurves.of(samples);
		TraceHeader header = TraceHeader.of(this.source.file);
		PodOptions.Chosen slo = this.pod.slo(curves);
		PodOptions.Chosen processors = this.pod.processors(header);
		PodOptions.Chosen cpuRequest = this.pod.cpuRequestMillis(header);
		SimulationSettings settings = this.simulation.settings(slo.value(), processors.value(), cpuRequest.whole());
		Simulator simulator = new Simulator(curves, settings);
		simulator.requireMetrics(spec, traceName);
		double capacity = curves.capacity(slo.value());
		Workload workload = workload(samples, capacity, spec);
		out.println("hpa: " + describe(spec));
		out.println(String.format(Locale.ROOT,
				"trace: %d samples; one pod takes %.1f requests per second within the %.0f ms objective (%s)",
				samples.size(), capacity, slo.value(), slo.source()));
		out.println("capacity basis: " + curves.capacityBasis());
		out.println(SimulationOptions.processors(settings, processors.source()));
		out.println(SimulationOptions.cpuRequest(settings, cpuRequest.source()));
		out.println(SimulationOptions.pipeline(settings));
		out.println("load: " + workload + "; ideal count = ceil(load / " + String.format(Locale.ROOT, "%.1f", capacity)
				+ ") within min and max");
		List<Run> runs = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < this.seeds; i++) {
			runs.add(simulator.run(spec, workload, this.seed + i, err::println));
			if (this.seeds > 1 && System.nanoTime() - started > 2_000_000_000L) {
				err.println("replayed " + (i + 1) + " of " + this.seeds + " seeds");
			}
		}
		if (this.decisions != Decisions.NONE) {
			out.println("decisions (seed " + this.seed + "):");
			for (ScaleDecision decision : runs.get(0).syncs()) {
				if (this.decisions == Decisions.ALL || decision.rescaled()) {
					out.println(line(decision, runs.get(0), spec));
				}
			}
		}
		out.println("report" + ((this.seeds > 1) ? " (" + this.seeds + " seeds pooled)" : "") + ":");
		Report.of(runs).lines().forEach((line) -> out.println("  " + line));
		return HpaSandbox.DONE;
	}

	private Workload workload(List<TraceSample> samples, double capacity, AutoscalerSpec spec) {
		if (this.profile.equals("trace")) {
			return Workload.of("trace", samples);
		}
		if (Workload.NAMES.contains(this.profile)) {
			int peak = (this.peakPods != null) ? this.peakPods
					: Math.max(1, (int) Math.round(0.8 * spec.maxReplicas()));
			return Workload.named(this.profile, capacity, peak);
		}
		if (this.peakPods != null) {
			throw new IllegalArgumentException(
					"--peak-pods scales the named profiles only, not stages in requests" + " per second");
		}
		return Workload.of("stages", LoadProfile.parse(this.profile));
	}

	static String describe(AutoscalerSpec spec) {
		List<String> metrics = new ArrayList<>();
		for (MetricSpec metric : spec.metrics()) {
			metrics.add(switch (metric.target().type()) {
				case UTILIZATION -> metric.name() + " " + metric.target().milliValue() + " %";
				case AVERAGE_VALUE, VALUE ->
					metric.name() + " " + String.format(Locale.ROOT, "%.3f", metric.target().milliValue() / 1000.0)
						.replaceAll("\\.?0+$", "") + " per pod";
			});
		}
		return spec.minReplicas() + ".." + spec.maxReplicas() + " replicas on " + String.join(" and ", metrics) + ", "
				+ ((spec.behavior() != null) ? "with a behavior" : "Kubernetes' default behavior");
	}

	private static String line(ScaleDecision decision, Run run, AutoscalerSpec spec) {
		long t = decision.time().getEpochSecond() - Simulator.instant(0).getEpochSecond();
		List<String> asks = new ArrayList<>();
		List<MetricSpec> metrics = proposing(spec, decision);
		for (int i = 0; i < decision.proposals().size(); i++) {
			ReplicaProposal proposal = decision.proposals().get(i);
			String name = (i < metrics.size()) ? metrics.get(i).name() : "a metric";
			asks.add((proposal.utilization().isPresent() ? name + " " + proposal.utilization().getAsInt() + " %"
					: String.format(Locale.ROOT, "%s %.2f/pod", name, proposal.usageMilli() / 1000.0)) + " asks "
					+ proposal.replicas());
		}
		return String.format(Locale.ROOT, "  %3d:%02d  %2d -> %2d  ideal %2d  load %6.1f rps  %s  (%s)", t / 60, t % 60,
				decision.currentReplicas(), decision.desiredReplicas(), run.ideal()[(int) t],
				run.workload().at((int) t), String.join(", ", asks), decision.reason());
	}

	/**
	 * The metrics behind a decision's proposals, in order: the controller proposes only
	 * for the metrics it could read, so the one whose error the decision names is left
	 * out; empty when the two still do not pair up.
	 */
	private static List<MetricSpec> proposing(AutoscalerSpec spec, ScaleDecision decision) {
		List<MetricSpec> metrics = new ArrayList<>(spec.metrics());
		String error = decision.error();
		if (metrics.size() != decision.proposals().size() && error != null) {
			metrics.removeIf((metric) -> error.startsWith(metric.name() + ": "));
		}
		return (metrics.size() == decision.proposals().size()) ? metrics : List.of();
	}

	/** Which syncs the replay prints. */
	enum Decisions {

		RESCALES, ALL, NONE;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The names as the user writes them, in lower case. */
		static final class Names implements ITypeConverter<Decisions> {

			@Override
			public Decisions convert(String text) {
				for (Decisions decisions : values()) {
					if (decisions.toString().equals(text.strip())) {
						return decisions;
					}
				}
				throw new TypeConversionException("must be rescales, all or none, was '" + text + "'");
			}

		}

	}

}
