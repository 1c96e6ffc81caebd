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
 * slope (CPU no higher than the highest recorded, completions no more than the load),
 * which understates how fast a queue grows past saturation.
 */
public final class ResponseCurves {

	private static final int MAX_BINS = 24;

	private static final int MIN_SAMPLES_PER_BIN = 5;

	// Indices into PodResponse.values().
	private static final int CPU = 0;

	private static final int IN_FLIGHT = 1;

	private static final int COMPLETED = 4;

	private static final int POOL_BUSY = 6;

	private static final int POOL_MAX = 7;

	private final List<Bin> bins;

	private final double maxCpu;

	private final boolean pool;

	private ResponseCurves(List<Bin> bins, double maxCpu, boolean pool) {
		this.bins = bins;
		this.maxCpu = maxCpu;
		this.pool = pool;
	}

	/**
	 * Learns the curves from a trace. The load of a sample is its offered rate per pod
	 * ({@code target_rps / pods}); its in-flight count, completions and pool threads are
	 * per pod too. A trace without the load generator's view takes the server's latency
	 * for the client's.
	 * @throws IllegalArgumentException when the trace has too few samples
	 */
	public static ResponseCurves of(List<TraceSample> samples) {
		if (samples.size() < 2 * MIN_SAMPLES_PER_BIN) {
			throw new IllegalArgumentException("a trace needs at least " + 2 * MIN_SAMPLES_PER_BIN
					+ " samples to learn a pod's response from, this one has " + samples.size());
		}
		boolean clientView = samples.stream().anyMatch(TraceSample::hasClientView);
		boolean pool = samples.stream().anyMatch(TraceSample::hasPool);
		List<Point> points = samples.stream()
			.map((s) -> new Point(s.targetRps() / s.pods(), response(s, clientView, pool)))
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
		return new ResponseCurves(bins, maxCpu, pool);
	}

	private static PodResponse response(TraceSample s, boolean clientView, boolean pool) {
		// A second in which nothing completed has no latency of its own.
		double latency = (s.completedRps() > 0) ? s.latencyMs() : Double.NaN;
		return new PodResponse(s.cpu(), s.inFlight() / s.pods(), latency, s.gcPauseMs(), s.completedRps() / s.pods(),
				clientView ? s.clientLatencyMs() : latency, pool ? s.poolBusy() / s.pods() : Double.NaN,
				pool ? s.poolMax() / s.pods() : Double.NaN);
	}

	/** Whether the trace recorded the web server's thread pool. */
	public boolean hasPool() {
		return this.pool;
	}

	/** The mean response at a load, without noise. */
	public PodResponse mean(double load) {
		Bin first = this.bins.get(0);
		double[] mean;
		if (load <= first.load() || this.bins.size() == 1) {
			mean = first.mean().values();
			if (load <= first.load()) {
				// Below the lowest recorded load, requests in flight, completions and
				// busy
				// threads shrink with the load (Little's law at the same latency).
				double share = (first.load() > 0) ? Math.max(0, load) / first.load() : 1;
				mean[IN_FLIGHT] *= share;
				mean[COMPLETED] *= share;
				mean[POOL_BUSY] *= share;
			}
		}
		else {
			int upper = 1;
			while (upper < this.bins.size() - 1 && this.bins.get(upper).load() < load) {
				upper++;
			}
			Bin a = this.bins.get(upper - 1);
			Bin b = this.bins.get(upper);
			double f = (b.load() > a.load()) ? (load - a.load()) / (b.load() - a.load()) : 1;
			boolean beyond = load > b.load();
			double[] av = a.mean().values();
			double[] bv = b.mean().values();
			mean = new double[av.length];
			for (int i = 0; i < av.length; i++) {
				mean[i] = along(av[i], bv[i], f, beyond);
			}
		}
		return bounded(mean, load);
	}

	private static double along(double a, double b, double fraction, boolean beyond) {
		// Past the last bin, never extrapolate downwards: more load does not help.
		double slope = (beyond) ? Math.max(0, b - a) : b - a;
		return a + slope * fraction;
	}

	/**
	 * One second of a pod at a load: the mean plus the residuals of one recorded second.
	 */
	public PodResponse sample(double load, Random random) {
		double[] values = mean(load).values();
		Bin nearest = nearest(load);
		double[] residual = nearest.residuals().get(random.nextInt(nearest.residuals().size())).values();
		for (int i = 0; i < values.length; i++) {
			values[i] += residual[i];
		}
		return bounded(values, load);
	}

	/**
	 * What a pod can report: nothing negative, CPU no higher than recorded, no more
	 * completions than the load offered, no more busy threads than the pool has.
	 */
	private PodResponse bounded(double[] values, double load) {
		for (int i = 0; i < values.length; i++) {
			values[i] = Math.max(0, values[i]);
		}
		values[CPU] = Math.min(this.maxCpu, values[CPU]);
		values[COMPLETED] = Math.min(Math.max(0, load), values[COMPLETED]);
		if (!Double.isNaN(values[POOL_MAX])) {
			values[POOL_BUSY] = Math.min(values[POOL_MAX], values[POOL_BUSY]);
		}
		return PodResponse.of(values);
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

	/**
	 * Samples of about the same load. A field a second did not measure (NaN) is left out
	 * of the bin's mean and has no residual; a field no second of the bin measured is 0,
	 * except the pool's, which stay NaN so that a trace without them says so.
	 */
	private record Bin(double load, PodResponse mean, List<PodResponse> residuals) {

		static Bin of(List<Point> points) {
			double load = points.stream().mapToDouble(Point::load).average().orElse(0);
			int fields = points.get(0).response().values().length;
			double[] mean = new double[fields];
			for (int i = 0; i < fields; i++) {
				int field = i;
				mean[i] = points.stream()
					.mapToDouble((p) -> p.response().values()[field])
					.filter((v) -> !Double.isNaN(v))
					.average()
					.orElse((field == POOL_BUSY || field == POOL_MAX) ? Double.NaN : 0);
			}
			List<PodResponse> residuals = points.stream().map((p) -> {
				double[] values = p.response().values();
				double[] residual = new double[fields];
				for (int i = 0; i < fields; i++) {
					residual[i] = Double.isNaN(values[i]) || Double.isNaN(mean[i]) ? 0 : values[i] - mean[i];
				}
				return PodResponse.of(residual);
			}).toList();
			return new Bin(load, PodResponse.of(mean), residuals);
		}

	}

}
