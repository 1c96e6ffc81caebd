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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One HorizontalPodAutoscaler as the controller runs it, sync after sync: read the
 * metrics, take the highest proposal, stabilise it over the recommendation history, bound
 * and rate-limit it, and remember the scale event. The caller drives the clock (normally
 * every {@link ControllerSettings#syncPeriod()}) and applies the decision. Not
 * thread-safe: one replay drives one instance.
 */
public final class HorizontalController {

	private final AutoscalerSpec spec;

	private final ControllerSettings settings;

	private final ReplicaCalculator calculator;

	private final ScalingHistory history = new ScalingHistory();

	public HorizontalController(AutoscalerSpec spec, ControllerSettings settings) {
		this.spec = spec;
		this.settings = settings;
		this.calculator = new ReplicaCalculator(settings.cpuInitializationPeriod(), settings.initialReadinessDelay());
	}

	public AutoscalerSpec spec() {
		return this.spec;
	}

	/**
	 * Runs one sync.
	 * @param now the controller's clock
	 * @param specReplicas the scale target's {@code spec.replicas}
	 * @param statusReplicas the scale target's {@code status.replicas} (per-pod object
	 * and external targets divide by it)
	 * @param cluster the pods and metrics the controller reads
	 * @return the decision; {@link ScaleDecision#desiredReplicas()} is the new
	 * {@code spec.replicas}
	 */
	public ScaleDecision reconcile(Instant now, int specReplicas, int statusReplicas, MetricsSnapshot cluster) {
		if (this.history.recommendations.isEmpty()) {
			this.history.recommendations.add(new ScalingHistory.Recommendation(specReplicas, now));
		}
		int min = this.spec.minReplicas();
		int max = this.spec.maxReplicas();
		if (specReplicas == 0 && min != 0) {
			return new ScaleDecision(now, specReplicas, -1, 0, "ScalingDisabled", List.of(), null);
		}
		if (specReplicas > max || specReplicas < min) {
			int desired = (specReplicas > max) ? max : min;
			this.history.storeScaleEvent(this.spec.behavior(), specReplicas, desired, now);
			return new ScaleDecision(now, specReplicas, -1, desired,
					(specReplicas > max) ? "TooManyReplicas" : "TooFewReplicas", List.of(), null);
		}
		Tolerances tolerances = tolerances();
		List<ReplicaProposal> proposals = new ArrayList<>();
		int metricReplicas = 0;
		String firstError = null;
		int invalid = 0;
		for (MetricSpec metric : this.spec.metrics()) {
			try {
				ReplicaProposal proposal = propose(metric, specReplicas, statusReplicas, tolerances, cluster, now);
				proposals.add(proposal);
				metricReplicas = Math.max(metricReplicas, proposal.replicas());
			}
			catch (MetricUnavailableException ex) {
				invalid++;
				if (firstError == null) {
					firstError = metric.name() + ": " + ex.getMessage();
				}
			}
		}
		// With every metric broken, or with one broken while the others would scale
		// down, the controller keeps the count: a missing metric must not remove pods.
		if (invalid >= this.spec.metrics().size() || (invalid > 0 && metricReplicas < specReplicas)) {
			return new ScaleDecision(now, specReplicas, -1, specReplicas, "FailedGetMetrics", proposals, firstError);
		}
		Behavior behavior = this.spec.behavior();
		int stabilized;
		Normalization.Limited limited;
		if (behavior == null) {
			stabilized = Normalization.stabilize(this.history.recommendations, metricReplicas,
					this.settings.downscaleStabilizationWindow(), now);
			limited = Normalization.convertWithRules(specReplicas, stabilized, min, max,
					Normalization.LEGACY_SCALE_UP_FACTOR);
		}
		else {
			ScalingRules up = behavior.scaleUp();
			ScalingRules down = behavior.scaleDown();
			int downWindow = (down.stabilizationWindowSeconds() != null) ? down.stabilizationWindowSeconds()
					: (int) this.settings.downscaleStabilizationWindow().toSeconds();
			stabilized = Normalization.stabilizeWithBehaviors(this.history.recommendations, specReplicas,
					metricReplicas, up.window(), downWindow, now);
			limited = Normalization.convertWithBehaviorRate(specReplicas, stabilized, min, max, up, down,
					this.history.scaleUpEvents, this.history.scaleDownEvents, now);
		}
		String reason = limited.reason();
		if (stabilized != metricReplicas && limited.replicas() == stabilized) {
			reason = (metricReplicas > specReplicas) ? "ScaleUpStabilized" : "ScaleDownStabilized";
		}
		if (limited.replicas() != specReplicas) {
			this.history.storeScaleEvent(behavior, specReplicas, limited.replicas(), now);
		}
		return new ScaleDecision(now, specReplicas, metricReplicas, limited.replicas(), reason, proposals, firstError);
	}

	/**
	 * The controller-wide tolerance, replaced per direction by the HPA's own only where
	 * the {@code HPAConfigurableTolerance} gate is on: with the gate off, Kubernetes
	 * scales as if the field were absent.
	 */
	private Tolerances tolerances() {
		Tolerances defaults = this.settings.tolerances();
		Behavior behavior = this.spec.behavior();
		if (behavior == null || !this.settings.configurableTolerance()) {
			return defaults;
		}
		@Nullable Double down = behavior.scaleDown().tolerance();
		@Nullable Double up = behavior.scaleUp().tolerance();
		return new Tolerances((down != null) ? down : defaults.scaleDown(), (up != null) ? up : defaults.scaleUp());
	}

	private ReplicaProposal propose(MetricSpec metric, int specReplicas, int statusReplicas, Tolerances tolerances,
			MetricsSnapshot cluster, Instant now) {
		MetricTarget target = metric.target();
		if (metric instanceof MetricSpec.Resource resource) {
			return switch (target.type()) {
				case UTILIZATION -> this.calculator.resourceUtilization(specReplicas, (int) target.milliValue(),
						resource.name(), resource.container(), tolerances, cluster.pods(),
						cluster.resourceUsage(resource.name()), now);
				case AVERAGE_VALUE -> this.calculator.resourceAverageValue(specReplicas, target.milliValue(),
						resource.name(), resource.container(), tolerances, cluster.pods(),
						cluster.resourceUsage(resource.name()), now);
				case VALUE -> throw new MetricUnavailableException(
						"a Resource metric needs a Utilization or AverageValue target");
			};
		}
		if (metric instanceof MetricSpec.Pods pods) {
			if (target.type() != MetricTarget.Type.AVERAGE_VALUE) {
				throw new MetricUnavailableException("a Pods metric needs an AverageValue target");
			}
			return this.calculator.podsAverageValue(specReplicas, target.milliValue(), tolerances, cluster.pods(),
					cluster.podsMetric(pods.name()), now);
		}
		if (metric instanceof MetricSpec.ObjectMetric object) {
			return objectLike(target, specReplicas, statusReplicas, tolerances,
					cluster.objectMetric(object.name(), object.describedObject()), cluster);
		}
		MetricSpec.External external = (MetricSpec.External) metric;
		return objectLike(target, specReplicas, statusReplicas, tolerances,
				cluster.externalMetric(external.name()).stream().mapToLong(Long::longValue).sum(), cluster);
	}

	private ReplicaProposal objectLike(MetricTarget target, int specReplicas, int statusReplicas, Tolerances tolerances,
			long value, MetricsSnapshot cluster) {
		return switch (target.type()) {
			case VALUE ->
				this.calculator.objectValue(specReplicas, target.milliValue(), value, tolerances, cluster.pods());
			case AVERAGE_VALUE ->
				this.calculator.objectAverageValue(statusReplicas, target.milliValue(), value, tolerances);
			case UTILIZATION ->
				throw new MetricUnavailableException("Object and External metrics have no Utilization target");
		};
	}

	/** The recommendation history, for tests in this package. */
	ScalingHistory history() {
		return this.history;
	}

}
