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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

import org.jspecify.annotations.Nullable;

/**
 * The replica count one metric asks for, computed as Kubernetes'
 * {@code ReplicaCalculator} computes it: {@code ceil(ready pods × usage / target)},
 * unless the ratio is within the tolerance; pods without a metric count as using the
 * target on a scale-down and nothing on a scale-up, unready pods count as using nothing
 * on a scale-up, and a correction that would reverse the direction cancels the change.
 */
public final class ReplicaCalculator {

	private final Duration cpuInitializationPeriod;

	private final Duration delayOfInitialReadinessStatus;

	/**
	 * @param cpuInitializationPeriod how long after a pod starts its CPU samples need a
	 * ready pod and a full window after readiness
	 * ({@code --horizontal-pod-autoscaler-cpu-initialization-period}, 5 min by default)
	 * @param delayOfInitialReadinessStatus how long after start an unready pod still
	 * counts as never ready ({@code --horizontal-pod-autoscaler-initial-readiness-delay},
	 * 30 s by default)
	 */
	public ReplicaCalculator(Duration cpuInitializationPeriod, Duration delayOfInitialReadinessStatus) {
		this.cpuInitializationPeriod = cpuInitializationPeriod;
		this.delayOfInitialReadinessStatus = delayOfInitialReadinessStatus;
	}

	/**
	 * A {@code Resource} (or {@code ContainerResource}) metric with a {@code Utilization}
	 * target: usage as a percentage of the pods' requests.
	 * @param container the container of a {@code ContainerResource} metric, or
	 * {@code null} for the whole pod
	 */
	public ReplicaProposal resourceUtilization(int currentReplicas, int targetUtilization, String resource,
			@Nullable String container, Tolerances tolerances, List<Pod> pods, Map<String, PodResourceUsage> usage,
			Instant now) {
		Map<String, PodMetric> metrics = resourceValues(resource, container, usage);
		requirePods(pods);
		PodGroups groups = PodGroups.of(pods, metrics, resource, this.cpuInitializationPeriod,
				this.delayOfInitialReadinessStatus, now);
		metrics.keySet().removeAll(groups.ignored());
		metrics.keySet().removeAll(groups.unready());
		if (metrics.isEmpty()) {
			throw new MetricUnavailableException("did not receive metrics for targeted pods (pods might be unready)");
		}
		Map<String, Long> requests = Requests.of(pods, container, resource);
		Utilization current = Utilization.of(metrics, requests, targetUtilization);
		boolean scaleUpWithUnready = !groups.unready().isEmpty() && current.ratio() > 1.0;
		if (!scaleUpWithUnready && groups.missing().isEmpty()) {
			if (tolerances.isWithin(current.ratio())) {
				return current.proposal(currentReplicas);
			}
			return current.proposal(ceil(current.ratio() * groups.readyCount()));
		}
		if (!groups.missing().isEmpty()) {
			if (current.ratio() < 1.0) {
				// A pod without a sample is assumed to use its whole request (or the
				// target, when that is above 100%): no scale-down on its account.
				long fallback = Math.max(100, targetUtilization);
				groups.missing()
					.forEach((pod) -> metrics.put(pod,
							new PodMetric(requests.get(pod) * fallback / 100, now, Duration.ZERO)));
			}
			else if (current.ratio() > 1.0) {
				groups.missing().forEach((pod) -> metrics.put(pod, zero(now)));
			}
		}
		if (scaleUpWithUnready) {
			groups.unready().forEach((pod) -> metrics.put(pod, zero(now)));
		}
		double newRatio = Utilization.of(metrics, requests, targetUtilization).ratio();
		if (tolerances.isWithin(newRatio) || reversed(current.ratio(), newRatio)) {
			return current.proposal(currentReplicas);
		}
		int replicas = ceil(newRatio * metrics.size());
		if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) {
			return current.proposal(currentReplicas);
		}
		return current.proposal(replicas);
	}

	/**
	 * A {@code Resource} (or {@code ContainerResource}) metric with an
	 * {@code AverageValue} target, in milli-units per pod.
	 */
	public ReplicaProposal resourceAverageValue(int currentReplicas, long targetAverageMilli, String resource,
			@Nullable String container, Tolerances tolerances, List<Pod> pods, Map<String, PodResourceUsage> usage,
			Instant now) {
		return plain(new HashMap<>(resourceValues(resource, container, usage)), currentReplicas, targetAverageMilli,
				tolerances, pods, resource, now);
	}

	/** A {@code Pods} metric with an {@code AverageValue} target. */
	public ReplicaProposal podsAverageValue(int currentReplicas, long targetAverageMilli, Tolerances tolerances,
			List<Pod> pods, Map<String, PodMetric> values, Instant now) {
		if (values.isEmpty()) {
			throw new MetricUnavailableException("no metrics returned from custom metrics API");
		}
		return plain(new HashMap<>(values), currentReplicas, targetAverageMilli, tolerances, pods, null, now);
	}

	/**
	 * An {@code Object} (or {@code External}) metric with a {@code Value} target: the
	 * object's value against the target, scaled by the ready pods.
	 * @param valueMilli the object's value (for {@code External}, the sum of the series)
	 */
	public ReplicaProposal objectValue(int currentReplicas, long targetMilli, long valueMilli, Tolerances tolerances,
			List<Pod> pods) {
		double ratio = (double) valueMilli / targetMilli;
		if (currentReplicas == 0) {
			// Scaling from zero (HPAScaleToZero) ignores tolerance and readiness.
			return ReplicaProposal.plain(ceil(ratio), valueMilli);
		}
		if (tolerances.isWithin(ratio)) {
			return ReplicaProposal.plain(currentReplicas, valueMilli);
		}
		requirePods(pods);
		long ready = pods.stream().filter(Pod::isRunningAndReady).count();
		return ReplicaProposal.plain(ceilCapped(ratio * ready), valueMilli);
	}

	/**
	 * An {@code Object} (or {@code External}) metric with an {@code AverageValue} target:
	 * the value divided over the scale target's status replicas.
	 */
	public ReplicaProposal objectAverageValue(int statusReplicas, long targetAverageMilli, long valueMilli,
			Tolerances tolerances) {
		int replicas = statusReplicas;
		double ratio = (double) valueMilli / ((double) targetAverageMilli * replicas);
		if (!tolerances.isWithin(ratio)) {
			replicas = ceilCapped((double) valueMilli / targetAverageMilli);
		}
		return ReplicaProposal.plain(replicas, (long) Math.ceil((double) valueMilli / statusReplicas));
	}

	private ReplicaProposal plain(Map<String, PodMetric> metrics, int currentReplicas, long targetMilli,
			Tolerances tolerances, List<Pod> pods, @Nullable String resource, Instant now) {
		requirePods(pods);
		PodGroups groups = PodGroups.of(pods, metrics, resource, this.cpuInitializationPeriod,
				this.delayOfInitialReadinessStatus, now);
		metrics.keySet().removeAll(groups.ignored());
		metrics.keySet().removeAll(groups.unready());
		if (metrics.isEmpty()) {
			throw new MetricUnavailableException("did not receive metrics for targeted pods (pods might be unready)");
		}
		Average current = Average.of(metrics, targetMilli);
		boolean scaleUpWithUnready = !groups.unready().isEmpty() && current.ratio() > 1.0;
		if (!scaleUpWithUnready && groups.missing().isEmpty()) {
			if (tolerances.isWithin(current.ratio())) {
				return ReplicaProposal.plain(currentReplicas, current.usage());
			}
			return ReplicaProposal.plain(ceil(current.ratio() * groups.readyCount()), current.usage());
		}
		if (!groups.missing().isEmpty()) {
			if (current.ratio() < 1.0) {
				groups.missing().forEach((pod) -> metrics.put(pod, new PodMetric(targetMilli, now, Duration.ZERO)));
			}
			else if (current.ratio() > 1.0) {
				groups.missing().forEach((pod) -> metrics.put(pod, zero(now)));
			}
		}
		if (scaleUpWithUnready) {
			groups.unready().forEach((pod) -> metrics.put(pod, zero(now)));
		}
		double newRatio = Average.of(metrics, targetMilli).ratio();
		if (tolerances.isWithin(newRatio) || reversed(current.ratio(), newRatio)) {
			return ReplicaProposal.plain(currentReplicas, current.usage());
		}
		int replicas = ceil(newRatio * metrics.size());
		if ((newRatio < 1.0 && replicas > currentReplicas) || (newRatio > 1.0 && replicas < currentReplicas)) {
			return ReplicaProposal.plain(currentReplicas, current.usage());
		}
		return ReplicaProposal.plain(replicas, current.usage());
	}

	private static Map<String, PodMetric> resourceValues(String resource, @Nullable String container,
			Map<String, PodResourceUsage> usage) {
		if (usage.isEmpty()) {
			throw new MetricUnavailableException("unable to get metrics for resource " + resource
					+ ": no metrics returned from resource metrics API");
		}
		Map<String, PodMetric> values = new HashMap<>();
		usage.forEach((pod, entry) -> entry.value(container).ifPresent((value) -> values.put(pod, value)));
		return values;
	}

	private static void requirePods(List<Pod> pods) {
		if (pods.isEmpty()) {
			throw new MetricUnavailableException("no pods returned by selector while calculating replica count");
		}
	}

	private static boolean reversed(double ratio, double newRatio) {
		return (ratio < 1.0 && newRatio > 1.0) || (ratio > 1.0 && newRatio < 1.0);
	}

	private static PodMetric zero(Instant now) {
		return new PodMetric(0, now, Duration.ZERO);
	}

	private static int ceil(double value) {
		return (int) Math.ceil(value);
	}

	private static int ceilCapped(double value) {
		return (value > Integer.MAX_VALUE) ? Integer.MAX_VALUE : (int) Math.ceil(value);
	}

	/** Utilisation as the controller computes it: whole percent, integer division. */
	private record Utilization(double ratio, int percent, long rawAverage) {

		static Utilization of(Map<String, PodMetric> metrics, Map<String, Long> requests, int target) {
			long usageTotal = 0;
			long requestsTotal = 0;
			int entries = 0;
			for (Map.Entry<String, PodMetric> metric : metrics.entrySet()) {
				Long request = requests.get(metric.getKey());
				if (request == null) {
					continue;
				}
				usageTotal += metric.getValue().milliValue();
				requestsTotal += request;
				entries++;
			}
			if (requestsTotal == 0) {
				throw new MetricUnavailableException("no metrics returned matched known pods");
			}
			int percent = (int) (usageTotal * 100 / requestsTotal);
			return new Utilization((double) percent / target, percent, usageTotal / entries);
		}

		ReplicaProposal proposal(int replicas) {
			return new ReplicaProposal(replicas, this.rawAverage, OptionalInt.of(this.percent));
		}

	}

	/** The average of plain values, integer division as the controller does. */
	private record Average(double ratio, long usage) {

		static Average of(Map<String, PodMetric> metrics, long target) {
			long total = metrics.values().stream().mapToLong(PodMetric::milliValue).sum();
			long usage = total / metrics.size();
			return new Average((double) usage / target, usage);
		}

	}

	/** The pods' requests for a resource. */
	static final class Requests {

		private Requests() {
		}

		/**
		 * Sums each pod's container requests (sidecars included, init containers not), or
		 * takes the one container's.
		 * @throws MetricUnavailableException when a container lacks the request
		 */
		static Map<String, Long> of(List<Pod> pods, @Nullable String container, String resource) {
			Map<String, Long> requests = new HashMap<>();
			for (Pod pod : pods) {
				requests.put(pod.name(), podRequest(pod, container, resource));
			}
			return requests;
		}

		private static long podRequest(Pod pod, @Nullable String container, String resource) {
			long request = 0;
			for (Container c : pod.containers()) {
				if (c.kind() == Container.Kind.INIT) {
					continue;
				}
				if (container == null || container.equals(c.name())) {
					Long value = c.requestsMilli().get(resource);
					if (value == null) {
						throw new MetricUnavailableException("missing request for " + resource + " in container "
								+ c.name() + " of Pod " + pod.name());
					}
					request += value;
				}
				if (c.name().equals(container)) {
					return request;
				}
			}
			if (container != null) {
				throw new MetricUnavailableException("container " + container + " not found in Pod " + pod.name());
			}
			return request;
		}

	}

}
