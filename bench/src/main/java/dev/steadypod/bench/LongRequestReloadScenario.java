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

package dev.steadypod.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.steadypod.testsupport.KubeletConfigMapVolume;

/**
 * Scenario 7: reloads with long requests in flight. Six clients keep
 * {@code /work?ms=3000} requests in flight the whole time; one client sends a short
 * {@code /greeting} every 20 ms; alternating 10 s segments without and with a
 * kubelet-style swap every 2 s. The target: reloads add at most 50 ms to the
 * worst short-request latency.
 */
final class LongRequestReloadScenario implements Scenario {

	static final int LONG_CLIENTS = 6;

	static final long LONG_MILLIS = 3000;

	static final Duration SHORT_INTERVAL = Duration.ofMillis(20);

	static final Duration SEGMENT = Duration.ofSeconds(10);

	static final int SEGMENTS = 3;

	static final Duration RELOAD_INTERVAL = Duration.ofSeconds(2);

	/** Short requests slower than this count as stalls. */
	static final double STALL_MILLIS = 200;

	private static String message(int reloads) {
		return (reloads % 2 == 1) ? "green" : "blue";
	}

	@Override
	public String id() {
		return "longreload";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(context.work("longreload").resolve("config"),
				Greetings.configMap("blue"));
		String loadBefore = loadAverage();
		try (DemoProcess demo = context.start("longreload", false,
				"--spring.config.import=optional:file:" + volume.directory() + "/")) {
			demo.awaitReady();
			AtomicBoolean running = new AtomicBoolean(true);
			AtomicLong longRequests = new AtomicLong();
			AtomicLong longFailures = new AtomicLong();
			List<Thread> longClients = startLongClients(demo.appPort(), running, longRequests, longFailures);
			// Warm the JIT and let the long requests reach their steady state before
			// measuring.
			shortRequests(demo.appPort(), Duration.ofSeconds(10), Set.of("blue"));
			ShortRun quiet = new ShortRun();
			ShortRun busy = new ShortRun();
			int[] reloads = { 0 };
			for (int i = 0; i < SEGMENTS; i++) {
				quiet.add(shortRequests(demo.appPort(), SEGMENT, Set.of(message(reloads[0]))));
				AtomicBoolean reloading = new AtomicBoolean(true);
				Thread reloader = new Thread(() -> {
					while (reloading.get()) {
						DemoProcess.pause(RELOAD_INTERVAL.toMillis());
						if (reloading.get()) {
							reloads[0]++;
							volume.update(Greetings.configMap(message(reloads[0])));
						}
					}
				}, "reloader");
				reloader.start();
				busy.add(shortRequests(demo.appPort(), SEGMENT, Set.of("blue", "green")));
				reloading.set(false);
				reloader.join();
				Greetings.awaitMessage(demo.appPort(), message(reloads[0]), Duration.ofSeconds(10));
			}
			running.set(false);
			for (Thread client : longClients) {
				client.join();
			}
			Outcomes outcomes = outcomes(demo.managementPort());
			String loadAfter = loadAverage();
			String title = "7. Reloads with long requests in flight (" + LONG_CLIENTS + " clients on /work?ms="
					+ LONG_MILLIS + ", /greeting every " + SHORT_INTERVAL.toMillis() + " ms, "
					+ SEGMENTS * SEGMENT.toSeconds() + " s each in alternating " + SEGMENT.toSeconds() + " s segments, "
					+ reloads[0] + " reloads)";
			double added = busy.latencies.max() - quiet.latencies.max();
			report.add(new Report.Row(title, "worst /greeting latency with reloads", Samples.ms(busy.latencies.max()),
					"without reloads", Samples.ms(quiet.latencies.max()), busy.latencies.max() / quiet.latencies.max(),
					"(with / without)"));
			report.add(new Report.Row(title, "p99 /greeting latency with reloads", Samples.ms(busy.latencies.p99()),
					"without reloads", Samples.ms(quiet.latencies.p99()), busy.latencies.p99() / quiet.latencies.p99(),
					"(with / without)"));
			report.add(new Report.Row(title, "p50 /greeting latency with reloads", Samples.ms(busy.latencies.median()),
					"without reloads", Samples.ms(quiet.latencies.median()),
					busy.latencies.median() / quiet.latencies.median(), "(with / without)"));
			report.add(new Report.Row(title, "/greeting requests over " + (int) STALL_MILLIS + " ms with reloads",
					busy.stalls.get() + " of " + busy.latencies.count(), "without reloads",
					quiet.stalls.get() + " of " + quiet.latencies.count(), Double.NaN, ""));
			report.add(new Report.Row(title, "failed requests with reloads (/greeting; /work over the whole run)",
					busy.failures.get() + "; " + longFailures.get() + " of " + longRequests.get(), "without reloads",
					String.valueOf(quiet.failures.get()), Double.NaN, ""));
			report.add(new Report.Row(title, "reload outcomes (last " + outcomes.count() + ")", outcomes.results(),
					"apply duration median / worst",
					Samples.ms(outcomes.durations().median()) + " / " + Samples.ms(outcomes.durations().max()),
					Double.NaN, ""));
			report.add(new Report.Row(title, "load average (1, 5, 15 min) before", loadBefore, "after", loadAfter,
					Double.NaN, ""));
			report.goal("reloads add <= 50 ms to the worst short-request latency (long requests in flight)",
					String.format(Locale.ROOT, "+%.0f ms", added), added <= 50);
		}
	}

	private static List<Thread> startLongClients(int appPort, AtomicBoolean running, AtomicLong requests,
			AtomicLong failures) {
		List<Thread> clients = new ArrayList<>();
		for (int i = 0; i < LONG_CLIENTS; i++) {
			Thread client = new Thread(() -> {
				while (running.get()) {
					try {
						HttpResponse<String> response = Http.get(appPort, "/work?ms=" + LONG_MILLIS,
								Duration.ofSeconds(30));
						if (response.statusCode() != 200) {
							failures.incrementAndGet();
						}
					}
					catch (IOException ex) {
						failures.incrementAndGet();
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
						return;
					}
					requests.incrementAndGet();
				}
			}, "long-" + i);
			client.start();
			clients.add(client);
		}
		return clients;
	}

	/**
	 * One client sending {@code /greeting} at a fixed rate; a request that returns late
	 * delays the next ones, which are then sent at once. Latency is send to response.
	 */
	private static ShortRun shortRequests(int appPort, Duration duration, Set<String> allowedMessages) {
		ShortRun run = new ShortRun();
		long start = System.nanoTime();
		long end = start + duration.toNanos();
		for (long next = start; next < end; next += SHORT_INTERVAL.toNanos()) {
			long wait = next - System.nanoTime();
			if (wait > 0) {
				LockSupport.parkNanos(wait);
			}
			long sent = System.nanoTime();
			boolean ok;
			try {
				HttpResponse<String> response = Http.get(appPort, "/greeting", Duration.ofSeconds(10));
				ok = response.statusCode() == 200 && allowedMessages.stream()
					.anyMatch((m) -> response.body().contains("\"message\":\"" + m + "\""));
			}
			catch (IOException ex) {
				ok = false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				break;
			}
			long nanos = System.nanoTime() - sent;
			run.latencies.addNanos(nanos);
			if (nanos / 1_000_000.0 > STALL_MILLIS) {
				run.stalls.incrementAndGet();
			}
			if (!ok) {
				run.failures.incrementAndGet();
			}
		}
		return run;
	}

	/** Results and apply durations of the outcomes the configreload endpoint lists. */
	private static Outcomes outcomes(int managementPort) throws IOException, InterruptedException {
		JsonNode status = new ObjectMapper()
			.readTree(Http.get(managementPort, "/actuator/configreload", Duration.ofSeconds(10)).body());
		Map<String, Integer> results = new TreeMap<>();
		Samples durations = new Samples();
		int count = 0;
		for (JsonNode outcome : status.path("outcomes")) {
			count++;
			results.merge(outcome.path("result").asText("?"), 1, Integer::sum);
			if (outcome.has("durationMillis")) {
				durations.add(outcome.path("durationMillis").asDouble());
			}
			else if (outcome.path("duration").isTextual()) {
				durations.addNanos(Duration.parse(outcome.path("duration").asText()).toNanos());
			}
			else if (outcome.path("duration").isNumber()) {
				durations.add(outcome.path("duration").asDouble());
			}
		}
		StringBuilder text = new StringBuilder();
		results
			.forEach((result, n) -> text.append((text.length() > 0) ? ", " : "").append(n).append(' ').append(result));
		return new Outcomes(count, text.toString(), durations);
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return fields[0] + ", " + fields[1] + ", " + fields[2];
		}
		catch (IOException | ArrayIndexOutOfBoundsException ex) {
			return "n/a";
		}
	}

	private record Outcomes(int count, String results, Samples durations) {
	}

	private static final class ShortRun {

		final Samples latencies = new Samples();

		final AtomicLong failures = new AtomicLong();

		final AtomicLong stalls = new AtomicLong();

		void add(ShortRun other) {
			other.latencies.addAllTo(this.latencies);
			this.failures.addAndGet(other.failures.get());
			this.stalls.addAndGet(other.stalls.get());
		}

	}

}
