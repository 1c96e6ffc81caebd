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

import java.math.BigDecimal;

import java.util.Locale;

import dev.steadypod.hpa.replay.ResponseCurves;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * How to read a trace's pod, shared by {@code replay}, {@code compare} and
 * {@code recommend}: the latency objective that sets its capacity, its CPU request (which
 * CPU utilisation is a share of) and the processors its {@code cpu} column is a share of.
 * Each is the option when given, else what the trace's header says, else a default, and
 * the commands say which.
 */
final class PodOptions {

	/** The CPU request when neither the option nor the trace gives one: one core. */
	static final int DEFAULT_CPU_REQUEST_MILLIS = 1000;

	@Option(names = "--slo-ms", paramLabel = "N", converter = Converters.Positive.class,
			description = "The latency objective in milliseconds (default: twice the trace's unloaded latency).")
	@Nullable Double sloMs;

	@Option(names = "--cpu-request-millis", paramLabel = "N", converter = Converters.AtLeastOne.class,
			description = "Each pod's CPU request, in millicores (default: the trace's '# pod: cpu request Nm'"
					+ " line, else " + DEFAULT_CPU_REQUEST_MILLIS + ").")
	@Nullable Integer cpuRequestMillis;

	@Option(names = "--processors", paramLabel = "N", converter = Converters.Positive.class,
			description = "The processors process_cpu_usage is a share of: all the machine's, not only the JVM's, or"
					+ " a JVM's CPU quota when it runs inside one, e.g. 0.5 (default: the trace's '# cpu column: a share"
					+ " of N processors' line, else its '# machine: N processors' line, else 1).")
	@Nullable Double processors;

	/** The latency objective: as given, or twice the trace's unloaded latency. */
	Chosen slo(ResponseCurves curves) {
		if (this.sloMs != null) {
			return new Chosen(this.sloMs, "--slo-ms");
		}
		return new Chosen(curves.defaultSloMs(),
				String.format(Locale.ROOT, "twice the unloaded %.1f ms", curves.unloadedLatencyMs()));
	}

	Chosen processors(TraceHeader header) {
		if (this.processors != null) {
			return new Chosen(this.processors, "--processors");
		}
		if (header.cpuColumnProcessors().isPresent()) {
			return new Chosen(header.cpuColumnProcessors().getAsDouble(), "the trace's '# cpu column' line");
		}
		if (header.processors().isPresent()) {
			return new Chosen(header.processors().getAsInt(), "the trace's '# machine' line");
		}
		return new Chosen(1, "the default");
	}

	Chosen cpuRequestMillis(TraceHeader header) {
		if (this.cpuRequestMillis != null) {
			return new Chosen(this.cpuRequestMillis, "--cpu-request-millis");
		}
		if (header.cpuRequestMillis().isPresent()) {
			return new Chosen(header.cpuRequestMillis().getAsInt(), "the trace's '# pod' line");
		}
		return new Chosen(DEFAULT_CPU_REQUEST_MILLIS, "the default");
	}

	/**
	 * A value and where it came from, for the output.
	 *
	 * @param value the value
	 * @param source the option, the trace's line or the default
	 */
	record Chosen(double value, String source) {

		int whole() {
			return (int) this.value;
		}

		/** The value as it reads best: whole numbers without decimals. */
		String text() {
			return number(this.value);
		}

	}

	/** A number without needless decimals: {@code 2}, {@code 0.5}. */
	static String number(double value) {
		return (value == Math.rint(value)) ? String.valueOf((long) value)
				: BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
	}

}
