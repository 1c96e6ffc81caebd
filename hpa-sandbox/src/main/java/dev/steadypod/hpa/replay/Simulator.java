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
import java.util.Random;
import java.util.function.Consumer;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.ConditionStatus;
import dev.steadypod.hpa.model.Container;
import dev.steadypod.hpa.model.HorizontalController;
import dev.steadypod.hpa.model.MetricsSnapshot;
import dev.steadypod.hpa.model.Pod;
import dev.steadypod.hpa.model.PodMetric;
import dev.steadypod.hpa.model.PodPhase;
import dev.steadypod.hpa.model.PodResourceUsage;
import dev.steadypod.hpa.model.ReadyCondition;
import dev.steadypod.hpa.model.ScaleDecision;

/**
 * Replays a workload on simulated pods, second by second, with the HPA model in the loop:
 * the Service spreads the load evenly over the ready pods; each pod reports what the
 * recorded curves say for its share (noise included); Prometheus scrapes each pod every
 * scrape interval, the adapter serves the latest scrape (a new pod's after the relist
 * delay, if one is set), metrics-server averages CPU over its resolution window; the HPA
 * syncs every sync period and new pods take the start-up delay to become ready.
 * Scale-down removes not-ready pods first, then the newest. The same seed gives the same
 * run.
 */
public final class Simulator {

	/**
	 * The name under which the simulated pods serve the in-flight {@code Pods} metric.
	 */
	public static final String IN_FLIGHT_METRIC = "http_requests_in_flight";

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
	 * Replays one workload.
	 * @param progress receives a line about every simulated hour
	 */
	public Run run(AutoscalerSpec spec, Workload workload, long seed, Consumer<String> progress) {
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
		for (int i = 0; i < specReplicas; i++) {
			// The run starts in a steady state: the pods have long been running.
			pods.add(new SimPod("pod-" + nextName++, -3600, -3600 + startup, random.nextInt(scrape), resolution));
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
				latencySum += (pod.readyAt <= t) ? response.latencyMs() : 0;
				pod.observe(t, response, scrape, resolution);
			}
			if (relist == 0 || t % relist == 0) {
				pods.forEach((pod) -> pod.adapterKnows = pod.adapterKnows || pod.scrapedAt != null);
			}
			if (t > 0 && t % sync == 0) {
				ScaleDecision decision = controller.reconcile(instant(t), specReplicas, pods.size(), snapshot(pods, t));
				syncs.add(decision);
				int desired = decision.desiredReplicas();
				while (pods.size() < desired) {
					pods.add(new SimPod("pod-" + nextName++, t, t + startup, random.nextInt(scrape), resolution));
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
		Map<String, PodMetric> inFlight = new LinkedHashMap<>();
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
			if (pod.adapterKnows && pod.scrapedAt != null) {
				inFlight.put(pod.name,
						new PodMetric(Math.round(pod.scrapedInFlight * 1000), instant(pod.scrapedAt), Duration.ZERO));
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
				if (!IN_FLIGHT_METRIC.equals(name)) {
					return MetricsSnapshot.super.podsMetric(name);
				}
				return inFlight;
			}

		};
	}

	/** A simulated pod: what Prometheus and metrics-server last read of it. */
	private static final class SimPod {

		final String name;

		final int createdAt;

		final int readyAt;

		final int scrapePhase;

		final double[] cpuWindow;

		Integer scrapedAt;

		double scrapedInFlight;

		boolean adapterKnows;

		Integer cpuAt;

		double cpuWindowMean;

		SimPod(String name, int createdAt, int readyAt, int scrapePhase, int resolution) {
			this.name = name;
			this.createdAt = createdAt;
			this.readyAt = readyAt;
			this.scrapePhase = scrapePhase;
			this.cpuWindow = new double[resolution];
			// Pods running before the replay have been scraped and listed long ago.
			if (readyAt < 0) {
				this.adapterKnows = true;
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
			// The management port answers once the app is up, which is when it is ready.
			if (t >= this.readyAt && Math.floorMod(t - this.scrapePhase, scrape) == 0) {
				this.scrapedAt = t;
				this.scrapedInFlight = response.inFlight();
				if (this.readyAt < 0) {
					this.adapterKnows = true;
				}
			}
			if (this.scrapedAt == null && this.readyAt < 0) {
				// A long-running pod has a scrape from before the replay began.
				this.scrapedAt = t;
				this.scrapedInFlight = response.inFlight();
			}
		}

	}

}
