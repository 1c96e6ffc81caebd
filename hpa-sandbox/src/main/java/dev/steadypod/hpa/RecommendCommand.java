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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;

import dev.steadypod.hpa.record.TraceSample;
import dev.steadypod.hpa.replay.Recommendation;
import dev.steadypod.hpa.replay.ResponseCurves;
import dev.steadypod.hpa.replay.SignalTarget;
import dev.steadypod.hpa.signal.Signal;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code recommend}: each signal's per-pod target at a trace's knee, as text, as the
 * chart's values or as an HPA, the way {@code /actuator/warmup} recommends probes.
 */
@Command(name = "recommend",
		description = "Print each signal's per-pod target at a trace's knee (the highest steady load per pod within"
				+ " the latency objective): as text, as the Steadypod chart's values or as an autoscaling/v2 HPA to"
				+ " paste.")
final class RecommendCommand implements Callable<Integer> {

	/** A Kubernetes object name (RFC 1123 subdomain). */
	private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

	@Spec
	private CommandSpec spec;

	@ArgGroup(exclusive = true, multiplicity = "1")
	private TraceSourceOptions source;

	@Mixin
	private PodOptions pod;

	@Option(names = "--signals", paramLabel = "NAME", split = ",", converter = SignalNames.class,
			showDefaultValue = Visibility.NEVER,
			description = "The signals to print (text) or enable (values, hpa), comma-separated: cpu, in-flight,"
					+ " concurrency, requests-per-second, thread-pool (default: every signal the trace has).")
	private List<Signal> signals = new ArrayList<>();

	@Option(names = "--output", paramLabel = "FORMAT", defaultValue = "text", converter = Output.Names.class,
			description = "text: the targets and the knee; values: the chart's autoscaling block; hpa: a"
					+ " HorizontalPodAutoscaler.")
	private Output output;

	@Option(names = "--name", paramLabel = "NAME", defaultValue = "app",
			description = "The HPA's and its Deployment's name (hpa only).")
	private String name;

	@Option(names = "--min-replicas", paramLabel = "N", defaultValue = "2", converter = Converters.AtLeastOne.class,
			description = "The HPA's minReplicas (hpa only).")
	private int minReplicas;

	@Option(names = "--max-replicas", paramLabel = "N", defaultValue = "10", converter = Converters.AtLeastOne.class,
			description = "The HPA's maxReplicas (hpa only).")
	private int maxReplicas;

	private RecommendCommand() {
	}

	@Override
	public Integer call() throws IOException, InterruptedException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		if (!NAME.matcher(this.name).matches()) {
			throw new IllegalArgumentException("--name '" + this.name + "' is not a Kubernetes name: lower-case"
					+ " letters, digits, '-' and '.', starting and ending with a letter or digit");
		}
		List<TraceSample> samples = this.source.samples(err);
		ResponseCurves curves = ResponseCurves.of(samples);
		TraceHeader header = TraceHeader.of(this.source.file);
		PodOptions.Chosen slo = this.pod.slo(curves);
		PodOptions.Chosen processors = this.pod.processors(header);
		PodOptions.Chosen cpuRequest = this.pod.cpuRequestMillis(header);
		Recommendation recommendation = Recommendation.of(curves, slo.value(), cpuRequest.whole(), processors.value());
		List<Signal> chosen = this.signals.isEmpty() ? List.copyOf(recommendation.targets().keySet())
				: this.signals.stream().distinct().toList();
		List<SignalTarget> targets = recommendation.targets(chosen);
		String trace = (this.source.file != null) ? String.valueOf(this.source.file.getFileName())
				: "the Prometheus range";
		List<String> about = List.of(
				String.format(Locale.ROOT, "trace: %s, %d samples; capacity from %s", trace, samples.size(),
						curves.capacityBasis()),
				String.format(Locale.ROOT, "objective: %.0f ms (%s)", slo.value(), slo.source()),
				String.format(Locale.ROOT,
						"cpu: a share of a %dm request (%s); the trace's cpu column read as a"
								+ " share of %s processors (%s)",
						cpuRequest.whole(), cpuRequest.source(), processors.text(), processors.source()));
		switch (this.output) {
			case TEXT -> {
				about.forEach(out::println);
				List<String> lines = recommendation.lines();
				out.println(lines.get(0));
				List<Signal> all = List.copyOf(recommendation.targets().keySet());
				for (SignalTarget target : targets) {
					out.println("  " + lines.get(1 + all.indexOf(target.signal())));
				}
				out.println("Each target is the signal's mean per pod at the knee: an HPA holding the pods at it runs"
						+ " each at the knee load, with no headroom beyond what the objective leaves. Aim lower for"
						+ " headroom.");
			}
			case VALUES -> {
				about.forEach((line) -> out.println("# " + line));
				out.println("# " + recommendation.lines().get(0));
				out.print(recommendation.chartValues(chosen));
			}
			case HPA -> {
				about.forEach((line) -> out.println("# " + line));
				out.println("# " + recommendation.lines().get(0));
				out.print(recommendation.hpa(this.name, this.minReplicas, this.maxReplicas, chosen));
			}
		}
		out.flush();
		return HpaSandbox.DONE;
	}

	/** A signal as users name it, the names listed when it is none. */
	static final class SignalNames implements ITypeConverter<Signal> {

		@Override
		public Signal convert(String text) {
			try {
				return SignalTarget.signal(text);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	/** What {@code recommend} prints. */
	enum Output {

		TEXT, VALUES, HPA;

		@Override
		public String toString() {
			return name().toLowerCase(Locale.ROOT);
		}

		/** The names as the user writes them, in lower case. */
		static final class Names implements ITypeConverter<Output> {

			@Override
			public Output convert(String text) {
				for (Output output : values()) {
					if (output.toString().equals(text.strip())) {
						return output;
					}
				}
				throw new TypeConversionException("must be text, values or hpa, was '" + text + "'");
			}

		}

	}

}
