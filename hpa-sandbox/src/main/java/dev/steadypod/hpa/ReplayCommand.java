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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.ControllerSettings;
import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.model.ReplicaProposal;
import dev.steadypod.hpa.model.ScaleDecision;
import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.record.PrometheusTrace;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceSample;
import dev.steadypod.hpa.replay.ResponseCurves;
import dev.steadypod.hpa.replay.HpaSpecs;
import dev.steadypod.hpa.replay.Report;
import dev.steadypod.hpa.replay.Run;
import dev.steadypod.hpa.replay.SimulationSettings;
import dev.steadypod.hpa.replay.Simulator;
import dev.steadypod.hpa.replay.Workload;

/**
 * {@code replay}: an HPA and a trace in, the HPA's decisions on simulated pods and the
 * report out.
 */
final class ReplayCommand {

	static final String USAGE = """
			usage: replay --hpa FILE (--trace FILE | --prometheus URL [--selector MATCHERS]
			              (--last DURATION | --start INSTANT --end INSTANT) [--step 15s] [--rate-window 1m])
			              [--profile trace|staged|spike|daily|STAGES] [--peak-pods N] [--slo-ms N] [--seed N] [--seeds N]
			              [--startup 33s] [--startup-cpu 1/processors] [--scrape-interval 15s] [--relist-interval 0s]
			              [--metrics-resolution 15s] [--cpu-request-millis 1000] [--processors N] [--decisions rescales|all|none]
			  --hpa                an autoscaling/v2 HorizontalPodAutoscaler manifest, or the Steadypod chart's values file
			  --trace              a CSV trace written by 'record' (columns second, completed_rps, cpu, in_flight, latency_ms;
			                       target_rps, gc_pause_ms, pods optional)
			  --prometheus         or read the trace from this Prometheus with range queries
			  --selector           label matchers for the app's series there, e.g. 'namespace="shop",pod=~"shop-.*"'
			  --last / --start, --end  the range: a duration back from now, or two instants such as 2026-11-28T09:00:00Z
			  --step               the range query's resolution, at least the scrape interval (default 15s)
			  --rate-window        the rate() window, at least two scrapes (default 1m)
			  --profile            the load to replay: the trace's own (default), a standard shape scaled so its peak needs
			                       --peak-pods pods (default 80% of maxReplicas), or stages in requests per second
			  --slo-ms             the latency objective (default: twice the trace's unloaded latency)
			  --seed, --seeds      the first random seed (default 1) and how many runs to pool (default 1)
			  --startup            pod creation to ready (default 33s: the demo JVM's measured start on one processor plus
			                       the chart's probe periods)
			  --startup-cpu        CPU a starting pod uses, as a fraction of --processors (default 1/processors: one
			                       processor's worth, whatever the count)
			  --scrape-interval    Prometheus' scrape interval (default 15s)
			  --relist-interval    extra delay before a new pod's series reaches the HPA, in multiples of this (default 0s:
			                       prometheus-adapter queries the pods the HPA names on each request)
			  --metrics-resolution metrics-server's resolution (default 15s)
			  --cpu-request-millis each pod's CPU request (default 1000)
			  --processors         the processors process_cpu_usage is a share of: all the machine's, not only the
			                       JVM's (default: the trace's '# machine: N processors' line, else 1)
			  --decisions          which syncs to print: rescales (default), all or none""";

	private static final Set<String> OPTIONS = Set.of("hpa", "trace", "prometheus", "selector", "last", "start", "end",
			"step", "rate-window", "profile", "peak-pods", "slo-ms", "seed", "seeds", "startup", "startup-cpu",
			"scrape-interval", "relist-interval", "metrics-resolution", "cpu-request-millis", "processors",
			"decisions");

	/**
	 * Pod creation to ready. The demo JVM (one processor of its own, 256 MiB heap,
	 * self-warm-up on) was ready 22.5 s after launch (using 19.7 s of CPU) when
	 * docs/traces/demo-staged.csv was recorded, 23 s in the replay's whole seconds; the
	 * chart's startup and readiness probes, 5 s apart, add up to 10 s.
	 */
	static final Duration DEFAULT_STARTUP = Duration.ofSeconds(33);

	private ReplayCommand() {
	}

	static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
		Options options = Options.parse(args, OPTIONS, USAGE);
		AutoscalerSpec spec = HpaSpecs.read(Path.of(options.required("hpa")));
		options.exactlyOne("trace", "prometheus");
		String decisions = options.get("decisions", "rescales");
		if (!List.of("rescales", "all", "none").contains(decisions)) {
			throw new IllegalArgumentException("--decisions must be rescales, all or none, was '" + decisions + "'");
		}
		List<TraceSample> samples = samples(options, err);
		ResponseCurves curves = ResponseCurves.of(samples);
		double slo = options.decimal("slo-ms", 2 * curves.unloadedLatencyMs());
		OptionalInt traceProcessors = options.has("trace")
				? TraceCsv.machineProcessors(Path.of(options.required("trace"))) : OptionalInt.empty();
		SimulationSettings settings = settings(options, slo, traceProcessors);
		double capacity = curves.capacity(slo);
		Workload workload = workload(options, samples, capacity, spec);
		int seed = options.integer("seed", 1, 0);
		int seeds = options.integer("seeds", 1, 1);
		out.println("hpa: " + describe(spec));
		out.println(
				String.format(Locale.ROOT,
						"trace: %d samples; one pod takes %.1f requests per second within the %.0f ms objective"
								+ " (unloaded latency %.1f ms)",
						samples.size(), capacity, slo, curves.unloadedLatencyMs()));
		out.println(processors(options, settings, traceProcessors));
		out.println("load: " + workload + "; ideal count = ceil(load / " + String.format(Locale.ROOT, "%.1f", capacity)
				+ ") within min and max");
		Simulator simulator = new Simulator(curves, settings);
		List<Run> runs = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < seeds; i++) {
			runs.add(simulator.run(spec, workload, seed + i, err::println));
			if (seeds > 1 && System.nanoTime() - started > 2_000_000_000L) {
				err.println("replayed " + (i + 1) + " of " + seeds + " seeds");
			}
		}
		if (!decisions.equals("none")) {
			out.println("decisions (seed " + seed + "):");
			for (ScaleDecision decision : runs.get(0).syncs()) {
				if (decisions.equals("all") || decision.rescaled()) {
					out.println(line(decision, runs.get(0)));
				}
			}
		}
		out.println("report" + ((seeds > 1) ? " (" + seeds + " seeds pooled)" : "") + ":");
		Report.of(runs).lines().forEach((line) -> out.println("  " + line));
		return 0;
	}

	private static List<TraceSample> samples(Options options, PrintStream err)
			throws IOException, InterruptedException {
		if (options.has("trace")) {
			return TraceCsv.read(Path.of(options.required("trace")));
		}
		Instant start;
		Instant end;
		if (options.has("last")) {
			if (options.has("start") || options.has("end")) {
				throw new IllegalArgumentException("give --last or --start and --end, not both");
			}
			end = Instant.now();
			start = end.minus(options.duration("last", Duration.ZERO));
		}
		else {
			start = options.instant("start");
			end = options.instant("end");
		}
		Duration step = options.duration("step", Duration.ofSeconds(15));
		PrometheusTrace trace = new PrometheusTrace(options.url("prometheus"), options.get("selector", ""), start, end,
				step, options.duration("rate-window", Duration.ofMinutes(1)));
		return trace.fetch(err::println);
	}

	/**
	 * The settings from the options. The processor count defaults to the trace's own,
	 * since {@code process_cpu_usage} is a share of all the recording machine's
	 * processors; a starting pod defaults to one processor's worth of them.
	 */
	static SimulationSettings settings(Options options, double slo, OptionalInt traceProcessors) {
		int processors = options.has("processors") ? options.integer("processors", 1, 1) : traceProcessors.orElse(1);
		return new SimulationSettings(ControllerSettings.DEFAULTS,
				options.duration("scrape-interval", Duration.ofSeconds(15)),
				options.duration("relist-interval", Duration.ZERO),
				options.duration("metrics-resolution", Duration.ofSeconds(15)),
				options.duration("startup", DEFAULT_STARTUP), options.decimal("startup-cpu", 1.0 / processors),
				options.integer("cpu-request-millis", 1000, 1), processors, slo);
	}

	static String processors(Options options, SimulationSettings settings, OptionalInt traceProcessors) {
		String source = options.has("processors") ? "--processors"
				: traceProcessors.isPresent() ? "the trace's '# machine' line" : "the default";
		return String.format(Locale.ROOT,
				"cpu: the trace's cpu column read as a share of %d processors (%s); a starting pod uses %.2f of them",
				settings.processors(), source, settings.startupCpu());
	}

	private static Workload workload(Options options, List<TraceSample> samples, double capacity, AutoscalerSpec spec) {
		String profile = options.get("profile", "trace");
		if (profile.equals("trace")) {
			return Workload.of("trace", samples);
		}
		if (Workload.NAMES.contains(profile)) {
			int peak = options.integer("peak-pods", Math.max(1, (int) Math.round(0.8 * spec.maxReplicas())), 1);
			return Workload.named(profile, capacity, peak);
		}
		if (options.has("peak-pods")) {
			throw new IllegalArgumentException(
					"--peak-pods scales the named profiles only, not stages in requests" + " per second");
		}
		return Workload.of("stages", LoadProfile.parse(profile));
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

	private static String line(ScaleDecision decision, Run run) {
		long t = decision.time().getEpochSecond() - Simulator.instant(0).getEpochSecond();
		StringBuilder asks = new StringBuilder();
		for (ReplicaProposal proposal : decision.proposals()) {
			asks.append((asks.length() > 0) ? ", " : "")
				.append(proposal.utilization().isPresent() ? "cpu " + proposal.utilization().getAsInt() + " %"
						: String.format(Locale.ROOT, "in flight %.1f/pod", proposal.usageMilli() / 1000.0))
				.append(" asks ")
				.append(proposal.replicas());
		}
		return String.format(Locale.ROOT, "  %3d:%02d  %2d -> %2d  ideal %2d  load %6.1f rps  %s  (%s)", t / 60, t % 60,
				decision.currentReplicas(), decision.desiredReplicas(), run.ideal()[(int) t],
				run.workload().at((int) t), asks, decision.reason());
	}

}
