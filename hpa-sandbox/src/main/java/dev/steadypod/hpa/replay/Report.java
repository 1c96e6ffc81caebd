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

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.model.ScaleDecision;

/**
 * How well the replica count followed the load, over one or more runs pooled. The
 * headline is the share of time right-sized: enough pods ready for the load, and no more
 * running than the load needs plus an {@link #allowance(int) allowance}.
 *
 * @param runs runs pooled
 * @param seconds seconds replayed
 * @param rightSizedSeconds seconds with at least the ideal count of pods ready and at
 * most the ideal count plus the allowance running
 * @param shortSeconds seconds with fewer pods ready than the ideal count
 * @param surplusSeconds seconds with more pods running (starting ones included) than the
 * ideal count plus the allowance, and enough ready (a second both short and surplus, pods
 * still starting, counts as short: that is what its users felt)
 * @param rescales syncs that changed the replica count
 * @param towardIdeal of those, the ones that moved the count closer to the capacity-ideal
 * count of that second (whatever the time it took and however far past it)
 * @param scaleUpLags seconds from each rise of the ideal count to k until k pods were
 * ready (or until the ideal fell below k again, if that came first)
 * @param maxChangesPer5Min the most rescales in any 5-minute window of a run
 * @param flaps rescales in the direction opposite to the previous rescale
 * @param underProvisionedSeconds seconds whose client-side latency was above the
 * objective (or with load and no pod ready)
 * @param overProvisionedPodSeconds pods running beyond the ideal count, summed over
 * seconds
 */
public record Report(int runs, long seconds, long rightSizedSeconds, long shortSeconds, long surplusSeconds,
		int rescales, int towardIdeal, List<Integer> scaleUpLags, int maxChangesPer5Min, int flaps,
		long underProvisionedSeconds, long overProvisionedPodSeconds) {

	/** The source's alarm thresholds. */
	public static final int LAG_ALARM_SECONDS = 90;

	public static final int CHANGES_ALARM = 5;

	/** The window of {@link #maxChangesPer5Min()}, in seconds. */
	public static final int CHANGES_WINDOW_SECONDS = 300;

	/**
	 * The headroom a right-sized count may carry beyond the ideal: 25 %, what a
	 * utilisation target of 80 % keeps (the HPA aims at 1/0.8 = 1.25 times the pods the
	 * load needs at capacity). The same for every signal, so that no signal is judged by
	 * its own target.
	 */
	public static final double HEADROOM = 0.25;

	public Report {
		scaleUpLags = List.copyOf(scaleUpLags);
	}

	/**
	 * The pods a right-sized count may run beyond the ideal count:
	 * {@code max(1, ceil(0.25 × ideal))}, the {@link #HEADROOM} rounded up to whole pods
	 * and at least one, since a count cannot follow a load more closely than one pod.
	 */
	public static int allowance(int ideal) {
		return Math.max(1, (int) Math.ceil(HEADROOM * ideal - 1e-9));
	}

	/** Pools the runs' figures. */
	public static Report of(List<Run> runs) {
		int rescales = 0;
		int toward = 0;
		long seconds = 0;
		long rightSized = 0;
		long shortOf = 0;
		long surplus = 0;
		List<Integer> lags = new ArrayList<>();
		int maxChanges = 0;
		int flaps = 0;
		long under = 0;
		long over = 0;
		for (Run run : runs) {
			Instant start = Simulator.instant(0);
			int previousDirection = 0;
			List<Integer> times = new ArrayList<>();
			for (ScaleDecision decision : run.rescales()) {
				int t = (int) (decision.time().getEpochSecond() - start.getEpochSecond());
				int ideal = run.ideal()[t];
				rescales++;
				if (Math.abs(decision.desiredReplicas() - ideal) < Math.abs(decision.currentReplicas() - ideal)) {
					toward++;
				}
				int direction = Integer.signum(decision.desiredReplicas() - decision.currentReplicas());
				if (previousDirection != 0 && direction != previousDirection) {
					flaps++;
				}
				previousDirection = direction;
				times.add(t);
			}
			maxChanges = Math.max(maxChanges, mostInAnyWindow(times));
			for (int t = 0; t < run.seconds(); t++) {
				seconds++;
				int ideal = run.ideal()[t];
				if (run.ready()[t] < ideal) {
					shortOf++;
				}
				else if (run.pods()[t] > ideal + allowance(ideal)) {
					surplus++;
				}
				else {
					rightSized++;
				}
				if (run.latencyMs()[t] > run.sloMs()) {
					under++;
				}
				over += Math.max(0, run.pods()[t] - ideal);
			}
			lags.addAll(lags(run));
		}
		return new Report(runs.size(), seconds, rightSized, shortOf, surplus, rescales, toward, lags, maxChanges, flaps,
				under, over);
	}

	/**
	 * The most changes in any window of {@value #CHANGES_WINDOW_SECONDS} seconds of an
	 * HPA that set the capacity-ideal count at every sync: the least a signal that
	 * follows the load exactly would make, as a yardstick for
	 * {@link #maxChangesPer5Min()}.
	 * @param workload the load
	 * @param capacityPerPod one pod's capacity
	 * @param spec the HPA's bounds
	 * @param syncSeconds the controller's sync period
	 */
	public static int idealChangesInAnyWindow(Workload workload, double capacityPerPod, AutoscalerSpec spec,
			int syncSeconds) {
		List<Integer> changes = new ArrayList<>();
		int previous = Simulator.ideal(workload.at(0), capacityPerPod, spec);
		for (int t = syncSeconds; t < workload.seconds(); t += syncSeconds) {
			int ideal = Simulator.ideal(workload.at(t), capacityPerPod, spec);
			if (ideal != previous) {
				changes.add(t);
			}
			previous = ideal;
		}
		return mostInAnyWindow(changes);
	}

	/**
	 * The most rescales in any window of {@value #CHANGES_WINDOW_SECONDS} seconds: each
	 * window starting at a rescale, sliding, not tumbling from the start of the run.
	 */
	private static int mostInAnyWindow(List<Integer> times) {
		int most = 0;
		int end = 0;
		for (int begin = 0; begin < times.size(); begin++) {
			while (end < times.size() && times.get(end) < times.get(begin) + CHANGES_WINDOW_SECONDS) {
				end++;
			}
			most = Math.max(most, end - begin);
		}
		return most;
	}

	private static List<Integer> lags(Run run) {
		List<Integer> lags = new ArrayList<>();
		int[] ideal = run.ideal();
		for (int t = 1; t < ideal.length; t++) {
			for (int k = ideal[t - 1] + 1; k <= ideal[t]; k++) {
				int end = t;
				while (end < ideal.length && run.ready()[end] < k && ideal[end] >= k) {
					end++;
				}
				lags.add(end - t);
			}
		}
		return lags;
	}

	/** Share of time right-sized, or NaN with no second. */
	public double rightSizedShare() {
		return share(this.rightSizedSeconds);
	}

	/** Share of time with fewer pods ready than the ideal count. */
	public double shortShare() {
		return share(this.shortSeconds);
	}

	/** Share of time with more pods running than the ideal count plus the allowance. */
	public double surplusShare() {
		return share(this.surplusSeconds);
	}

	private double share(long part) {
		return (this.seconds > 0) ? (double) part / this.seconds : Double.NaN;
	}

	/**
	 * Share of rescales that moved toward the ideal count, or NaN with none. Not an
	 * accuracy: it ignores when a rescale came and by how much it overshot.
	 */
	public double towardIdealShare() {
		return (this.rescales > 0) ? (double) this.towardIdeal / this.rescales : Double.NaN;
	}

	/** The 95th percentile (nearest rank) of the scale-up lags, or -1 with no step. */
	public int scaleUpLagP95() {
		if (this.scaleUpLags.isEmpty()) {
			return -1;
		}
		List<Integer> sorted = this.scaleUpLags.stream().sorted().toList();
		int rank = (int) Math.ceil(0.95 * sorted.size());
		return sorted.get(Math.max(0, rank - 1));
	}

	/** Under-provisioned minutes per run. */
	public double underProvisionedMinutes() {
		return this.underProvisionedSeconds / 60.0 / this.runs;
	}

	/** Pod-minutes beyond the ideal count per run. */
	public double overProvisionedPodMinutes() {
		return this.overProvisionedPodSeconds / 60.0 / this.runs;
	}

	/** Flaps per run. */
	public double flapsPerRun() {
		return (double) this.flaps / this.runs;
	}

	/** Rescales per run. */
	public double rescalesPerRun() {
		return (double) this.rescales / this.runs;
	}

	/**
	 * The source's alarms that fire: lag P95 above 90 s, 5 or more changes in any 5
	 * minutes.
	 */
	public List<String> alarms() {
		List<String> alarms = new ArrayList<>();
		if (scaleUpLagP95() > LAG_ALARM_SECONDS) {
			alarms.add("scale-up lag P95 " + scaleUpLagP95() + " s > " + LAG_ALARM_SECONDS + " s");
		}
		if (this.maxChangesPer5Min >= CHANGES_ALARM) {
			alarms.add(this.maxChangesPer5Min + " replica changes in 5 minutes (>= " + CHANGES_ALARM + ")");
		}
		return alarms;
	}

	/** The report as text lines, the share of time right-sized first. */
	public List<String> lines() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT,
				"right-sized:                                  %s of the time (short %s," + " surplus %s)",
				percent(rightSizedShare()), percent(shortShare()), percent(surplusShare())));
		lines.add(String.format(Locale.ROOT, "scale-up lag P95:                             %s (%d load steps)",
				(scaleUpLagP95() < 0) ? "n/a" : scaleUpLagP95() + " s", this.scaleUpLags.size()));
		lines.add(
				String.format(Locale.ROOT, "most replica changes in any 5 minutes:        %d", this.maxChangesPer5Min));
		lines.add(String.format(Locale.ROOT, "flaps (direction reversals) per run:          %.1f", flapsPerRun()));
		lines.add(String.format(Locale.ROOT, "under-provisioned minutes per run:            %.1f",
				underProvisionedMinutes()));
		lines.add(String.format(Locale.ROOT, "pod-minutes beyond the ideal count per run:   %.1f",
				overProvisionedPodMinutes()));
		lines.add(String.format(Locale.ROOT, "rescales toward the ideal count:              %s (%d of %d)",
				percent(towardIdealShare()), this.towardIdeal, this.rescales));
		List<String> alarms = alarms();
		lines.add("alarms: " + (alarms.isEmpty() ? "none" : String.join("; ", alarms)));
		return lines;
	}

	static String percent(double share) {
		return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
	}

}
