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

package dev.steadypod.hpa.model;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Builds the cluster of one of Kubernetes' replica calculator test cases: pods
 * {@code test-pod-<i>} with two containers ({@code container1}, {@code container2}) that
 * each request the given amount, metrics measured at the zero time over a one-minute
 * window, the controller's testing periods (2 min CPU initialisation, 10 s readiness
 * delay) and tolerance 0.1. Pods are "hot" (started now) or "cool" (started 3 minutes
 * ago); by default they started at the zero time.
 */
final class ReplicaCalcCase {

	static final Instant NOW = Instant.parse("2026-11-28T06:00:00Z");

	/** Go's zero {@code time.Time}: what an unset start time or timestamp reads as. */
	static final Instant ZERO_TIME = Instant.parse("0001-01-01T00:00:00Z");

	static final Instant HOT = NOW;

	static final Instant COOL = NOW.minus(Duration.ofMinutes(3));

	static final ConditionStatus T = ConditionStatus.TRUE;

	static final ConditionStatus F = ConditionStatus.FALSE;

	private static final ReplicaCalculator CALCULATOR = new ReplicaCalculator(Duration.ofMinutes(2),
			Duration.ofSeconds(10));

	private final int currentReplicas;

	private ConditionStatus @Nullable [] readiness;

	private Instant @Nullable [] startTimes;

	private PodPhase @Nullable [] phases;

	private boolean @Nullable [] deleting;

	private long[] requestsPerContainer = {};

	private long[][] levels = {};

	private String @Nullable [] metricPodNames;

	private @Nullable String container;

	private ReplicaCalcCase(int currentReplicas) {
		this.currentReplicas = currentReplicas;
	}

	static ReplicaCalcCase current(int replicas) {
		return new ReplicaCalcCase(replicas);
	}

	ReplicaCalcCase readiness(ConditionStatus... readiness) {
		this.readiness = readiness;
		return this;
	}

	ReplicaCalcCase startTimes(Instant... startTimes) {
		this.startTimes = startTimes;
		return this;
	}

	ReplicaCalcCase phases(PodPhase... phases) {
		this.phases = phases;
		return this;
	}

	ReplicaCalcCase deleting(boolean... deleting) {
		this.deleting = deleting;
		return this;
	}

	/** CPU requests per container in millicores ({@code "1.0"} is 1000). */
	ReplicaCalcCase requests(long... millicores) {
		this.requestsPerContainer = millicores;
		return this;
	}

	/** The same usage for both containers of each pod, as {@code makePodMetricLevels}. */
	ReplicaCalcCase levels(long... perContainer) {
		this.levels = Arrays.stream(perContainer)
			.mapToObj((level) -> new long[] { level, level })
			.toArray(long[][]::new);
		return this;
	}

	/** Usage per container of each pod. */
	ReplicaCalcCase containerLevels(long[]... levels) {
		this.levels = levels;
		return this;
	}

	ReplicaCalcCase metricPodNames(String... names) {
		this.metricPodNames = names;
		return this;
	}

	ReplicaCalcCase container(String container) {
		this.container = container;
		return this;
	}

	ReplicaProposal cpuUtilization(int target) {
		return CALCULATOR.resourceUtilization(this.currentReplicas, target, "cpu", this.container, Tolerances.DEFAULT,
				pods(), resourceUsage(), NOW);
	}

	/** A {@code Pods} metric: {@code levels} are the pods' values in milli-units. */
	ReplicaProposal podsMetric(long targetMilli, long... values) {
		Map<String, PodMetric> metrics = new LinkedHashMap<>();
		for (int i = 0; i < values.length; i++) {
			metrics.put("test-pod-" + i, new PodMetric(values[i], ZERO_TIME, Duration.ofMinutes(1)));
		}
		return CALCULATOR.podsAverageValue(this.currentReplicas, targetMilli, Tolerances.DEFAULT, pods(), metrics, NOW);
	}

	ReplicaProposal objectMetric(long targetMilli, long valueMilli) {
		return CALCULATOR.objectValue(this.currentReplicas, targetMilli, valueMilli, Tolerances.DEFAULT, pods());
	}

	ReplicaProposal objectPerPodMetric(long targetAverageMilli, long valueMilli) {
		return CALCULATOR.objectAverageValue(this.currentReplicas, targetAverageMilli, valueMilli, Tolerances.DEFAULT);
	}

	List<Pod> pods() {
		int count = this.currentReplicas;
		if (this.phases != null && this.phases.length > count) {
			count = this.phases.length;
		}
		List<Pod> pods = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			ConditionStatus ready = (this.readiness != null && i < this.readiness.length) ? this.readiness[i] : T;
			Instant start = (this.startTimes != null) ? this.startTimes[i] : ZERO_TIME;
			PodPhase phase = (this.phases != null) ? this.phases[i] : PodPhase.RUNNING;
			boolean deleted = this.deleting != null && this.deleting[i];
			Map<String, Long> requests = (i < this.requestsPerContainer.length)
					? Map.of("cpu", this.requestsPerContainer[i]) : Map.of();
			pods.add(new Pod("test-pod-" + i, phase, deleted, start, new ReadyCondition(ready, ZERO_TIME),
					List.of(Container.app("container1", requests), Container.app("container2", requests))));
		}
		return pods;
	}

	private Map<String, PodResourceUsage> resourceUsage() {
		Map<String, PodResourceUsage> usage = new LinkedHashMap<>();
		for (int i = 0; i < this.levels.length; i++) {
			String pod = (this.metricPodNames != null && i < this.metricPodNames.length) ? this.metricPodNames[i]
					: "test-pod-" + i;
			Map<String, Long> containers = new LinkedHashMap<>();
			for (int c = 0; c < this.levels[i].length; c++) {
				containers.put("container" + (c + 1), this.levels[i][c]);
			}
			usage.put(pod, new PodResourceUsage(containers, ZERO_TIME, Duration.ofMinutes(1)));
		}
		return usage;
	}

}
