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

package dev.steadypod.hpa.record;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

/**
 * Drives an app with an open-loop staged load (requests are sent at the profile's rate
 * whether or not earlier ones have been answered, as independent users would) and reads
 * its metrics once a second, from its {@code /actuator/prometheus} or through a
 * Prometheus server that scrapes it, next to what the load generator saw (client-side
 * latency, requests outstanding) and, when given its cgroup, the time the app was
 * throttled by a CPU quota.
 * <p>
 * The JDK's HTTP client opens one HTTP/1.1 connection per concurrent request and limits
 * neither their number nor its threads ({@code jdk.httpclient.connectionPoolSize} only
 * bounds the idle connections it keeps), so the load generator is not what queues
 * requests even at {@code maxOutstanding} of several hundred.
 */
public final class TraceRecorder {

	static final String IN_FLIGHT = "http_server_requests_active_seconds_count";

	static final String REQUESTS_COUNT = "http_server_requests_seconds_count";

	static final String REQUESTS_SUM = "http_server_requests_seconds_sum";

	static final String GC_PAUSE_SUM = "jvm_gc_pause_seconds_sum";

	static final String CPU = "process_cpu_usage";

	/**
	 * Busy request threads of Tomcat's pool (Micrometer's {@code TomcatMetrics}; Spring
	 * Boot binds them when {@code server.tomcat.mbeanregistry.enabled=true}).
	 */
	static final String POOL_BUSY = "tomcat_threads_busy_threads";

	static final String POOL_MAX = "tomcat_threads_config_max_threads";

	/** How long a request may take before it counts as failed. */
	public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

	private final HttpClient http = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(2))
		.build();

	/**
	 * What to record.
	 *
	 * @param request the request to send at the profile's rate, e.g.
	 * {@code http://127.0.0.1:8080/work?ms=20&cpuMs=5&allocKb=256}
	 * @param metrics where the app's metrics are read
	 * @param profile the load
	 * @param maxOutstanding requests in flight beyond which the load skips sends (and
	 * counts them as dropped) rather than pile up without bound
	 * @param cgroup the app's cgroup directory (cgroup v1 {@code .../cpu/NAME} or a
	 * cgroup v2 group) whose {@code cpu.stat} gives the time throttled by a CPU quota, or
	 * {@code null} to leave {@code throttled_ms} empty
	 */
	public record Settings(URI request, MetricsSource metrics, LoadProfile profile, int maxOutstanding,
			@Nullable Path cgroup) {

		/** Reads no cgroup. */
		public Settings(URI request, MetricsSource metrics, LoadProfile profile, int maxOutstanding) {
			this(request, metrics, profile, maxOutstanding, null);
		}

		/** Scrapes the app's Prometheus endpoint directly and reads no cgroup. */
		public Settings(URI request, URI metricsEndpoint, LoadProfile profile, int maxOutstanding) {
			this(request, MetricsSource.scrape(metricsEndpoint), profile, maxOutstanding);
		}

	}

	/**
	 * What was recorded.
	 *
	 * @param samples one per second
	 * @param sent requests sent
	 * @param failed requests answered with an error or not at all
	 * @param dropped sends skipped at {@code maxOutstanding}
	 * @param stoppedEarly why the recording ended before the profile did (a scrape
	 * failed), or {@code null} when it ran to the end
	 * @param skipped seconds left out because the read lacked the in-flight series (a
	 * Prometheus marks a target's series stale when a scrape of it fails); the next
	 * sample covers them
	 */
	public record Trace(List<TraceSample> samples, long sent, long failed, long dropped, @Nullable String stoppedEarly,
			long skipped) {

	}

	/**
	 * Records for the profile's duration.
	 * @param progress receives a progress line every 10 seconds
	 * @throws IllegalStateException when the metrics endpoint lacks a series the trace
	 * needs, naming it
	 * @throws IllegalArgumentException when the cgroup has no {@code cpu.stat} with a
	 * throttled time
	 */
	public Trace record(Settings settings, Consumer<String> progress) throws IOException, InterruptedException {
		ClientView client = new ClientView();
		AtomicLong failed = new AtomicLong();
		CpuThrottling throttling = (settings.cgroup() != null) ? new CpuThrottling(settings.cgroup()) : null;
		double throttledBefore = (throttling != null) ? throttling.throttledMillis() : Double.NaN;
		long sent = 0;
		long dropped = 0;
		long skipped = 0;
		double due = 0;
		Map<String, Double> previous = settings.metrics().read();
		List<TraceSample> samples = new ArrayList<>();
		long start = System.nanoTime();
		long totalMillis = settings.profile().duration().toMillis();
		long nextSample = 1;
		long lastTick = start;
		long lastSampleNanos = start;
		long offeredAtLastSample = 0;
		while (true) {
			long now = System.nanoTime();
			Duration elapsed = Duration.ofNanos(now - start);
			// One sample per second of the profile, even when a slow read makes the loop
			// fall behind.
			if (nextSample > totalMillis / 1000) {
				break;
			}
			due += settings.profile().rateAt(elapsed) * (now - lastTick) / 1e9;
			lastTick = now;
			while (due >= 1) {
				due -= 1;
				if (client.outstanding() >= settings.maxOutstanding()) {
					dropped++;
					continue;
				}
				sent++;
				HttpRequest request = HttpRequest.newBuilder(settings.request()).timeout(REQUEST_TIMEOUT).build();
				long sentAt = client.sending();
				this.http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
					// Errors and timeouts are answers too: a user waited for them.
					client.answered(sentAt);
					if (error != null || response.statusCode() >= 400) {
						failed.incrementAndGet();
					}
				});
			}
			if (elapsed.toSeconds() >= nextSample) {
				Map<String, Double> current;
				double throttled;
				try {
					current = settings.metrics().read();
				}
				catch (IllegalStateException ex) {
					// A missed scrape, not the end: the next read covers this second too.
					skipped++;
					nextSample++;
					continue;
				}
				catch (IOException ex) {
					// Keep what was recorded: an overloaded app is what one records.
					return stoppedEarly(samples, sent, failed, dropped, skipped, nextSample,
							settings.metrics().description(), ex);
				}
				try {
					throttled = (throttling != null) ? throttling.throttledMillis() : Double.NaN;
				}
				catch (IOException | IllegalArgumentException ex) {
					return stoppedEarly(samples, sent, failed, dropped, skipped, nextSample,
							settings.cgroup() + "/cpu.stat", ex);
				}
				// The offered rate is what was due in the second, sent or dropped.
				long offered = sent + dropped;
				double seconds = Math.max(1e-3, (now - lastSampleNanos) / 1e9);
				samples.add(sample(nextSample, (offered - offeredAtLastSample) / seconds, seconds, previous, current,
						client, Math.max(0, throttled - throttledBefore) / seconds));
				offeredAtLastSample = offered;
				throttledBefore = throttled;
				lastSampleNanos = now;
				previous = current;
				if (nextSample % 10 == 0) {
					TraceSample last = samples.get(samples.size() - 1);
					progress.accept(String.format(Locale.ROOT,
							"recorded %d/%d s: target %.0f rps, %.0f in flight, %.0f outstanding, client latency"
									+ " %.0f ms, cpu %.0f%%",
							nextSample, totalMillis / 1000, settings.profile().rateAt(elapsed), last.inFlight(),
							last.outstanding(), last.clientLatencyMs(), 100 * last.cpu()));
				}
				nextSample++;
			}
			TimeUnit.MILLISECONDS.sleep(5);
		}
		return new Trace(List.copyOf(samples), sent, failed.get(), dropped, null, skipped);
	}

	private static Trace stoppedEarly(List<TraceSample> samples, long sent, AtomicLong failed, long dropped,
			long skipped, long nextSample, String source, Exception ex) {
		return new Trace(List.copyOf(samples), sent, failed.get(), dropped,
				"stopped early after " + (nextSample - 1) + " s: reading the " + source + " failed: " + ex.getMessage(),
				skipped);
	}

	private static TraceSample sample(long second, double targetRps, double seconds, Map<String, Double> before,
			Map<String, Double> after, ClientView client, double throttledMs) {
		double completed = delta(before, after, REQUESTS_COUNT);
		double latency = (completed > 0) ? 1000 * delta(before, after, REQUESTS_SUM) / completed : 0;
		// An app without Tomcat's metrics leaves the pool columns empty.
		return new TraceSample(second, targetRps, completed / seconds, after.getOrDefault(CPU, 0.0),
				after.get(IN_FLIGHT), latency, 1000 * delta(before, after, GC_PAUSE_SUM) / seconds, 1,
				client.take().meanMillis(), client.outstanding(), after.getOrDefault(POOL_BUSY, Double.NaN),
				after.getOrDefault(POOL_MAX, Double.NaN), throttledMs);
	}

	private static double delta(Map<String, Double> before, Map<String, Double> after, String metric) {
		return Math.max(0, after.getOrDefault(metric, 0.0) - before.getOrDefault(metric, 0.0));
	}

}
