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

import dev.steadypod.hpa.model.ControllerSettings;
import dev.steadypod.hpa.signal.PromQl;
import dev.steadypod.hpa.signal.Signal;

/**
 * The cluster around the HPA in a replay.
 *
 * @param controller the controller's flags (sync period 15 s, tolerance 0.1, ...)
 * @param scrapeInterval how often Prometheus scrapes each pod (the adapter's queries read
 * those scrapes: a gauge's latest, a counter's rate over the scrapes in the window)
 * @param adapterRelistInterval a delay for a new pod's series to reach the HPA: 0 serves
 * it from its first scrape, as prometheus-adapter does (it runs the rule's query for the
 * pods the HPA names on every request; its {@code metricsRelistInterval} only discovers
 * metric names); a positive value makes a new pod's series wait for the next multiple of
 * it, for adapters that do cache per pod
 * @param metricsResolution how often metrics-server reads each pod's CPU, averaged over
 * that window ({@code --metric-resolution})
 * @param startupDelay from pod creation to ready (image pull, JVM start, readiness
 * probe); a starting pod takes no traffic
 * @param startupCpu the CPU a starting pod uses, as a fraction of its processors
 * @param cpuRequestMillis each pod's CPU request
 * @param processors the processors {@code process_cpu_usage} is a share of (all the
 * machine's, whatever the JVM may use), to turn it into cores
 * @param sloMs the latency objective: seconds above it count as under-provisioned
 * @param rateWindow the range of the adapter rules' {@code rate()} ({@code [1m]} in the
 * rules Steadypod ships)
 * @param rangeBounds which samples a range selects: Prometheus 3's left-open range or
 * Prometheus 2's closed one (a sample exactly one window old counts in 2 only)
 */
public record SimulationSettings(ControllerSettings controller, Duration scrapeInterval, Duration adapterRelistInterval,
		Duration metricsResolution, Duration startupDelay, double startupCpu, long cpuRequestMillis, double processors,
		double sloMs, Duration rateWindow, PromQl.RangeBounds rangeBounds) {

	public SimulationSettings {
		positive(scrapeInterval, "scrape interval");
		if (adapterRelistInterval.isNegative()) {
			throw new IllegalArgumentException("the adapter relist interval must not be negative");
		}
		positive(metricsResolution, "metrics resolution");
		if (startupDelay.isNegative()) {
			throw new IllegalArgumentException("the start-up delay must not be negative");
		}
		if (sloMs <= 0 || cpuRequestMillis <= 0 || processors <= 0) {
			throw new IllegalArgumentException("the latency objective, CPU request and processors must be positive");
		}
		positive(rateWindow, "rate window");
	}

	/** Settings with the rules' 1-minute rate window, evaluated as Prometheus 3 does. */
	public SimulationSettings(ControllerSettings controller, Duration scrapeInterval, Duration adapterRelistInterval,
			Duration metricsResolution, Duration startupDelay, double startupCpu, long cpuRequestMillis,
			double processors, double sloMs) {
		this(controller, scrapeInterval, adapterRelistInterval, metricsResolution, startupDelay, startupCpu,
				cpuRequestMillis, processors, sloMs, Signal.RATE_WINDOW, PromQl.RangeBounds.LEFT_OPEN);
	}

	private static void positive(Duration duration, String name) {
		if (duration.toSeconds() < 1) {
			throw new IllegalArgumentException("the " + name + " must be at least 1 s, was " + duration);
		}
	}

	public SimulationSettings withSlo(double ms) {
		return new SimulationSettings(this.controller, this.scrapeInterval, this.adapterRelistInterval,
				this.metricsResolution, this.startupDelay, this.startupCpu, this.cpuRequestMillis, this.processors, ms,
				this.rateWindow, this.rangeBounds);
	}

	/**
	 * The same cluster with another rate window or Prometheus generation.
	 * @param window the rules' rate window, at least 1 s (two scrapes or more to give a
	 * rate)
	 * @param bounds {@link PromQl.RangeBounds#LEFT_OPEN} for Prometheus 3,
	 * {@link PromQl.RangeBounds#CLOSED} for Prometheus 2
	 */
	public SimulationSettings withPrometheus(Duration window, PromQl.RangeBounds bounds) {
		return new SimulationSettings(this.controller, this.scrapeInterval, this.adapterRelistInterval,
				this.metricsResolution, this.startupDelay, this.startupCpu, this.cpuRequestMillis, this.processors,
				this.sloMs, window, bounds);
	}

}
