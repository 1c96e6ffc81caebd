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

import dev.steadypod.hpa.replay.ResponseCurves;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The simulated cluster's options, shared by {@code replay} and {@code compare}: the
 * latency objective, pod start-up and the metrics pipeline.
 */
final class SimulationOptions {

	/**
	 * Pod creation to ready. The demo JVM (one processor of its own, 256 MiB heap,
	 * self-warm-up on) was ready 22.5 s after launch (using 19.7 s of CPU) when
	 * docs/traces/demo-staged.csv was recorded, 23 s in the replay's whole seconds; the
	 * chart's startup and readiness probes, 5 s apart, add up to 10 s.
	 */
	static final String DEFAULT_STARTUP = "33s";

	@Option(names = "--slo-ms", paramLabel = "N", converter = Converters.Positive.class,
			description = "The latency objective in milliseconds (default: twice the trace's unloaded latency).")
	@Nullable Double sloMs;

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

	@Option(names = "--cpu-request-millis", paramLabel = "N", defaultValue = "1000",
			converter = Converters.AtLeastOne.class, description = "Each pod's CPU request, in millicores.")
	int cpuRequestMillis;

	@Option(names = "--processors", paramLabel = "N", converter = Converters.AtLeastOne.class,
			description = "The processors process_cpu_usage is a share of: all the machine's, not only the JVM's"
					+ " (default: the trace's '# machine: N processors' line, else 1).")
	@Nullable Integer processors;

	/** The latency objective: as given, or twice the trace's unloaded latency. */
	double slo(ResponseCurves curves) {
		return (this.sloMs != null) ? this.sloMs : 2 * curves.unloadedLatencyMs();
	}

}
