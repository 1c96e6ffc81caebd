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
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static dev.steadypod.hpa.model.ReplicaCalcCase.COOL;
import static dev.steadypod.hpa.model.ReplicaCalcCase.F;
import static dev.steadypod.hpa.model.ReplicaCalcCase.HOT;
import static dev.steadypod.hpa.model.ReplicaCalcCase.NOW;
import static dev.steadypod.hpa.model.ReplicaCalcCase.T;
import static dev.steadypod.hpa.model.ReplicaCalcCase.current;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The table-driven cases of Kubernetes' {@code replica_calculator_test.go}
 * ({@code pkg/controller/podautoscaler}): the same input figures and the same expected
 * replica counts, utilisations and values, run against our model. Each test names the Go
 * test it ports. Resource pods have two containers each requesting the given millicores,
 * so a pod's request and usage are twice the per-container figure.
 */
class KubernetesReplicaCalculatorCasesTests {

	private static final long ONE = 1000;

	private static final PodPhase RUN = PodPhase.RUNNING;

	private static final PodPhase FAIL = PodPhase.FAILED;

	private static final PodPhase PEND = PodPhase.PENDING;

	// TestReplicaCalcDisjointResourcesMetrics
	@Test
	void metricsForPodsThatNoLongerExistAreAnError() {
		assertThatExceptionOfType(MetricUnavailableException.class)
			.isThrownBy(
					() -> current(1).requests(ONE).levels(100).metricPodNames("an-older-pod-name").cpuUtilization(100))
			.withMessageContaining("no metrics returned matched known pods");
	}

	// TestReplicaCalcScaleUp
	@Test
	void scaleUp() {
		assertResource(current(3).requests(ONE, ONE, ONE).levels(300, 500, 700).cpuUtilization(30), 5, 50, 2 * 500);
	}

	// TestReplicaCalcContainerScaleUp
	@Test
	void containerScaleUp() {
		assertResource(current(3).requests(ONE, ONE, ONE)
			.containerLevels(l(1000, 300), l(1000, 500), l(1000, 700))
			.container("container2")
			.cpuUtilization(30), 5, 50, 500);
	}

	// TestReplicaCalcScaleUpUnreadyLessScale
	@Test
	void scaleUpWithAnUnreadyPodScalesLess() {
		assertResource(current(3).readiness(F, T, T).requests(ONE, ONE, ONE).levels(300, 500, 700).cpuUtilization(30),
				4, 60, 2 * 600);
	}

	// TestReplicaCalcScaleUpContainerHotCpuLessScale
	@Test
	void containerScaleUpWithAHotCpuPodScalesLess() {
		assertResource(current(3).startTimes(HOT, COOL, COOL)
			.requests(ONE, ONE, ONE)
			.containerLevels(l(0, 300), l(0, 500), l(0, 700))
			.container("container2")
			.cpuUtilization(30), 4, 60, 600);
	}

	// TestReplicaCalcScaleUpHotCpuLessScale
	@Test
	void scaleUpWithAHotCpuPodScalesLess() {
		assertResource(
				current(3).startTimes(HOT, COOL, COOL).requests(ONE, ONE, ONE).levels(300, 500, 700).cpuUtilization(30),
				4, 60, 2 * 600);
	}

	// TestReplicaCalcScaleUpUnreadyNoScale
	@Test
	void scaleUpThatUnreadyPodsWouldCancelDoesNotScale() {
		assertResource(current(3).readiness(T, F, F).requests(ONE, ONE, ONE).levels(400, 500, 700).cpuUtilization(30),
				3, 40, 2 * 400);
	}

	// TestReplicaCalcScaleHotCpuNoScale
	@Test
	void scaleUpThatHotCpuPodsWouldCancelDoesNotScale() {
		assertResource(current(3).readiness(T, F, F)
			.startTimes(COOL, HOT, HOT)
			.requests(ONE, ONE, ONE)
			.levels(400, 500, 700)
			.cpuUtilization(30), 3, 40, 2 * 400);
	}

	// TestReplicaCalcScaleUpIgnoresFailedPods
	@Test
	void scaleUpIgnoresFailedPods() {
		assertResource(current(2).readiness(T, T, F, F)
			.phases(RUN, RUN, FAIL, FAIL)
			.requests(ONE, ONE, ONE, ONE)
			.levels(500, 700)
			.cpuUtilization(30), 4, 60, 2 * 600);
	}

	// TestReplicaCalcMissingContainerMetricScaleUpIgnoresFailedPods
	@Test
	void containerScaleUpIgnoresFailedPodsWithoutTheContainersMetric() {
		assertResource(current(2).readiness(T, T, F, F)
			.phases(RUN, RUN, FAIL, FAIL)
			.requests(ONE, ONE, ONE, ONE)
			.containerLevels(l(1000, 500), l(9000, 700), l(1000), l(9000))
			.container("container2")
			.cpuUtilization(30), 4, 60, 600);
	}

	// TestReplicaCalcScaleUpContainerIgnoresFailedPods
	@Test
	void containerScaleUpIgnoresFailedPods() {
		assertResource(current(2).readiness(T, T, F, F)
			.phases(RUN, RUN, FAIL, FAIL)
			.requests(ONE, ONE, ONE, ONE)
			.containerLevels(l(1000, 500), l(9000, 700))
			.container("container2")
			.cpuUtilization(30), 4, 60, 600);
	}

	// TestReplicaCalcScaleUpIgnoresDeletionPods
	@Test
	void scaleUpIgnoresPodsBeingDeleted() {
		assertResource(current(2).readiness(T, T, F, F)
			.phases(RUN, RUN, RUN, RUN)
			.deleting(false, false, true, true)
			.requests(ONE, ONE, ONE, ONE)
			.levels(500, 700)
			.cpuUtilization(30), 4, 60, 2 * 600);
	}

	// TestReplicaCalcScaleUpContainerIgnoresDeletionPods
	@Test
	void containerScaleUpIgnoresPodsBeingDeleted() {
		assertResource(current(2).readiness(T, T, F, F)
			.phases(RUN, RUN, RUN, RUN)
			.deleting(false, false, true, true)
			.requests(ONE, ONE, ONE, ONE)
			.levels(500, 700)
			.container("container1")
			.cpuUtilization(30), 4, 60, 600);
	}

	// TestReplicaCalcScaleUpCM
	@Test
	void podsMetricScaleUp() {
		assertPlain(current(3).podsMetric(15000, 20000, 10000, 30000), 4, 20000);
	}

	// TestReplicaCalcScaleUpCMUnreadyHotCpuNoLessScale
	@Test
	void podsMetricIgnoresReadinessAndCpuWarmUp() {
		assertPlain(current(3).readiness(T, T, F).startTimes(COOL, COOL, HOT).podsMetric(15000, 50000, 10000, 30000), 6,
				30000);
	}

	// TestReplicaCalcScaleUpCMUnreadyHotCpuScaleWouldScaleDown
	@Test
	void podsMetricScalesUpWithUnreadyHotPods() {
		assertPlain(current(3).readiness(F, T, F).startTimes(HOT, COOL, HOT).podsMetric(15000, 50000, 15000, 30000), 7,
				31666);
	}

	// TestReplicaCalcScaleUpCMObject
	@Test
	void objectMetricScaleUp() {
		assertPlain(current(3).objectMetric(15000, 20000), 4, 20000);
	}

	// TestReplicaCalcScaleUpCMPerPodObject
	@Test
	void objectMetricPerPodScaleUp() {
		assertPlain(current(3).objectPerPodMetric(5000, 20000), 4, 6667);
	}

	// TestReplicaCalcScaleUpCMObjectIgnoresUnreadyPods
	@Test
	void objectMetricScalesOnReadyPodsOnly() {
		assertPlain(current(3).readiness(F, T, F).objectMetric(10000, 50000), 5, 50000);
	}

	// TestReplicaCalcScaleUpCMExternal (a Pods metric with one pod in the Go test)
	@Test
	void externalFiguresAsPodsMetricScaleUp() {
		assertPlain(current(1).podsMetric(4400, 8600), 2, 8600);
	}

	// TestReplicaCalcScaleUpCMExternalIgnoresUnreadyPods
	@Test
	void externalMetricScalesOnReadyPodsOnly() {
		assertPlain(current(3).readiness(F, T, F).objectMetric(4400, 8600), 2, 8600);
	}

	// TestReplicaCalcScaleUpCMExternalNoLabels
	@Test
	void externalFiguresWithoutLabelsAsPodsMetricScaleUp() {
		assertPlain(current(1).podsMetric(4400, 8600), 2, 8600);
	}

	// TestReplicaCalcScaleUpPerPodCMExternal
	@Test
	void externalMetricPerPodScaleUp() {
		assertPlain(current(3).objectPerPodMetric(2150, 8600), 4, 2867);
	}

	// TestReplicaCalcScaleDown
	@Test
	void scaleDown() {
		assertResource(current(5).requests(ONE, ONE, ONE, ONE, ONE).levels(100, 300, 500, 250, 250).cpuUtilization(50),
				3, 28, 2 * 280);
	}

	// TestReplicaCalcContainerScaleDown
	@Test
	void containerScaleDown() {
		assertResource(current(5).requests(ONE, ONE, ONE, ONE, ONE)
			.containerLevels(l(1000, 100), l(1000, 300), l(1000, 500), l(1000, 250), l(1000, 250))
			.container("container2")
			.cpuUtilization(50), 3, 28, 280);
	}

	// TestReplicaCalcScaleDownCM
	@Test
	void podsMetricScaleDown() {
		assertPlain(current(5).podsMetric(20000, 12000, 12000, 12000, 12000, 12000), 3, 12000);
	}

	// TestReplicaCalcScaleDownPerPodCMObject
	@Test
	void objectMetricPerPodScaleDown() {
		assertPlain(current(5).objectPerPodMetric(2000, 6000), 3, 1200);
	}

	// TestReplicaCalcScaleDownCMObject
	@Test
	void objectMetricScaleDown() {
		assertPlain(current(5).objectMetric(20000, 12000), 3, 12000);
	}

	// TestReplicaCalcScaleDownCMExternal
	@Test
	void externalMetricScaleDown() {
		assertPlain(current(5).objectMetric(14334, 8600), 3, 8600);
	}

	// TestReplicaCalcScaleDownPerPodCMExternal
	@Test
	void externalMetricPerPodScaleDown() {
		assertPlain(current(5).objectPerPodMetric(2867, 8600), 3, 1720);
	}

	// TestReplicaCalcScaleDownExcludeUnreadyPods
	@Test
	void scaleDownLeavesOutUnreadyPods() {
		assertResource(current(5).readiness(T, T, T, F, F)
			.requests(ONE, ONE, ONE, ONE, ONE)
			.levels(100, 300, 500, 250, 250)
			.cpuUtilization(50), 2, 30, 2 * 300);
	}

	// TestReplicaCalcScaleDownContainerExcludeUnreadyPods
	@Test
	void containerScaleDownLeavesOutUnreadyPods() {
		assertResource(current(5).readiness(T, T, T, F, F)
			.requests(ONE, ONE, ONE, ONE, ONE)
			.containerLevels(l(1000, 100), l(1000, 300), l(1000, 500), l(1000, 250), l(1000, 250))
			.container("container2")
			.cpuUtilization(50), 2, 30, 300);
	}

	// TestReplicaCalcScaleDownExcludeUnscheduledPods
	@Test
	void scaleDownLeavesOutPendingPods() {
		assertResource(current(5).readiness(T, F, F, F, F)
			.phases(RUN, PEND, PEND, PEND, PEND)
			.requests(ONE, ONE, ONE, ONE, ONE)
			.levels(100)
			.cpuUtilization(50), 1, 10, 2 * 100);
	}

	// TestReplicaCalcScaleDownContainerExcludeUnscheduledPods
	@Test
	void containerScaleDownLeavesOutPendingPods() {
		assertResource(current(5).readiness(T, F, F, F, F)
			.phases(RUN, PEND, PEND, PEND, PEND)
			.requests(ONE, ONE, ONE, ONE, ONE)
			.containerLevels(l(1000, 100), l(1000, 300), l(1000, 500), l(1000, 250), l(1000, 250))
			.container("container2")
			.cpuUtilization(50), 1, 10, 100);
	}

	// TestReplicaCalcScaleDownIgnoreHotCpuPods
	@Test
	void scaleDownIgnoresHotCpuPods() {
		assertResource(current(5).startTimes(COOL, COOL, COOL, HOT, HOT)
			.requests(ONE, ONE, ONE, ONE, ONE)
			.levels(100, 300, 500, 250, 250)
			.cpuUtilization(50), 2, 30, 2 * 300);
	}

	// TestReplicaCalcScaleDownContainerIgnoreHotCpuPods
	@Test
	void containerScaleDownIgnoresHotCpuPods() {
		assertResource(current(5).startTimes(COOL, COOL, COOL, HOT, HOT)
			.requests(ONE, ONE, ONE, ONE, ONE)
			.containerLevels(l(1000, 100), l(1000, 300), l(1000, 500), l(1000, 1000), l(1000, 1000))
			.container("container2")
			.cpuUtilization(50), 2, 30, 300);
	}

	// TestReplicaCalcScaleDownIgnoresFailedPods
	@Test
	void scaleDownIgnoresFailedPods() {
		assertResource(current(5).readiness(T, T, T, T, T, F, F)
			.phases(RUN, RUN, RUN, RUN, RUN, FAIL, FAIL)
			.requests(ONE, ONE, ONE, ONE, ONE, ONE, ONE)
			.levels(100, 300, 500, 250, 250)
			.cpuUtilization(50), 3, 28, 2 * 280);
	}

	// TestReplicaCalcScaleDownContainerIgnoresFailedPods
	@Test
	void containerScaleDownIgnoresFailedPods() {
		assertResource(current(5).readiness(T, T, T, T, T, F, F)
			.phases(RUN, RUN, RUN, RUN, RUN, FAIL, FAIL)
			.requests(ONE, ONE, ONE, ONE, ONE, ONE, ONE)
			.containerLevels(l(1000, 100), l(1000, 300), l(1000, 500), l(1000, 250), l(1000, 250))
			.container("container2")
			.cpuUtilization(50), 3, 28, 280);
	}

	// TestReplicaCalcScaleDownIgnoresDeletionPods
	@Test
	void scaleDownIgnoresPodsBeingDeleted() {
		assertResource(current(5).readiness(T, T, T, T, T, F, F)
			.phases(RUN, RUN, RUN, RUN, RUN, RUN, RUN)
			.deleting(false, false, false, false, false, true, true)
			.requests(ONE, ONE, ONE, ONE, ONE, ONE, ONE)
			.levels(100, 300, 500, 250, 250)
			.cpuUtilization(50), 3, 28, 2 * 280);
	}

	// TestReplicaCalcScaleDownIgnoresDeletionPods_StillRunning
	@Test
	void containerScaleDownIgnoresPodsBeingDeletedThatStillRun() {
		assertResource(current(5).readiness(T, T, T, T, T, F, F)
			.phases(RUN, RUN, RUN, RUN, RUN, RUN, RUN)
			.deleting(false, false, false, false, false, true, true)
			.requests(ONE, ONE, ONE, ONE, ONE, ONE, ONE)
			.containerLevels(l(1000, 100), l(1000, 300), l(1000, 500), l(1000, 250), l(1000, 250))
			.container("container2")
			.cpuUtilization(50), 3, 28, 280);
	}

	// TestReplicaCalcTolerance
	@Test
	void changeWithinToleranceKeepsTheReplicas() {
		assertResource(current(3).requests(900, 1000, 1100).levels(1010, 1030, 1020).cpuUtilization(100), 3, 102,
				2 * 1020);
	}

	// TestReplicaCalcToleranceCM
	@Test
	void podsMetricChangeWithinToleranceKeepsTheReplicas() {
		assertPlain(current(3).podsMetric(20000, 20000, 21000, 21000), 3, 20666);
	}

	// TestReplicaCalcToleranceCMObject
	@Test
	void objectMetricChangeWithinToleranceKeepsTheReplicas() {
		assertPlain(current(3).objectMetric(20000, 20666), 3, 20666);
	}

	// TestReplicaCalcTolerancePerPodCMObject
	@Test
	void objectMetricPerPodChangeWithinToleranceKeepsTheReplicas() {
		assertPlain(current(4).objectPerPodMetric(5000, 20166), 4, 5042);
	}

	// TestReplicaCalcToleranceCMExternal
	@Test
	void externalMetricChangeWithinToleranceKeepsTheReplicas() {
		assertPlain(current(3).objectMetric(8888, 8600), 3, 8600);
	}

	// TestReplicaCalcTolerancePerPodCMExternal
	@Test
	void externalMetricPerPodChangeWithinToleranceKeepsTheReplicas() {
		assertPlain(current(3).objectPerPodMetric(2900, 8600), 3, 2867);
	}

	// TestReplicaCalcSuperfluousMetrics
	@Test
	void metricsOfUnknownPodsDoNotCountTowardsTheUtilisation() {
		assertResource(
				current(4).requests(ONE, ONE, ONE, ONE).levels(4000, 9500, 3000, 7000, 3200, 2000).cpuUtilization(100),
				24, 587, 2 * 5875);
	}

	// TestReplicaCalcMissingMetrics
	@Test
	void podsWithoutMetricsCountAsUsingTheirRequestOnAScaleDown() {
		assertResource(current(4).requests(ONE, ONE, ONE, ONE).levels(400, 95).cpuUtilization(100), 3, 24, 495);
	}

	// TestReplicaCalcEmptyMetrics
	@Test
	void noResourceMetricsAtAllIsAnError() {
		assertThatExceptionOfType(MetricUnavailableException.class)
			.isThrownBy(() -> current(4).requests(ONE, ONE, ONE).levels().cpuUtilization(100))
			.withMessageContaining(
					"unable to get metrics for resource cpu: no metrics returned from resource metrics API");
	}

	// TestReplicaCalcEmptyCPURequest
	@Test
	void aPodWithoutACpuRequestIsAnError() {
		assertThatExceptionOfType(MetricUnavailableException.class)
			.isThrownBy(() -> current(1).requests().levels(200).cpuUtilization(100))
			.withMessageContaining("missing request for");
	}

	// TestPlainMetricReplicaCalcMissingMetricsNoChangeEq
	@Test
	void podsMetricWithMissingPodsAtTargetKeepsTheReplicas() {
		assertPlain(current(5).podsMetric(20000, 20000, 19000, 21000), 5, 20000);
	}

	// TestReplicaCalcMissingMetricsNoChangeEq
	@Test
	void missingMetricsAtTargetKeepTheReplicas() {
		assertResource(current(2).requests(ONE, ONE).levels(1000).cpuUtilization(100), 2, 100, 2 * 1000);
	}

	// TestReplicaCalcMissingMetricsNoChangeGt
	@Test
	void missingMetricsThatWouldReverseAScaleUpKeepTheReplicas() {
		assertResource(current(2).requests(ONE, ONE).levels(1900).cpuUtilization(100), 2, 190, 2 * 1900);
	}

	// TestReplicaCalcMissingMetricsNoChangeLt
	@Test
	void missingMetricsThatWouldReverseAScaleDownKeepTheReplicas() {
		assertResource(current(2).requests(ONE, ONE).levels(600).cpuUtilization(100), 2, 60, 2 * 600);
	}

	// TestReplicaCalcMissingMetricsUnreadyChange
	@Test
	void missingMetricsAndAnUnreadyPodWithinToleranceKeepTheReplicas() {
		assertResource(current(3).readiness(F, T, T).requests(ONE, ONE, ONE).levels(100, 450).cpuUtilization(50), 3, 45,
				2 * 450);
	}

	// TestReplicaCalcMissingMetricsHotCpuNoChange
	@Test
	void missingMetricsAndAHotCpuPodWithinToleranceKeepTheReplicas() {
		assertResource(
				current(3).startTimes(HOT, COOL, COOL).requests(ONE, ONE, ONE).levels(100, 450).cpuUtilization(50), 3,
				45, 2 * 450);
	}

	// TestReplicaCalcMissingMetricsUnreadyScaleUp
	@Test
	void missingMetricsAndAnUnreadyPodScaleUp() {
		assertResource(current(3).readiness(F, T, T).requests(ONE, ONE, ONE).levels(100, 2000).cpuUtilization(50), 4,
				200, 2 * 2000);
	}

	// TestReplicaCalcMissingMetricsHotCpuScaleUp
	@Test
	void missingMetricsAndAHotCpuPodScaleUp() {
		assertResource(current(3).readiness(F, T, T)
			.startTimes(HOT, COOL, COOL)
			.requests(ONE, ONE, ONE)
			.levels(100, 2000)
			.cpuUtilization(50), 4, 200, 2 * 2000);
	}

	// TestReplicaCalcMissingMetricsUnreadyScaleDown
	@Test
	void missingMetricsAndAnUnreadyPodScaleDown() {
		assertResource(
				current(4).readiness(F, T, T, T).requests(ONE, ONE, ONE, ONE).levels(100, 100, 100).cpuUtilization(50),
				3, 10, 2 * 100);
	}

	// TestReplicaCalcMissingMetricsScaleDownTargetOver100
	@Test
	void missingMetricsCountAsUsingTheTargetWhenItIsAbove100Percent() {
		assertResource(current(4).readiness(F, T, T, T)
			.requests(ONE, ONE, 2 * ONE, 2 * ONE)
			.levels(200, 100, 100)
			.cpuUtilization(300), 2, 6, 2 * 100);
	}

	// TestReplicaCalcDuringRollingUpdateWithMaxSurge
	@Test
	void surgePodWithoutMetricsDuringARollingUpdateKeepsTheReplicas() {
		assertResource(current(2).phases(RUN, RUN, RUN).requests(ONE, ONE, ONE).levels(100, 100).cpuUtilization(50), 2,
				10, 2 * 100);
	}

	// TestReplicaCalcDuringRollingUpdateWithMaxSurgeCM
	@Test
	void surgePodWithoutPodsMetricDuringARollingUpdateKeepsTheReplicas() {
		assertPlain(current(2).phases(RUN, RUN, RUN).podsMetric(17000, 10000, 10000), 2, 10000);
	}

	// TestReplicaCalcComputedToleranceAlgImplementation: the figures the Go test derives
	// (10 pods using 150m per container against requests around 300m, targets 56% and
	// 55%).
	@Test
	void justOutsideTheToleranceScalesAndJustInsideDoesNot() {
		ReplicaCalcCase tc = current(10).requests(400, 200, 310, 290, 302, 298, 301, 299, 300, 300)
			.levels(150, 150, 150, 150, 150, 150, 150, 150, 150, 150);
		assertResource(tc.cpuUtilization(56), 9, 50, 2 * 150);
		assertResource(tc.cpuUtilization(55), 10, 50, 2 * 150);
	}

	// TestGroupPods: 14 cases of sorting pods into ready, unready, missing and ignored.
	@Test
	void groupsPodsAsTheControllerDoes() {
		Duration init = Duration.ofMinutes(2);
		Duration delay = Duration.ofSeconds(10);
		// void
		assertThat(PodGroups.of(List.of(), Map.of(), "cpu", init, delay, NOW))
			.isEqualTo(groups(0, List.of(), List.of(), List.of()));
		// count in a ready pod - memory
		assertThat(PodGroups.of(List.of(pod("bentham", PodPhase.SUCCEEDED, null, null)),
				Map.of("bentham", metric(NOW, Duration.ofMinutes(1))), "memory", init, delay, NOW))
			.isEqualTo(groups(1, List.of(), List.of(), List.of()));
		// unready a pod without ready condition - CPU
		assertThat(PodGroups.of(List.of(pod("lucretius", PodPhase.SUCCEEDED, NOW, null)),
				Map.of("lucretius", metric(ReplicaCalcCase.ZERO_TIME, Duration.ZERO)), "cpu", init, delay, NOW))
			.isEqualTo(groups(0, List.of("lucretius"), List.of(), List.of()));
		// count in a ready pod with fresh metrics during initialization period - CPU
		assertThat(PodGroups.of(List.of(pod("bentham", PodPhase.SUCCEEDED, ago(60), new ReadyCondition(T, ago(30)))),
				Map.of("bentham", metric(NOW, Duration.ofSeconds(30))), "cpu", init, delay, NOW))
			.isEqualTo(groups(1, List.of(), List.of(), List.of()));
		// unready a ready pod without fresh metrics during initialization period - CPU
		assertThat(PodGroups.of(List.of(pod("bentham", PodPhase.SUCCEEDED, ago(60), new ReadyCondition(T, ago(30)))),
				Map.of("bentham", metric(NOW, Duration.ofSeconds(60))), "cpu", init, delay, NOW))
			.isEqualTo(groups(0, List.of("bentham"), List.of(), List.of()));
		// unready an unready pod during initialization period - CPU
		assertThat(PodGroups.of(
				List.of(pod("lucretius", PodPhase.SUCCEEDED, ago(600), new ReadyCondition(F, ago(9 * 60 + 54)))),
				Map.of("lucretius", metric(ReplicaCalcCase.ZERO_TIME, Duration.ZERO)), "cpu", init, delay, NOW))
			.isEqualTo(groups(0, List.of("lucretius"), List.of(), List.of()));
		// count in a ready pod without fresh metrics after initialization period - CPU
		assertThat(PodGroups.of(List.of(pod("bentham", PodPhase.SUCCEEDED, ago(180), new ReadyCondition(T, ago(180)))),
				Map.of("bentham", metric(ago(120), Duration.ofMinutes(1))), "cpu", init, delay, NOW))
			.isEqualTo(groups(1, List.of(), List.of(), List.of()));
		// count in an unready pod that was ready after initialization period - CPU
		assertThat(
				PodGroups.of(List.of(pod("lucretius", PodPhase.SUCCEEDED, ago(600), new ReadyCondition(F, ago(540)))),
						Map.of("lucretius", metric(ReplicaCalcCase.ZERO_TIME, Duration.ZERO)), "cpu", init, delay, NOW))
			.isEqualTo(groups(1, List.of(), List.of(), List.of()));
		// unready pod that has never been ready after initialization period - CPU (the Go
		// test expects it counted: its readiness changed 10 s after start, not within)
		assertThat(PodGroups.of(
				List.of(pod("lucretius", PodPhase.SUCCEEDED, ago(600), new ReadyCondition(F, ago(9 * 60 + 50)))),
				Map.of("lucretius", metric(ReplicaCalcCase.ZERO_TIME, Duration.ZERO)), "cpu", init, delay, NOW))
			.isEqualTo(groups(1, List.of(), List.of(), List.of()));
		// a missing pod
		assertThat(PodGroups.of(List.of(pod("epicurus", PodPhase.SUCCEEDED, ago(180), null)), Map.of(), "cpu", init,
				delay, NOW))
			.isEqualTo(groups(0, List.of(), List.of("epicurus"), List.of()));
		// several pods
		assertThat(PodGroups.of(
				List.of(pod("lucretius", PodPhase.SUCCEEDED, NOW, null),
						pod("niccolo", PodPhase.SUCCEEDED, ago(180), new ReadyCondition(T, ago(180))),
						pod("epicurus", PodPhase.SUCCEEDED, ago(180), null)),
				Map.of("lucretius", metric(ReplicaCalcCase.ZERO_TIME, Duration.ZERO), "niccolo",
						metric(ReplicaCalcCase.ZERO_TIME, Duration.ZERO)),
				"cpu", init, delay, NOW))
			.isEqualTo(groups(1, List.of("lucretius"), List.of("epicurus"), List.of()));
		// pending pods are unreadied
		assertThat(PodGroups.of(List.of(pod("unscheduled", PodPhase.PENDING, null, null)), Map.of(), "cpu", init, delay,
				NOW))
			.isEqualTo(groups(0, List.of("unscheduled"), List.of(), List.of()));
		// ignore pods with deletion timestamps
		assertThat(PodGroups.of(List.of(new Pod("deleted", PodPhase.PENDING, true, null, null, List.of())),
				Map.of("deleted", metric(ReplicaCalcCase.ZERO_TIME, Duration.ZERO)), "cpu", init, delay, NOW))
			.isEqualTo(groups(0, List.of(), List.of(), List.of("deleted")));
		// ignore pods in a failed state
		assertThat(PodGroups.of(List.of(pod("failed", PodPhase.FAILED, null, null)),
				Map.of("failed", metric(ReplicaCalcCase.ZERO_TIME, Duration.ZERO)), "cpu", init, delay, NOW))
			.isEqualTo(groups(0, List.of(), List.of(), List.of("failed")));
	}

	// TestCalculatePodRequests: 5 cases.
	@Test
	void sumsTheRequestsOfAppContainersAndSidecarsButNotInitContainers() {
		Container one = Container.app("container1", Map.of("cpu", 100L));
		Container two = Container.app("container2", Map.of("cpu", 50L));
		// void
		assertThat(ReplicaCalculator.Requests.of(List.of(), null, "cpu")).isEmpty();
		// pod with regular containers
		assertThat(ReplicaCalculator.Requests.of(List.of(podWith(one, two)), null, "cpu"))
			.isEqualTo(Map.of("test-pod", 150L));
		// calculate requests with special container
		assertThat(ReplicaCalculator.Requests.of(List.of(podWith(one, two)), "container1", "cpu"))
			.isEqualTo(Map.of("test-pod", 100L));
		// container missing requests
		assertThatExceptionOfType(MetricUnavailableException.class)
			.isThrownBy(() -> ReplicaCalculator.Requests.of(List.of(podWith(Container.app("container1", Map.of()))),
					null, "cpu"))
			.withMessage("missing request for cpu in container container1 of Pod test-pod");
		// pod with restartable init containers
		assertThat(ReplicaCalculator.Requests.of(
				List.of(podWith(Container.app("container1", Map.of("cpu", 100L)),
						new Container("init-container1", Map.of("cpu", 20L), Container.Kind.INIT),
						new Container("restartable-container1", Map.of("cpu", 50L), Container.Kind.SIDECAR))),
				null, "cpu"))
			.isEqualTo(Map.of("test-pod", 150L));
	}

	private static Pod podWith(Container... containers) {
		return new Pod("test-pod", PodPhase.RUNNING, false, NOW, new ReadyCondition(T, NOW), List.of(containers));
	}

	private static Pod pod(String name, PodPhase phase, Instant start, ReadyCondition ready) {
		return new Pod(name, phase, false, start, ready, List.of());
	}

	private static Instant ago(long seconds) {
		return NOW.minusSeconds(seconds);
	}

	private static PodMetric metric(Instant timestamp, Duration window) {
		return new PodMetric(1, timestamp, window);
	}

	private static PodGroups groups(int ready, List<String> unready, List<String> missing, List<String> ignored) {
		return new PodGroups(ready, new java.util.LinkedHashSet<>(unready), new java.util.LinkedHashSet<>(missing),
				new java.util.LinkedHashSet<>(ignored));
	}

	private static long[] l(long... perContainer) {
		return perContainer;
	}

	private static void assertResource(ReplicaProposal proposal, int replicas, int utilization, long rawValue) {
		assertThat(proposal.replicas()).as("replicas").isEqualTo(replicas);
		assertThat(proposal.utilization()).as("utilization").hasValue(utilization);
		assertThat(proposal.usageMilli()).as("raw value").isEqualTo(rawValue);
	}

	private static void assertPlain(ReplicaProposal proposal, int replicas, long usage) {
		assertThat(proposal.replicas()).as("replicas").isEqualTo(replicas);
		assertThat(proposal.usageMilli()).as("usage").isEqualTo(usage);
	}

}
