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

package dev.steadypod.hpa.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.function.Consumer;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.ConditionStatus;
import dev.steadypod.hpa.model.Container;
import dev.steadypod.hpa.model.HorizontalController;
import dev.steadypod.hpa.model.MetricSpec;
import dev.steadypod.hpa.model.MetricsSnapshot;
import dev.steadypod.hpa.model.Pod;
import dev.steadypod.hpa.model.PodMetric;
import dev.steadypod.hpa.model.PodPhase;
import dev.steadypod.hpa.model.PodResourceUsage;
import dev.steadypod.hpa.model.ReadyCondition;
import dev.steadypod.hpa.model.ScaleDecision;
import dev.steadypod.hpa.signal.Signal;

/**
 * Replays a workload on simulated pods, second by second, with the HPA model in the loop:
 * the Service spreads the load evenly over the ready pods; each pod serves what the
 * recorded curves say for its share (noise included) and exports it as a Spring Boot app
 * does ({@link PodSeries}); Prometheus scrapes each pod every scrape interval at the
 * pod's own phase; at each sync the adapter runs each Pods metric's query
 * ({@link Signal#evaluate}) over those scrapes at the sync's time (a new pod's series
 * reach it after the relist delay, if one is set, and a rate needs two scrapes in the
 * window), metrics-server averages CPU over its resolution window; new pods take the
 * start-up delay to become ready. Scale-down removes not-ready pods first, then the
 * newest. The same seed gives the same run.
 */
public final class Simulator {

	/**
	 * The name under which the simulated pods serve the in-flight {@code Pods} metric.
	 */
	public static final String IN_FLIGHT_METRIC = Signal.IN_FLIGHT.metricName();

	private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");

	private final ResponseCurves curves;

	private final SimulationSettings settings;

	public Simulator(ResponseCurves curves, SimulationSettings settings) {
		this.curves = curves;
		this.settings = settings;
	}

	/** The instant of a second of a run, as the HPA model sees it. */
	public static Instant instant(long second) {
		return EPOCH.plusSeconds(second);
	}

	/**
	 * Checks that this simulator can serve every metric the HPA names.
	 * @param trace the trace's name, for the message
	 * @throws IllegalArgumentException naming the metric and, for the thread pool on a
	 * trace without pool columns, the trace and the columns it lacks
	 */
	public void requireMetrics(AutoscalerSpec spec, String trace) {
		for (MetricSpec metric : spec.metrics()) {
			if (metric instanceof MetricSpec.Resource resource && "cpu".equals(resource.name())) {
				continue;
			}
			Signal signal = (metric instanceof MetricSpec.Pods pods) ? HpaSpecs.signal(pods.name()) : null;
			if (signal == null) {
				throw new IllegalArgumentException(
						"a replay cannot drive the metric '" + metric.name() + "': " + HpaSpecs.DRIVABLE);
			}
			if (signal == Signal.THREAD_POOL && !this.curves.hasPool()) {
				throw new IllegalArgumentException("the HPA scales on " + signal.metricName()
						+ " (busy / max web server threads), but " + trace + " has no pool_busy and pool_max"
						+ " columns: record the trace with the pool columns or scale on another signal");
			}
		}
	}

	/**
	 * Replays one workload.
	 * @param progress receives a line about every simulated hour
	 * @throws IllegalArgumentException when the HPA names a metric the simulated pods do
	 * not serve ({@link #requireMetrics})
	 */
	public Run run(AutoscalerSpec spec, Workload workload, long seed, Consumer<String> progress) {
		requireMetrics(spec, "the trace");
		Random random = new Random(seed);
		double capacity = this.curves.capacity(this.settings.sloMs());
		HorizontalController controller = new HorizontalController(spec, this.settings.controller());
		int seconds = workload.seconds();
		int[] ideal = new int[seconds];
		int[] replicas = new int[seconds];
		int[] ready = new int[seconds];
		int[] running = new int[seconds];
		double[] latency = new double[seconds];
		List<ScaleDecision> syncs = new ArrayList<>();
		int scrape = (int) this.settings.scrapeInterval().toSeconds();
		int relist = (int) this.settings.adapterRelistInterval().toSeconds();
		int resolution = (int) this.settings.metricsResolution().toSeconds();
		int sync = (int) this.settings.controller().syncPeriod().toSeconds();
		int startup = (int) this.settings.startupDelay().toSeconds();
		List<SimPod> pods = new ArrayList<>();
		int specReplicas = ideal(workload.at(0), capacity, spec);
		int nextName = 0;
		PodResponse steady = this.curves.mean(workload.at(0) / Math.max(1, specReplicas));
		for (int i = 0; i < specReplicas; i++) {
			// The run starts in a steady state: the pods have long been running.
			SimPod pod = new SimPod("pod-" + nextName++, -3600, -3600 + startup, random.nextInt(scrape), resolution,
					this.settings.rateWindow());
			pod.prehistory(steady, scrape, this.settings.rateWindow());
			pods.add(pod);
		}
		for (int t = 0; t < seconds; t++) {
			double load = workload.at(t);
			List<SimPod> serving = new ArrayList<>();
			for (SimPod pod : pods) {
				if (pod.readyAt <= t) {
					serving.add(pod);
				}
			}
			double perPod = serving.isEmpty() ? 0 : load / serving.size();
			double latencySum = 0;
			for (SimPod pod : pods) {
				PodResponse response = (pod.readyAt <= t) ? this.curves.sample(perPod, random)
						: new PodResponse(this.settings.startupCpu(), 0, 0, 0, 0, 0, Double.NaN, Double.NaN);
				latencySum += (pod.readyAt <= t) ? response.clientLatencyMs() : 0;
				pod.observe(t, response, scrape, resolution);
			}
			if (relist == 0 || t % relist == 0) {
				pods.forEach((pod) -> pod.adapterKnows = pod.adapterKnows || pod.series.scraped());
			}
			if (t > 0 && t % sync == 0) {
				ScaleDecision decision = controller.reconcile(instant(t), specReplicas, pods.size(), snapshot(pods, t));
				syncs.add(decision);
				int desired = decision.desiredReplicas();
				while (pods.size() < desired) {
					pods.add(new SimPod("pod-" + nextName++, t, t + startup, random.nextInt(scrape), resolution,
							this.settings.rateWindow()));
				}
				while (pods.size() > desired) {
					pods.remove(victim(pods, t));
				}
				specReplicas = desired;
			}
			ideal[t] = ideal(load, capacity, spec);
			replicas[t] = specReplicas;
			ready[t] = serving.size();
			running[t] = pods.size();
			latency[t] = serving.isEmpty() ? ((load > 0) ? Double.POSITIVE_INFINITY : 0) : latencySum / serving.size();
			if (t > 0 && t % 3600 == 0) {
				progress.accept(workload.name() + ": replayed " + t / 60 + " of " + seconds / 60 + " minutes, "
						+ specReplicas + " replicas");
			}
		}
		return new Run(workload, capacity, this.settings.sloMs(), ideal, replicas, ready, running, latency, syncs);
	}

	/** The capacity-ideal count: enough pods for the load at the per-pod capacity. */
	static int ideal(double load, double capacity, AutoscalerSpec spec) {
		int needed = (int) Math.ceil(load / capacity - 1e-9);
		return Math.max(spec.minReplicas(), Math.min(spec.maxReplicas(), needed));
	}

	private static int victim(List<SimPod> pods, int t) {
		// A ReplicaSet deletes pods that are not ready first, then the newest.
		int victim = pods.size() - 1;
		for (int i = pods.size() - 1; i >= 0; i--) {
			if (pods.get(i).readyAt > t) {
				return i;
			}
		}
		return victim;
	}

	private MetricsSnapshot snapshot(List<SimPod> pods, int t) {
		List<Pod> view = new ArrayList<>();
		Map<String, PodResourceUsage> cpu = new LinkedHashMap<>();
		Container container = Container.app("app", Map.of("cpu", this.settings.cpuRequestMillis()));
		for (SimPod pod : pods) {
			boolean isReady = pod.readyAt <= t;
			view.add(new Pod(pod.name, PodPhase.RUNNING, false, instant(pod.createdAt),
					new ReadyCondition(isReady ? ConditionStatus.TRUE : ConditionStatus.FALSE,
							instant(isReady ? pod.readyAt : pod.createdAt)),
					List.of(container)));
			if (pod.cpuAt != null) {
				long millis = Math.round(pod.cpuWindowMean * 1000 * this.settings.processors());
				cpu.put(pod.name, new PodResourceUsage(Map.of("app", millis), instant(pod.cpuAt),
						this.settings.metricsResolution()));
			}
		}
		return new MetricsSnapshot() {

			@Override
			public List<Pod> pods() {
				return view;
			}

			@Override
			public Map<String, PodResourceUsage> resourceUsage(String resource) {
				if (!"cpu".equals(resource)) {
					return MetricsSnapshot.super.resourceUsage(resource);
				}
				return cpu;
			}

			@Override
			public Map<String, PodMetric> podsMetric(String name) {
				Signal signal = HpaSpecs.signal(name);
				if (signal == null || signal == Signal.CPU) {
					return MetricsSnapshot.super.podsMetric(name);
				}
				return adapter(signal, pods, t);
			}

		};
	}

	/**
	 * What prometheus-adapter answers for a Pods metric at second {@code t}: the rule's
	 * query over each listed pod's scrapes; a pod the query returns nothing for is
	 * missing.
	 */
	private Map<String, PodMetric> adapter(Signal signal, List<SimPod> pods, int t) {
		Map<String, PodMetric> values = new LinkedHashMap<>();
		for (SimPod pod : pods) {
			if (!pod.adapterKnows) {
				continue;
			}
			OptionalDouble value = pod.series.evaluate(signal, t * 1000L, this.settings.rateWindow(),
					this.settings.rangeBounds());
			if (value.isPresent() && Double.isFinite(value.getAsDouble())) {
				values.put(pod.name, new PodMetric(Math.round(value.getAsDouble() * 1000), instant(t), Duration.ZERO));
			}
		}
		return values;
	}

	/**
	 * A simulated pod: its series as Prometheus scraped them, its CPU as metrics-server
	 * read it.
	 */
	private static final class SimPod {

		final String name;

		final int createdAt;

		final int readyAt;

		final int scrapePhase;

		final double[] cpuWindow;

		final PodSeries series;

		boolean adapterKnows;

		Integer cpuAt;

		double cpuWindowMean;

		SimPod(String name, int createdAt, int readyAt, int scrapePhase, int resolution, Duration rateWindow) {
			this.name = name;
			this.createdAt = createdAt;
			this.readyAt = readyAt;
			this.scrapePhase = scrapePhase;
			this.cpuWindow = new double[resolution];
			this.series = new PodSeries(rateWindow);
			// Pods running before the replay have been scraped and listed long ago.
			if (readyAt < 0) {
				this.adapterKnows = true;
			}
		}

		/**
		 * The seconds before the replay of a pod that has long been running, at the
		 * replay's first load: enough scrapes for a rate window at the first sync.
		 */
		void prehistory(PodResponse steady, int scrape, Duration rateWindow) {
			int from = -(int) (2 * rateWindow.toSeconds() + scrape);
			for (int s = from; s < 0; s++) {
				this.series.serve(steady);
				if (Math.floorMod(s - this.scrapePhase, scrape) == 0) {
					this.series.scrape(s * 1000L);
				}
			}
		}

		void observe(int t, PodResponse response, int scrape, int resolution) {
			int age = t - this.createdAt;
			this.cpuWindow[Math.floorMod(age, resolution)] = response.cpu();
			// metrics-server reports a pod once it has a full window, every resolution.
			if (age >= resolution && age % resolution == 0 || this.cpuAt == null && this.createdAt < 0) {
				double sum = 0;
				for (double v : this.cpuWindow) {
					sum += v;
				}
				this.cpuWindowMean = (this.createdAt < 0 && this.cpuAt == null) ? response.cpu()
						: sum / this.cpuWindow.length;
				this.cpuAt = t;
			}
			this.series.serve(response);
			// The management port answers once the app is up, which is when it is ready.
			if (t >= this.readyAt && Math.floorMod(t - this.scrapePhase, scrape) == 0) {
				this.series.scrape(t * 1000L);
			}
		}

	}

}
