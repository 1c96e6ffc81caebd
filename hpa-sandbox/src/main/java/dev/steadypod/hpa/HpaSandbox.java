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

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceRecorder;

/**
 * {@code record}: drives an app with a staged open-loop load and writes what its
 * {@code /actuator/prometheus} reports, once a second, as a CSV trace.
 */
public final class HpaSandbox {

	static final String USAGE = """
			usage: record --request URL --metrics URL --profile STAGES --out FILE [--max-outstanding N]
			  --request          the request to send, e.g. 'http://127.0.0.1:8080/work?ms=20&cpuMs=5&allocKb=256'
			  --metrics          the app's Prometheus endpoint, e.g. http://127.0.0.1:8081/actuator/prometheus
			  --profile          stages of <seconds>s:<rps> or <seconds>s:<from>-><to>, e.g. 60s:5->40,120s:40,20s:40->120
			  --out              the CSV trace to write
			  --max-outstanding  requests in flight beyond which sends are skipped and counted (default 2000)""";

	private HpaSandbox() {
	}

	public static void main(String[] args) {
		System.exit(run(args, System.out, System.err));
	}

	/**
	 * Runs a command.
	 * @return the exit status: 0 done, 1 I/O failure, 2 bad input
	 */
	public static int run(String[] args, PrintStream out, PrintStream err) {
		if (args.length == 0 || !args[0].equals("record")) {
			err.println((args.length == 0) ? USAGE : "unknown command '" + args[0] + "'\n" + USAGE);
			return 2;
		}
		try {
			Map<String, String> options = options(args);
			TraceRecorder.Settings settings = new TraceRecorder.Settings(uri(options, "request"),
					uri(options, "metrics"), LoadProfile.parse(required(options, "profile")),
					Integer.parseInt(options.getOrDefault("max-outstanding", "2000")));
			Path file = Path.of(required(options, "out"));
			out.println("recording " + settings.profile().duration().toSeconds() + " s of open-loop load on "
					+ settings.request());
			TraceRecorder.Trace trace = new TraceRecorder().record(settings, out::println);
			List<String> provenance = new java.util.ArrayList<>(provenance(settings, trace));
			if (trace.stoppedEarly() != null) {
				provenance.add(trace.stoppedEarly());
			}
			TraceCsv.write(file, provenance, trace.samples());
			out.println("wrote " + trace.samples().size() + " samples to " + file + " (" + trace.sent() + " sent, "
					+ trace.failed() + " failed, " + trace.dropped() + " dropped)");
			if (trace.stoppedEarly() != null) {
				err.println("error: " + trace.stoppedEarly());
				return 1;
			}
			return 0;
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			err.println("error: " + ex.getMessage());
			return 2;
		}
		catch (java.io.IOException ex) {
			err.println("error: " + ex.getMessage());
			return 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			err.println("interrupted");
			return 1;
		}
	}

	private static List<String> provenance(TraceRecorder.Settings settings, TraceRecorder.Trace trace) {
		Runtime runtime = Runtime.getRuntime();
		return List.of("recorded by steadypod hpa-sandbox 'record' at " + Instant.now(),
				"open loop: requests sent at the profile's rate whether or not earlier ones were answered",
				"request " + settings.request(), "metrics " + settings.metrics(), "profile " + stages(settings),
				"recorder: Java " + System.getProperty("java.version") + " on " + System.getProperty("os.name") + " "
						+ System.getProperty("os.arch") + ", " + runtime.availableProcessors() + " processors",
				"sent " + trace.sent() + ", failed " + trace.failed() + ", dropped " + trace.dropped(),
				"columns: cpu = process_cpu_usage (fraction of the JVM's processors); in_flight ="
						+ " http_server_requests_active_seconds_count at the scrape; latency_ms = mean of the"
						+ " second's requests; gc_pause_ms = jvm_gc_pause_seconds_sum increase");
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

	private static Map<String, String> options(String[] args) {
		Map<String, String> options = new HashMap<>();
		for (int i = 1; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --option value pairs, found '" + args[i] + "'\n" + USAGE);
			}
			options.put(args[i].substring(2), args[i + 1]);
		}
		return options;
	}

	private static String required(Map<String, String> options, String name) {
		String value = options.get(name);
		if (value == null) {
			throw new IllegalArgumentException("missing --" + name + "\n" + USAGE);
		}
		return value;
	}

	private static URI uri(Map<String, String> options, String name) {
		URI uri = URI.create(required(options, name));
		if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
			throw new IllegalArgumentException("--" + name + " must be an http(s) URL, was '" + uri + "'");
		}
		return uri;
	}

}
