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

import java.time.Duration;
import java.util.Locale;

import dev.steadypod.hpa.model.ControllerSettings;
import dev.steadypod.hpa.replay.SimulationSettings;
import dev.steadypod.hpa.signal.PromQl;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * The simulated cluster's options, shared by {@code replay} and {@code compare}: pod
 * start-up, the metrics pipeline (scrapes, the adapter's {@code rate()} and the
 * Prometheus that evaluates it, metrics-server) and the controller's feature gate. The
 * trace's own pod ({@link PodOptions}) comes on top.
 */
final class SimulationOptions {

	/**
	 * Pod creation to ready. The demo JVM (one processor of its own, 256 MiB heap,
	 * self-warm-up on) was ready 22.5 s after launch (using 19.7 s of CPU) when
	 * docs/traces/demo-staged.csv was recorded, 23 s in the replay's whole seconds; the
	 * chart's startup and readiness probes, 5 s apart, add up to 10 s.
	 */
	static final String DEFAULT_STARTUP = "33s";

	@Option(names = "--startup", paramLabel = "DURATION", defaultValue = DEFAULT_STARTUP,
			converter = Converters.Durations.class,
			description = "Pod creation to ready: the demo JVM's measured start on one processor plus the chart's"
					+ " probe periods.")
	Duration startup;

	@Option(names = "--startup-cpu", paramLabel = "SHARE", converter = Converters.Positive.class,
			description = "CPU a starting pod uses, as a fraction of --processors (default: 1/processors, one"
					+ " processor's worth whatever the count).")
	@Nullable Double startupCpu;

	@Option(names = "--scrape-interval", paramLabel = "DURATION", defaultValue = "15s",
			converter = Converters.Durations.class, description = "Prometheus' scrape interval.")
	Duration scrapeInterval;

	@Option(names = "--relist-interval", paramLabel = "DURATION", defaultValue = "0s",
			converter = Converters.Durations.class,
			description = "Extra delay before a new pod's series reaches the HPA, in multiples of this"
					+ " (0s: prometheus-adapter queries the pods the HPA names on each request).")
	Duration relistInterval;

	@Option(names = "--metrics-resolution", paramLabel = "DURATION", defaultValue = "15s",
			converter = Converters.Durations.class, description = "metrics-server's resolution.")
	Duration metricsResolution;

	@Option(names = "--adapter-rate-window", paramLabel = "DURATION", defaultValue = "1m",
			converter = Converters.Durations.class,
			description = "The range of the adapter rules' rate(), as in [1m] (at least two scrapes for a rate).")
	Duration adapterRateWindow;

	@Option(names = "--prometheus-version", paramLabel = "2|3", defaultValue = "3",
			converter = Converters.PrometheusVersions.class,
			description = "The Prometheus that evaluates the rules: 3 selects a range's samples left-open, 2"
					+ " closed (a sample exactly one window old counts in 2 only).")
	PromQl.RangeBounds rangeBounds;

	@Option(names = "--configurable-tolerance", paramLabel = "true|false", arity = "0..1", defaultValue = "true",
			fallbackValue = "true", showDefaultValue = Visibility.ALWAYS,
			description = "The HPAConfigurableTolerance feature gate: on, an HPA's behavior.scaleUp/scaleDown"
					+ ".tolerance replaces the controller's 0.1 (on by default from Kubernetes 1.35); off, it is"
					+ " ignored.")
	boolean configurableTolerance;

	/**
	 * The settings from the options and the trace's pod. A starting pod defaults to one
	 * processor's worth of CPU, since a starting JVM keeps its processor busy.
	 * @param slo the latency objective
	 * @param processors the processors the trace's {@code cpu} column is a share of
	 * @param cpuRequestMillis each pod's CPU request
	 */
	SimulationSettings settings(double slo, double processors, long cpuRequestMillis) {
		return new SimulationSettings(ControllerSettings.DEFAULTS.withConfigurableTolerance(this.configurableTolerance),
				this.scrapeInterval, this.relistInterval, this.metricsResolution, this.startup,
				(this.startupCpu != null) ? this.startupCpu : 1.0 / processors, cpuRequestMillis, processors, slo)
			.withPrometheus(this.adapterRateWindow, this.rangeBounds);
	}

	/**
	 * How the settings read the trace's {@code cpu} column, and where the count came
	 * from.
	 */
	static String processors(SimulationSettings settings, String source) {
		return String.format(Locale.ROOT,
				"cpu: the trace's cpu column read as a share of %s processors (%s); a starting pod uses %.2f of them",
				PodOptions.number(settings.processors()), source, settings.startupCpu());
	}

	/** The pod's CPU request, and where it came from. */
	static String cpuRequest(SimulationSettings settings, String source) {
		return "cpu request: " + settings.cpuRequestMillis() + "m per pod (" + source
				+ "); CPU utilisation is a share of it";
	}

	/** The metrics pipeline and the controller's gate, as the settings hold them. */
	static String pipeline(SimulationSettings settings) {
		return String.format(Locale.ROOT,
				"cluster: start-up %s, scrape every %s, adapter relist %s, metrics-server every %s; rate() over"
						+ " [%s] as Prometheus %s evaluates it (%s ranges); HPAConfigurableTolerance %s",
				duration(settings.startupDelay()), duration(settings.scrapeInterval()),
				duration(settings.adapterRelistInterval()), duration(settings.metricsResolution()),
				duration(settings.rateWindow()), (settings.rangeBounds() == PromQl.RangeBounds.CLOSED) ? "2" : "3",
				(settings.rangeBounds() == PromQl.RangeBounds.CLOSED) ? "closed" : "left-open",
				settings.controller().configurableTolerance() ? "on (an HPA's own tolerance applies)"
						: "off (the controller's tolerance for every HPA)");
	}

	/** A duration as the options take it: {@code 1m}, {@code 90s}. */
	static String duration(Duration duration) {
		long seconds = duration.toSeconds();
		return (seconds > 0 && seconds % 60 == 0) ? (seconds / 60) + "m" : seconds + "s";
	}

}
