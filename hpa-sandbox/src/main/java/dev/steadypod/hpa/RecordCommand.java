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
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.record.MetricsSource;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceRecorder;

/** {@code record}: a staged open-loop load on an app, its metrics every second. */
final class RecordCommand {

	static final String USAGE = """
			usage: record --request URL (--metrics URL | --prometheus URL [--selector MATCHERS]) --profile STAGES --out FILE
			              [--max-outstanding N] [--cgroup DIR] [--note TEXT]
			  --request          the request to send, e.g. 'http://127.0.0.1:8080/work?ms=20&cpuMs=5&allocKb=256'
			  --metrics          read the app's Prometheus endpoint directly, e.g. http://127.0.0.1:8081/actuator/prometheus
			  --prometheus       or ask a Prometheus server that scrapes the app (every second), e.g. http://127.0.0.1:9090
			  --selector         label matchers for the app's series in that Prometheus, e.g. 'job="demo"'
			  --profile          stages of <seconds>s:<rps> or <seconds>s:<from>-><to>, e.g. 60s:5->40,120s:40,20s:40->120
			  --out              the CSV trace to write
			  --max-outstanding  requests in flight beyond which sends are skipped and counted (default 2000)
			  --cgroup           the app's cgroup directory, whose cpu.stat gives throttled_ms: cgroup v1
			                     /sys/fs/cgroup/cpu/NAME or a cgroup v2 group (default: throttled_ms left empty)
			  --note             a line for the trace's header, e.g. the machine and its load""";

	private static final Set<String> OPTIONS = Set.of("request", "metrics", "prometheus", "selector", "profile", "out",
			"max-outstanding", "cgroup", "note");

	private RecordCommand() {
	}

	static int run(String[] args, PrintStream out, PrintStream err) throws IOException, InterruptedException {
		Options options = Options.parse(args, OPTIONS, USAGE);
		if (!options.has("metrics") && !options.has("prometheus")) {
			throw new IllegalArgumentException("missing --metrics (or --prometheus)\n" + USAGE);
		}
		options.exactlyOne("metrics", "prometheus");
		if (options.has("selector") && !options.has("prometheus")) {
			throw new IllegalArgumentException("--selector goes with --prometheus\n" + USAGE);
		}
		MetricsSource source = options.has("metrics") ? MetricsSource.scrape(options.url("metrics"))
				: MetricsSource.prometheus(options.url("prometheus"), options.get("selector", ""));
		TraceRecorder.Settings settings = new TraceRecorder.Settings(options.url("request"), source,
				LoadProfile.parse(options.required("profile")), options.integer("max-outstanding", 2000, 1),
				options.has("cgroup") ? Path.of(options.required("cgroup")) : null);
		Path file = Path.of(options.required("out"));
		out.println("recording " + settings.profile().duration().toSeconds() + " s of open-loop load on "
				+ settings.request() + ", " + source.description());
		TraceRecorder.Trace trace = new TraceRecorder().record(settings, out::println);
		List<String> provenance = new ArrayList<>(provenance(settings, trace));
		if (options.has("note")) {
			provenance.add(options.required("note"));
		}
		if (trace.stoppedEarly() != null) {
			provenance.add(trace.stoppedEarly());
		}
		TraceCsv.write(file, provenance, trace.samples());
		out.println("wrote " + trace.samples().size() + " samples to " + file + " (" + trace.sent() + " sent, "
				+ trace.failed() + " failed, " + trace.dropped() + " dropped, " + trace.skipped()
				+ " seconds skipped)");
		if (trace.stoppedEarly() != null) {
			err.println("error: " + trace.stoppedEarly());
			return 1;
		}
		return 0;
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

}
