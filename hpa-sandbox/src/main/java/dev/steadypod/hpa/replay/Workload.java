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
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.record.TraceSample;

/**
 * The requests per second a service receives, second by second, over all its pods.
 *
 * @param name what the load is, for reports
 * @param rps the rate in each second
 */
public record Workload(String name, double[] rps) {

	/**
	 * The source's staged test: 50, 100, 150 and 200 requests per second held in turn
	 * with ramps between, then back to 50 (in the source's units; {@link #named} scales
	 * them).
	 */
	static final String STAGED = "120s:50,60s:50->100,180s:100,60s:100->150,180s:150,60s:150->200,300s:200,"
			+ "180s:200->50,300s:50";

	/** A sudden surge: 50, a jump to 200 in 10 s, three minutes there, and back. */
	static final String SPIKE = "300s:50,10s:50->200,180s:200,10s:200->50,420s:50";

	/**
	 * A day compressed into 48 minutes (2 minutes an hour): a night low, a morning ramp,
	 * a midday peak and a smaller evening one.
	 */
	static final double[] DAY = { 40, 30, 25, 20, 20, 30, 60, 110, 160, 180, 190, 200, 200, 185, 175, 170, 165, 170,
			180, 150, 110, 80, 60, 45, 40 };

	/** The names {@link #named} knows. */
	public static final List<String> NAMES = List.of("staged", "spike", "daily");

	public Workload {
		rps = rps.clone();
		if (rps.length == 0) {
			throw new IllegalArgumentException("a workload needs at least one second");
		}
	}

	/** A staged profile, second by second. */
	public static Workload of(String name, LoadProfile profile) {
		int seconds = (int) profile.duration().toSeconds();
		double[] rps = new double[seconds];
		for (int s = 0; s < seconds; s++) {
			rps[s] = profile.rateAt(Duration.ofSeconds(s));
		}
		return new Workload(name, rps);
	}

	/**
	 * The load a trace received: its offered rate, over all its pods.
	 */
	public static Workload of(String name, List<TraceSample> samples) {
		long first = samples.get(0).second();
		long last = samples.get(samples.size() - 1).second();
		double[] rps = new double[(int) (last - first + 1)];
		int index = 0;
		// A trace read at a coarser step holds each value until the next.
		for (int s = 0; s < rps.length; s++) {
			while (index + 1 < samples.size() && samples.get(index + 1).second() - first <= s) {
				index++;
			}
			rps[s] = samples.get(index).targetRps();
		}
		return new Workload(name, rps);
	}

	/**
	 * One of the standard shapes, {@code staged}, {@code spike} or {@code daily}, in the
	 * source's units (peak 200) scaled so that the peak needs {@code peakPods} pods of
	 * the given capacity.
	 * @throws IllegalArgumentException for another name
	 */
	public static Workload named(String name, double capacityPerPod, int peakPods) {
		double scale = peakPods * capacityPerPod / 200;
		return switch (name) {
			case "staged" -> of(name, scaled(STAGED, scale));
			case "spike" -> of(name, scaled(SPIKE, scale));
			case "daily" -> of(name, scaled(daily(), scale));
			default -> throw new IllegalArgumentException("unknown profile '" + name + "': use one of "
					+ String.join(", ", NAMES) + ", trace," + " or stages such as 60s:50->200,120s:200");
		};
	}

	private static String daily() {
		StringBuilder stages = new StringBuilder();
		for (int hour = 0; hour + 1 < DAY.length; hour++) {
			stages.append((hour > 0) ? "," : "").append("120s:").append(DAY[hour]).append("->").append(DAY[hour + 1]);
		}
		return stages.toString();
	}

	private static LoadProfile scaled(String stages, double scale) {
		LoadProfile profile = LoadProfile.parse(stages);
		return new LoadProfile(profile.stages()
			.stream()
			.map((s) -> new LoadProfile.Stage(s.duration(), s.fromRps() * scale, s.toRps() * scale))
			.toList());
	}

	/** Seconds covered. */
	public int seconds() {
		return this.rps.length;
	}

	/** The rate in a second. */
	public double at(int second) {
		return this.rps[second];
	}

	/** The highest rate. */
	public double peak() {
		double peak = 0;
		for (double r : this.rps) {
			peak = Math.max(peak, r);
		}
		return peak;
	}

	@Override
	public String toString() {
		return String.format(Locale.ROOT, "%s (%d s, peak %.1f rps)", this.name, this.rps.length, peak());
	}

	@Override
	public boolean equals(Object other) {
		return other instanceof Workload w && w.name.equals(this.name) && Arrays.equals(w.rps, this.rps);
	}

	@Override
	public int hashCode() {
		return this.name.hashCode() * 31 + Arrays.hashCode(this.rps);
	}

}
