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
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

import dev.steadypod.hpa.record.PrometheusTrace;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceSample;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Option;

/**
 * Where {@code replay} and {@code recommend} read their trace: a file, or a Prometheus's
 * range queries over a duration back from now or between two instants. picocli checks
 * that exactly one source is given, and a whole range.
 */
final class TraceSourceOptions {

	@Option(names = "--trace", required = true, paramLabel = "FILE",
			description = "A CSV trace written by 'record' (columns second, completed_rps, cpu, in_flight,"
					+ " latency_ms; target_rps, gc_pause_ms, pods optional).")
	@Nullable Path file;

	@ArgGroup(exclusive = false)
	private @Nullable PrometheusRange prometheus;

	List<TraceSample> samples(PrintWriter err) throws IOException, InterruptedException {
		if (this.file != null) {
			return TraceCsv.read(this.file);
		}
		return Objects.requireNonNull(this.prometheus).trace().fetch(err::println);
	}

	/** A range of a Prometheus's series, read with range queries. */
	static final class PrometheusRange {

		@Option(names = "--prometheus", required = true, paramLabel = "URL", converter = Converters.HttpUrls.class,
				description = "Or read the trace from this Prometheus with range queries.")
		private URI url;

		@Option(names = "--selector", paramLabel = "MATCHERS", defaultValue = "", showDefaultValue = Visibility.NEVER,
				description = "Label matchers for the app's series there, such as namespace=\"shop\" (default: none).")
		private String selector;

		@ArgGroup(exclusive = true, multiplicity = "1")
		private Range range;

		@Option(names = "--step", paramLabel = "DURATION", defaultValue = "15s", converter = Converters.Durations.class,
				description = "The range query's resolution, at least the scrape interval.")
		private Duration step;

		@Option(names = "--rate-window", paramLabel = "DURATION", defaultValue = "1m",
				converter = Converters.Durations.class, description = "The rate() window, at least two scrapes.")
		private Duration rateWindow;

		PrometheusTrace trace() {
			Instant end = (this.range.interval != null) ? this.range.interval.end : Instant.now();
			Instant start = (this.range.interval != null) ? this.range.interval.start
					: end.minus(Objects.requireNonNull(this.range.last));
			return new PrometheusTrace(this.url, this.selector, start, end, this.step, this.rateWindow);
		}

	}

	/** The range: a duration back from now, or two instants. */
	static final class Range {

		@Option(names = "--last", required = true, paramLabel = "DURATION", converter = Converters.Durations.class,
				description = "The range: a duration back from now, such as 6h,")
		private @Nullable Duration last;

		@ArgGroup(exclusive = false)
		private @Nullable Interval interval;

	}

	/** Two instants. */
	static final class Interval {

		@Option(names = "--start", required = true, paramLabel = "INSTANT", converter = Converters.Instants.class,
				description = "or from an instant such as 2026-11-28T09:00:00Z")
		private Instant start;

		@Option(names = "--end", required = true, paramLabel = "INSTANT", converter = Converters.Instants.class,
				description = "to another.")
		private Instant end;

	}

}
