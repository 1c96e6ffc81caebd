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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * The pods of a calculation sorted as the controller sorts them: ready (counted), unready
 * (pending, or not yet trustworthy for CPU), missing (no metric) and ignored (being
 * deleted or failed).
 */
record PodGroups(int readyCount, Set<String> unready, Set<String> missing, Set<String> ignored) {

	static final String CPU = "cpu";

	/**
	 * Sorts the pods.
	 * @param resource the resource the metric measures, or {@code null} for custom
	 * metrics: only CPU samples are distrusted while a pod starts
	 */
	static PodGroups of(List<Pod> pods, Map<String, PodMetric> metrics, @Nullable String resource,
			Duration cpuInitializationPeriod, Duration delayOfInitialReadinessStatus, Instant now) {
		int ready = 0;
		Set<String> unready = new LinkedHashSet<>();
		Set<String> missing = new LinkedHashSet<>();
		Set<String> ignored = new LinkedHashSet<>();
		for (Pod pod : pods) {
			if (pod.deleting() || pod.phase() == PodPhase.FAILED) {
				ignored.add(pod.name());
				continue;
			}
			if (pod.phase() == PodPhase.PENDING) {
				unready.add(pod.name());
				continue;
			}
			PodMetric metric = metrics.get(pod.name());
			if (metric == null) {
				missing.add(pod.name());
				continue;
			}
			if (CPU.equals(resource)
					&& cpuSampleUntrusted(pod, metric, cpuInitializationPeriod, delayOfInitialReadinessStatus, now)) {
				unready.add(pod.name());
				continue;
			}
			ready++;
		}
		return new PodGroups(ready, unready, missing, ignored);
	}

	/**
	 * CPU during start-up (JIT, class loading) says nothing about load: inside the
	 * initialisation period a sample counts only if the pod is ready and the sample's
	 * whole window lies after the pod became ready; after it, only a pod that has never
	 * been ready is left out.
	 */
	private static boolean cpuSampleUntrusted(Pod pod, PodMetric metric, Duration cpuInitializationPeriod,
			Duration delayOfInitialReadinessStatus, Instant now) {
		ReadyCondition condition = pod.readyCondition();
		Instant start = pod.startTime();
		if (condition == null || start == null) {
			return true;
		}
		boolean notReady = condition.status() == ConditionStatus.FALSE;
		if (start.plus(cpuInitializationPeriod).isAfter(now)) {
			return notReady || metric.timestamp().isBefore(condition.lastTransitionTime().plus(metric.window()));
		}
		return notReady && start.plus(delayOfInitialReadinessStatus).isAfter(condition.lastTransitionTime());
	}

}
