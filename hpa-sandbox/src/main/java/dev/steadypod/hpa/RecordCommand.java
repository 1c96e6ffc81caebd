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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.record.MetricsSource;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceRecorder;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help.Visibility;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code record}: a staged open-loop load on an app, its metrics every second. */
@Command(name = "record", description = "Drive an app with a staged open-loop load and write its metrics, every second,"
		+ " to a CSV trace.")
final class RecordCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--request", required = true, paramLabel = "URL", converter = Converters.HttpUrls.class,
			description = "The request to send, such as the demo's /work?ms=20&cpuMs=5&allocKb=256.")
	private URI request;

	@ArgGroup(exclusive = true, multiplicity = "1")
	private Source source;

	@Option(names = "--profile", required = true, paramLabel = "STAGES", converter = Converters.Profiles.class,
			description = "Stages of <seconds>s:<rps> or <seconds>s:<from>-><to>, e.g. 60s:5->40,120s:40,20s:40->120.")
	private LoadProfile profile;

	@Option(names = "--out", required = true, paramLabel = "FILE", description = "The CSV trace to write.")
	private Path out;

	@Option(names = "--max-outstanding", paramLabel = "N", defaultValue = "2000",
			converter = Converters.AtLeastOne.class,
			description = "Requests in flight beyond which sends are skipped and counted.")
	private int maxOutstanding;

	@Option(names = "--cgroup", paramLabel = "DIR",
			description = "The app's cgroup directory, whose cpu.stat gives throttled_ms: cgroup v1"
					+ " /sys/fs/cgroup/cpu/NAME or a cgroup v2 group (without it, throttled_ms is left empty).")
	private @Nullable Path cgroup;

	@Option(names = "--note", paramLabel = "TEXT", showDefaultValue = Visibility.NEVER,
			description = "A line for the trace's header, e.g. 'machine: 2 processors, ...' or 'pod: cpu request"
					+ " 500m, ...'; repeat for several lines.")
	private List<String> notes = new ArrayList<>();

	private RecordCommand() {
	}

	@Override
	public Integer call() throws IOException, InterruptedException {
		PrintWriter out = this.spec.commandLine().getOut();
		PrintWriter err = this.spec.commandLine().getErr();
		MetricsSource source = this.source.metrics();
		TraceRecorder.Settings settings = new TraceRecorder.Settings(this.request, source, this.profile,
				this.maxOutstanding, this.cgroup);
		out.println("recording " + settings.profile().duration().toSeconds() + " s of open-loop load on "
				+ settings.request() + ", " + source.description());
		TraceRecorder.Trace trace = new TraceRecorder().record(settings, out::println);
		List<String> provenance = new ArrayList<>(provenance(settings, trace));
		provenance.addAll(this.notes);
		if (trace.stoppedEarly() != null) {
			provenance.add(trace.stoppedEarly());
		}
		TraceCsv.write(this.out, provenance, trace.samples());
		out.println("wrote " + trace.samples().size() + " samples to " + this.out + " (" + trace.sent() + " sent, "
				+ trace.failed() + " failed, " + trace.dropped() + " dropped, " + trace.skipped()
				+ " seconds skipped)");
		if (trace.stoppedEarly() != null) {
			err.println("error: " + trace.stoppedEarly());
			return HpaSandbox.IO_FAILURE;
		}
		return HpaSandbox.DONE;
	}

	private static List<String> provenance(TraceRecorder.Settings settings, TraceRecorder.Trace trace) {
		Runtime runtime = Runtime.getRuntime();
		return List.of("recorded by steadypod hpa-sandbox 'record' at " + Instant.now(),
				"open loop: requests sent at the profile's rate whether or not earlier ones were answered",
				"request " + settings.request(), settings.metrics().description(),
				(settings.cgroup() != null) ? "CPU throttling read every second from " + settings.cgroup() + "/cpu.stat"
						: "CPU throttling not read (no --cgroup)",
				"profile " + stages(settings),
				"recorder: Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
						+ System.getProperty("os.arch") + ", " + runtime.availableProcessors() + " processors",
				"sent " + trace.sent() + ", failed " + trace.failed() + ", dropped " + trace.dropped()
						+ ", seconds skipped (no fresh in-flight series, e.g. a failed scrape) " + trace.skipped(),
				"columns: target_rps = requests offered in the second (sent or dropped); cpu = process_cpu_usage"
						+ " (the JVM's share of all the machine's processors, whatever it may use); in_flight = http_server_requests_active_seconds_count"
						+ " at the read; latency_ms = mean of the second's requests; gc_pause_ms ="
						+ " jvm_gc_pause_seconds_sum increase; pods = 1; client_latency_ms = mean time from sending to"
						+ " the response of the requests answered in the second, failures and timeouts ("
						+ TraceRecorder.REQUEST_TIMEOUT.toSeconds() + " s) included; outstanding = sent and not yet"
						+ " answered at the read; pool_busy, pool_max = tomcat_threads_busy_threads,"
						+ " tomcat_threads_config_max_threads (empty when not exported); throttled_ms = increase of"
						+ " the cgroup's throttled time per second (empty without --cgroup)");
	}

	private static String stages(TraceRecorder.Settings settings) {
		StringBuilder text = new StringBuilder();
		for (LoadProfile.Stage stage : settings.profile().stages()) {
			text.append((text.length() > 0) ? "," : "")
				.append(stage.duration().toSeconds())
				.append("s:")
				.append(stage.fromRps())
				.append("->")
				.append(stage.toRps());
		}
		return text.toString();
	}

	/** Where the metrics come from: the app's endpoint, or a Prometheus scraping it. */
	static final class Source {

		@Option(names = "--metrics", required = true, paramLabel = "URL", converter = Converters.HttpUrls.class,
				description = "Read the app's Prometheus endpoint (/actuator/prometheus) directly.")
		private @Nullable URI metrics;

		@ArgGroup(exclusive = false)
		private @Nullable PrometheusServer prometheus;

		MetricsSource metrics() {
			return (this.prometheus != null) ? MetricsSource.prometheus(this.prometheus.url, this.prometheus.selector)
					: MetricsSource.scrape(Objects.requireNonNull(this.metrics));
		}

	}

	/** A Prometheus server and the label matchers of the app's series there. */
	static final class PrometheusServer {

		@Option(names = "--prometheus", required = true, paramLabel = "URL", converter = Converters.HttpUrls.class,
				description = "Or ask a Prometheus server that scrapes the app every second.")
		private URI url;

		@Option(names = "--selector", paramLabel = "MATCHERS", defaultValue = "", showDefaultValue = Visibility.NEVER,
				description = "Label matchers for the app's series there, such as job=\"demo\" (default: none).")
		private String selector;

	}

}
