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

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import dev.steadypod.hpa.record.TraceSample;

/**
 * How one pod responds to load, learnt from a trace: the samples are grouped by the load
 * per pod into bins; each bin keeps its mean response and every sample's difference from
 * it (its residual). A pod at a given load reports the mean, interpolated between bins,
 * plus the residuals of one recorded second of the nearest bin, so noise and GC spikes
 * replay as they were recorded and together (a GC pause comes with its CPU and latency).
 * Beyond the highest recorded load the means are extrapolated along the last two bins'
 * slope (CPU no higher than the highest recorded), which understates how fast a queue
 * grows past saturation.
 */
public final class ResponseCurves {

	private static final int MAX_BINS = 24;

	private static final int MIN_SAMPLES_PER_BIN = 5;

	private final List<Bin> bins;

	private final double maxCpu;

	private ResponseCurves(List<Bin> bins, double maxCpu) {
		this.bins = bins;
		this.maxCpu = maxCpu;
	}

	/**
	 * Learns the curves from a trace. The load of a sample is its offered rate per pod
	 * ({@code target_rps / pods}); its in-flight count is per pod too.
	 * @throws IllegalArgumentException when the trace has too few samples
	 */
	public static ResponseCurves of(List<TraceSample> samples) {
		if (samples.size() < 2 * MIN_SAMPLES_PER_BIN) {
			throw new IllegalArgumentException("a trace needs at least " + 2 * MIN_SAMPLES_PER_BIN
					+ " samples to learn a pod's response from, this one has " + samples.size());
		}
		List<Point> points = samples.stream()
			.map((s) -> new Point(s.targetRps() / s.pods(), new PodResponse(s.cpu(), s.inFlight() / s.pods(),
					// A second in which nothing completed has no latency of its own.
					(s.completedRps() > 0) ? s.latencyMs() : Double.NaN, s.gcPauseMs())))
			.sorted(Comparator.comparingDouble(Point::load))
			.toList();
		double maxLoad = points.get(points.size() - 1).load();
		int binCount = Math.max(2, Math.min(MAX_BINS, points.size() / (2 * MIN_SAMPLES_PER_BIN)));
		List<List<Point>> groups = new ArrayList<>();
		List<Point> current = new ArrayList<>();
		int index = 0;
		for (Point point : points) {
			int bin = (maxLoad > 0) ? Math.min(binCount - 1, (int) (point.load() / maxLoad * binCount)) : 0;
			if (bin != index && current.size() >= MIN_SAMPLES_PER_BIN) {
				groups.add(current);
				current = new ArrayList<>();
			}
			index = bin;
			current.add(point);
		}
		if (current.size() < MIN_SAMPLES_PER_BIN && !groups.isEmpty()) {
			groups.get(groups.size() - 1).addAll(current);
		}
		else {
			groups.add(current);
		}
		List<Bin> bins = groups.stream().map(Bin::of).toList();
		double maxCpu = points.stream().mapToDouble((p) -> p.response().cpu()).max().orElse(1);
		return new ResponseCurves(bins, maxCpu);
	}

	/** The mean response at a load, without noise. */
	public PodResponse mean(double load) {
		Bin first = this.bins.get(0);
		if (load <= first.load() || this.bins.size() == 1) {
			if (load > first.load()) {
				return first.mean();
			}
			// Below the lowest recorded load, requests in flight shrink with the load
			// (Little's law at the same latency).
			double share = (first.load() > 0) ? Math.max(0, load) / first.load() : 1;
			return new PodResponse(first.mean().cpu(), first.mean().inFlight() * share, first.mean().latencyMs(),
					first.mean().gcPauseMs());
		}
		int upper = 1;
		while (upper < this.bins.size() - 1 && this.bins.get(upper).load() < load) {
			upper++;
		}
		Bin a = this.bins.get(upper - 1);
		Bin b = this.bins.get(upper);
		double f = (b.load() > a.load()) ? (load - a.load()) / (b.load() - a.load()) : 1;
		boolean beyond = load > b.load();
		return new PodResponse(Math.min(this.maxCpu, along(a.mean().cpu(), b.mean().cpu(), f, beyond)),
				along(a.mean().inFlight(), b.mean().inFlight(), f, beyond),
				along(a.mean().latencyMs(), b.mean().latencyMs(), f, beyond),
				along(a.mean().gcPauseMs(), b.mean().gcPauseMs(), f, beyond));
	}

	private static double along(double a, double b, double fraction, boolean beyond) {
		// Past the last bin, never extrapolate downwards: more load does not help.
		double slope = (beyond) ? Math.max(0, b - a) : b - a;
		return a + slope * fraction;
	}

	/** One second of a pod at a load: the mean plus one recorded second's residuals. */
	public PodResponse sample(double load, Random random) {
		PodResponse mean = mean(load);
		Bin nearest = nearest(load);
		PodResponse residual = nearest.residuals().get(random.nextInt(nearest.residuals().size()));
		return new PodResponse(clamp(mean.cpu() + residual.cpu(), this.maxCpu),
				Math.max(0, mean.inFlight() + residual.inFlight()),
				Math.max(0, mean.latencyMs() + residual.latencyMs()),
				Math.max(0, mean.gcPauseMs() + residual.gcPauseMs()));
	}

	private static double clamp(double value, double max) {
		return Math.max(0, Math.min(max, value));
	}

	private Bin nearest(double load) {
		Bin best = this.bins.get(0);
		for (Bin bin : this.bins) {
			if (Math.abs(bin.load() - load) < Math.abs(best.load() - load)) {
				best = bin;
			}
		}
		return best;
	}

	/**
	 * The highest load per pod at which the mean latency stays within the objective: the
	 * load one pod can take, from which the capacity-ideal replica count follows.
	 * @param sloMs the latency objective
	 * @return the load in requests per second per pod
	 * @throws IllegalArgumentException when even the lowest recorded load misses the
	 * objective
	 */
	public double capacity(double sloMs) {
		double max = maxLoad();
		if (mean(Math.min(max, this.bins.get(0).load())).latencyMs() > sloMs) {
			throw new IllegalArgumentException(String.format(Locale.ROOT,
					"the latency objective of %.0f ms is missed even at the lowest recorded load (%.1f ms at %.1f"
							+ " requests per second per pod): raise --slo-ms",
					sloMs, mean(this.bins.get(0).load()).latencyMs(), this.bins.get(0).load()));
		}
		int steps = 1000;
		double capacity = max;
		for (int i = 1; i <= steps; i++) {
			double load = max * i / steps;
			if (mean(load).latencyMs() > sloMs) {
				capacity = max * (i - 1) / steps;
				break;
			}
		}
		return Math.max(capacity, Math.min(max, this.bins.get(0).load()));
	}

	/** The highest load per pod of the trace's bins. */
	public double maxLoad() {
		return this.bins.get(this.bins.size() - 1).load();
	}

	/** The mean latency of the least loaded bin. */
	public double unloadedLatencyMs() {
		return this.bins.get(0).mean().latencyMs();
	}

	/** The bins, for reports: mean load and response of each. */
	public List<PodResponse> means() {
		return this.bins.stream().map(Bin::mean).toList();
	}

	/** The mean load of each bin, in the order of {@link #means()}. */
	public List<Double> loads() {
		return this.bins.stream().map(Bin::load).toList();
	}

	private record Point(double load, PodResponse response) {

	}

	private record Bin(double load, PodResponse mean, List<PodResponse> residuals) {

		static Bin of(List<Point> points) {
			double load = points.stream().mapToDouble(Point::load).average().orElse(0);
			PodResponse mean = new PodResponse(avg(points, 0), avg(points, 1), avg(points, 2), avg(points, 3));
			List<PodResponse> residuals = points.stream()
				.map((p) -> new PodResponse(p.response().cpu() - mean.cpu(), p.response().inFlight() - mean.inFlight(),
						Double.isNaN(p.response().latencyMs()) ? 0 : p.response().latencyMs() - mean.latencyMs(),
						p.response().gcPauseMs() - mean.gcPauseMs()))
				.toList();
			return new Bin(load, mean, residuals);
		}

		private static double avg(List<Point> points, int field) {
			return points.stream().mapToDouble((p) -> switch (field) {
				case 0 -> p.response().cpu();
				case 1 -> p.response().inFlight();
				case 2 -> p.response().latencyMs();
				default -> p.response().gcPauseMs();
			}).filter((v) -> !Double.isNaN(v)).average().orElse(0);
		}

	}

}
