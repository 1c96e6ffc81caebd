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

import dev.steadypod.hpa.model.ScaleDecision;

/**
 * How well the replica count followed the load, over one or more runs pooled.
 *
 * @param runs runs pooled
 * @param rescales syncs that changed the replica count
 * @param towardIdeal of those, the ones that moved the count closer to the capacity-ideal
 * count of that second
 * @param secondsWithinOne seconds in which the replica count was within ±1 of the ideal
 * @param seconds seconds replayed
 * @param scaleUpLags seconds from each rise of the ideal count to k until k pods were
 * ready (or until the ideal fell below k again, if that came first)
 * @param maxChangesPer5Min the most rescales in any 5-minute window (tumbling, from the
 * start of each run)
 * @param flaps rescales in the direction opposite to the previous rescale
 * @param underProvisionedSeconds seconds whose mean latency was above the objective (or
 * with no pod ready while load arrived)
 * @param overProvisionedPodSeconds pods running beyond the ideal count, summed over
 * seconds
 */
public record Report(int runs, int rescales, int towardIdeal, long secondsWithinOne, long seconds,
		List<Integer> scaleUpLags, int maxChangesPer5Min, int flaps, long underProvisionedSeconds,
		long overProvisionedPodSeconds) {

	/** The source's alarm thresholds. */
	public static final int LAG_ALARM_SECONDS = 90;

	public static final int CHANGES_ALARM = 5;

	public Report {
		scaleUpLags = List.copyOf(scaleUpLags);
	}

	/** Pools the runs' figures. */
	public static Report of(List<Run> runs) {
		int rescales = 0;
		int toward = 0;
		long within = 0;
		long seconds = 0;
		List<Integer> lags = new ArrayList<>();
		int maxChanges = 0;
		int flaps = 0;
		long under = 0;
		long over = 0;
		for (Run run : runs) {
			Instant start = Simulator.instant(0);
			int previousDirection = 0;
			int[] perWindow = new int[run.seconds() / 300 + 1];
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
				perWindow[t / 300]++;
			}
			for (int count : perWindow) {
				maxChanges = Math.max(maxChanges, count);
			}
			for (int t = 0; t < run.seconds(); t++) {
				seconds++;
				if (Math.abs(run.replicas()[t] - run.ideal()[t]) <= 1) {
					within++;
				}
				if (run.latencyMs()[t] > run.sloMs()) {
					under++;
				}
				over += Math.max(0, run.pods()[t] - run.ideal()[t]);
			}
			lags.addAll(lags(run));
		}
		return new Report(runs.size(), rescales, toward, within, seconds, lags, maxChanges, flaps, under, over);
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

	/** Share of rescales that moved toward the ideal count, or NaN with none. */
	public double accuracy() {
		return (this.rescales > 0) ? (double) this.towardIdeal / this.rescales : Double.NaN;
	}

	/** Share of time within ±1 of the ideal count. */
	public double withinOneShare() {
		return (this.seconds > 0) ? (double) this.secondsWithinOne / this.seconds : Double.NaN;
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

	/** Over-provisioned pod-minutes per run. */
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
	 * The source's alarms that fire: lag P95 above 90 s, 5 or more changes in 5 minutes.
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

	/** The report as text lines. */
	public List<String> lines() {
		List<String> lines = new ArrayList<>();
		lines.add(String.format(Locale.ROOT, "scaling decisions toward the ideal count: %s (%d of %d rescales)",
				percent(accuracy()), this.towardIdeal, this.rescales));
		lines
			.add(String.format(Locale.ROOT, "time within ±1 of the ideal count:        %s", percent(withinOneShare())));
		lines.add(String.format(Locale.ROOT, "scale-up lag P95:                         %s (%d load steps)",
				(scaleUpLagP95() < 0) ? "n/a" : scaleUpLagP95() + " s", this.scaleUpLags.size()));
		lines.add(String.format(Locale.ROOT, "most replica changes in 5 minutes:        %d", this.maxChangesPer5Min));
		lines.add(String.format(Locale.ROOT, "flaps (direction reversals) per run:      %.1f", flapsPerRun()));
		lines.add(String.format(Locale.ROOT, "under-provisioned minutes per run:        %.1f",
				underProvisionedMinutes()));
		lines.add(String.format(Locale.ROOT, "over-provisioned pod-minutes per run:     %.1f",
				overProvisionedPodMinutes()));
		List<String> alarms = alarms();
		lines.add("alarms: " + (alarms.isEmpty() ? "none" : String.join("; ", alarms)));
		return lines;
	}

	static String percent(double share) {
		return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.0f %%", 100 * share);
	}

}
