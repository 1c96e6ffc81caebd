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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.steadypod.testsupport.kubelet.Clock;
import dev.steadypod.testsupport.kubelet.Container;
import dev.steadypod.testsupport.kubelet.Kubelet;
import dev.steadypod.testsupport.kubelet.Kubelet.Event;
import dev.steadypod.testsupport.kubelet.Kubelet.EventType;
import dev.steadypod.testsupport.kubelet.ProbeSpec;
import org.yaml.snakeyaml.Yaml;

/**
 * Real demo JVMs driven through the kubelet probe emulator: start-up with a warm-up drawn
 * uniformly from 5 to 90 s, a dependency that answers its health check after 2 s while
 * the app warms up, and a saturated request pool once the pod is ready. Setup A is what
 * teams typically deploy (probes on the application port, the dependency in liveness,
 * initialDelaySeconds 30, no startup probe); setup B is the Steadypod chart's probes.
 * Every demo pod is healthy by construction, so every restart is a restart of a healthy
 * pod.
 */
final class ProbeRestartScenario implements Scenario {

	static final int PODS_PER_SETUP = Integer.getInteger("bench.restarts.pods", 20);

	static final int CONCURRENCY = Integer.getInteger("bench.restarts.concurrency", 10);

	static final Duration HORIZON = Duration.ofSeconds(Integer.getInteger("bench.restarts.horizon-seconds", 180));

	static final int MIN_WARMUP_SECONDS = 5;

	static final int MAX_WARMUP_SECONDS = 90;

	@Override
	public String id() {
		return "restarts";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		Setup a = setupA();
		// Run from the repository root or from bench/ (as the exec plugin does).
		Path values = Path.of("helm/steadypod/values.yaml");
		Setup b = setupB(Files.isRegularFile(values) ? values : Path.of("..").resolve(values));
		Random random = new Random(13);
		List<PodRun> runs = new ArrayList<>();
		for (int i = 0; i < PODS_PER_SETUP; i++) {
			// The same warm-up for the i-th pod of each setup, interleaved so both see
			// the
			// same machine load.
			int warmup = MIN_WARMUP_SECONDS + random.nextInt(MAX_WARMUP_SECONDS - MIN_WARMUP_SECONDS + 1);
			runs.add(new PodRun(a, i, warmup));
			runs.add(new PodRun(b, i, warmup));
		}
		ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
		List<Future<PodResult>> futures = new ArrayList<>();
		for (PodRun run : runs) {
			futures.add(pool.submit(() -> run.execute(context)));
		}
		List<PodResult> results = new ArrayList<>();
		for (Future<PodResult> future : futures) {
			results.add(future.get());
		}
		pool.shutdown();
		for (Setup setup : List.of(a, b)) {
			List<PodResult> mine = results.stream().filter((r) -> r.setup() == setup).toList();
			int restarts = mine.stream().mapToInt(PodResult::restarts).sum();
			long podsRestarted = mine.stream().filter((r) -> r.restarts() > 0).count();
			long neverReady = mine.stream().filter((r) -> r.firstReady() == null).count();
			Samples ready = new Samples();
			mine.stream()
				.filter((r) -> r.firstReady() != null)
				.forEach((r) -> ready.addNanos(r.firstReady().toNanos()));
			String summary = String.format(
					"%s: %d pods, %d restarts of healthy pods (%d pods restarted), %d never ready within %ds; "
							+ "time to first ready median %s, max %s",
					setup.name(), mine.size(), restarts, podsRestarted, neverReady, HORIZON.toSeconds(),
					ready.count() > 0 ? Samples.ms(ready.median()) : "-",
					ready.count() > 0 ? Samples.ms(ready.max()) : "-");
			System.out.println("[bench] " + summary);
			mine.forEach((r) -> System.out.println("[bench]   " + r));
		}
		List<PodResult> resultsA = results.stream().filter((r) -> r.setup() == a).toList();
		List<PodResult> resultsB = results.stream().filter((r) -> r.setup() == b).toList();
		report.add(new Report.Row(id(), "restarts of healthy pods (" + PODS_PER_SETUP + " starts, warm-up 5-90 s)",
				String.valueOf(sum(resultsB)), "typical probes (setup A)", String.valueOf(sum(resultsA)), 0,
				"setup A restarts counted"));
		report.add(new Report.Row(id(), "pods never ready within " + HORIZON.toSeconds() + " s",
				String.valueOf(neverReady(resultsB)), "typical probes (setup A)", String.valueOf(neverReady(resultsA)),
				0, "count"));
		report.goal("setup B (chart probes) restarts no healthy pod across " + PODS_PER_SETUP + " starts",
				sum(resultsB) + " restarts", sum(resultsB) == 0);
	}

	private static int sum(List<PodResult> results) {
		return results.stream().mapToInt(PodResult::restarts).sum();
	}

	private static long neverReady(List<PodResult> results) {
		return results.stream().filter((r) -> r.firstReady() == null).count();
	}

	/** What teams typically deploy. */
	static Setup setupA() {
		ProbeSpec liveness = ProbeSpec.of("/actuator/health/liveness", false)
			.initialDelaySeconds(30)
			.periodSeconds(10)
			.timeoutSeconds(1)
			.failureThreshold(3);
		ProbeSpec readiness = ProbeSpec.of("/actuator/health/readiness", false)
			.initialDelaySeconds(30)
			.periodSeconds(10)
			.timeoutSeconds(1)
			.failureThreshold(3);
		return new Setup("A (app port, dependency in liveness, initialDelaySeconds 30, no startup probe)", true, null,
				liveness, readiness,
				List.of("--management.endpoint.health.group.liveness.include=livenessState,dependency"));
	}

	/** The Steadypod chart's probes, read from the chart's values. */
	@SuppressWarnings("unchecked")
	static Setup setupB(Path values) throws IOException {
		Map<String, Object> root = new Yaml().load(Files.readString(values));
		Map<String, Object> probes = (Map<String, Object>) root.get("probes");
		Map<String, Object> startup = (Map<String, Object>) probes.get("startup");
		Map<String, Object> liveness = (Map<String, Object>) probes.get("liveness");
		Map<String, Object> readiness = (Map<String, Object>) probes.get("readiness");
		int startupPeriod = (Integer) startup.get("periodSeconds");
		int expected = ((Number) startup.get("expectedSeconds")).intValue();
		// The chart's formula: failureThreshold = ceil(2 x expectedSeconds /
		// periodSeconds).
		int startupFailures = (int) Math.ceil(2.0 * expected / startupPeriod);
		ProbeSpec startupProbe = ProbeSpec.of("/actuator/health/liveness", true)
			.periodSeconds(startupPeriod)
			.failureThreshold(startupFailures);
		ProbeSpec livenessProbe = ProbeSpec.of("/actuator/health/liveness", true)
			.periodSeconds((Integer) liveness.get("periodSeconds"))
			.timeoutSeconds((Integer) liveness.get("timeoutSeconds"))
			.failureThreshold((Integer) liveness.get("failureThreshold"));
		ProbeSpec readinessProbe = ProbeSpec.of("/actuator/health/readiness", true)
			.periodSeconds((Integer) readiness.get("periodSeconds"))
			.timeoutSeconds((Integer) readiness.get("timeoutSeconds"))
			.failureThreshold((Integer) readiness.get("failureThreshold"));
		return new Setup("B (chart: startup budget " + startupPeriod * startupFailures
				+ " s from probes.startup.expectedSeconds=" + expected + ", management port, Steadypod contributors)",
				false, startupProbe, livenessProbe, readinessProbe, List.of());
	}

	record Setup(String name, boolean sharedPort, ProbeSpec startup, ProbeSpec liveness, ProbeSpec readiness,
			List<String> args) {

	}

	record PodResult(Setup setup, int index, int warmupSeconds, int restarts, Duration firstReady,
			List<String> restartReasons) {

		@Override
		public String toString() {
			return "pod " + this.index + " warm-up " + this.warmupSeconds + " s: restarts " + this.restarts
					+ this.restartReasons + ", first ready "
					+ ((this.firstReady != null) ? this.firstReady.toMillis() + " ms" : "never");
		}

	}

	record PodRun(Setup setup, int index, int warmupSeconds) {

		PodResult execute(BenchContext context) throws InterruptedException {
			String name = "restarts-" + (this.setup.sharedPort() ? "a" : "b") + "-" + this.index;
			DemoContainer container = new DemoContainer(context, name, this.setup, this.warmupSeconds);
			List<Event> events = new Kubelet(container, this.setup.startup(), this.setup.liveness(),
					this.setup.readiness(), Clock.SYSTEM, 0.1)
				.run(HORIZON);
			int restarts = (int) events.stream().filter((e) -> e.type() == EventType.RESTARTED).count();
			Duration firstReady = events.stream()
				.filter((e) -> e.type() == EventType.READY)
				.map(Event::at)
				.findFirst()
				.orElse(null);
			List<String> reasons = events.stream()
				.filter((e) -> e.type() == EventType.RESTARTED)
				.map((e) -> e.reason() + "@" + e.at().toSeconds() + "s")
				.toList();
			return new PodResult(this.setup, this.index, this.warmupSeconds, restarts, firstReady, reasons);
		}

	}

	/** A demo JVM as the container: each start is a new process. */
	static final class DemoContainer implements Container {

		private static final int TOMCAT_THREADS = 4;

		private final BenchContext context;

		private final String name;

		private final Setup setup;

		private final int warmupSeconds;

		private DemoProcess process;

		private int starts;

		private final AtomicBoolean saturating = new AtomicBoolean();

		private final List<Thread> saturators = new ArrayList<>();

		DemoContainer(BenchContext context, String name, Setup setup, int warmupSeconds) {
			this.context = context;
			this.name = name;
			this.setup = setup;
			this.warmupSeconds = warmupSeconds;
		}

		@Override
		public void start() {
			List<String> args = new ArrayList<>(this.setup.args());
			args.add("--demo.warmup.duration=" + this.warmupSeconds + "s");
			args.add("--demo.dependency.latency-during-warmup=2s");
			args.add("--server.tomcat.threads.max=" + TOMCAT_THREADS);
			args.add("--server.tomcat.accept-count=100");
			this.starts++;
			this.process = this.context.start(this.name + "-" + this.starts, this.setup.sharedPort(),
					args.toArray(String[]::new));
		}

		@Override
		public void kill() {
			this.saturating.set(false);
			this.saturators.forEach(Thread::interrupt);
			this.saturators.clear();
			if (this.process != null) {
				this.process.close();
				this.process = null;
			}
		}

		@Override
		public boolean probe(ProbeSpec probe, Duration timeout) {
			DemoProcess current = this.process;
			if (current == null) {
				return false;
			}
			int port = probe.managementPort() ? current.managementPort() : current.appPort();
			int status = Http.status(port, probe.path(), timeout);
			boolean success = status >= 200 && status < 400;
			if (success && probe.path().endsWith("/readiness") && this.saturating.compareAndSet(false, true)) {
				saturate(current);
			}
			return success;
		}

		/**
		 * Once ready, users keep every request thread busy (twice as many slow requests).
		 */
		private void saturate(DemoProcess target) {
			for (int i = 0; i < TOMCAT_THREADS * 2; i++) {
				Thread thread = new Thread(() -> {
					while (this.saturating.get() && !Thread.currentThread().isInterrupted()) {
						Http.status(target.appPort(), "/work?ms=5000", Duration.ofSeconds(30));
					}
				}, this.name + "-user-" + i);
				thread.setDaemon(true);
				thread.start();
				this.saturators.add(thread);
			}
		}

	}

}
