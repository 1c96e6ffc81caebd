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
 * which understates how fast a queue grows past saturation. Seconds in which the pod
 * drained a backlog (completed more than 10 % above what it was offered) are left out:
 * their latency and in-flight count belong to the backlog, not to the load.
 * <p>
 * The capacity, the load one pod takes within the latency objective, comes from the
 * trace's steady seconds alone (see {@code SteadySeconds}), judged by the latency the
 * clients saw (the server's for traces without the load generator's view).
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

	private final boolean clientView;

	private final int drainingSeconds;

	private final int steadySeconds;

	private final List<SteadyBin> steadyBins;

	private ResponseCurves(List<Bin> bins, double maxCpu, boolean pool, boolean clientView, int drainingSeconds,
			int steadySeconds, List<SteadyBin> steadyBins) {
		this.bins = bins;
		this.maxCpu = maxCpu;
		this.pool = pool;
		this.clientView = clientView;
		this.drainingSeconds = drainingSeconds;
		this.steadySeconds = steadySeconds;
		this.steadyBins = steadyBins;
	}

	/**
	 * The steady seconds of one load bin.
	 *
	 * @param load the mean load of the bin's seconds, in requests per second per pod
	 * @param medianLatencyMs the median latency of its seconds (client-side when the
	 * trace has the load generator's view)
	 * @param seconds how many steady seconds it holds
	 */
	public record SteadyBin(double load, double medianLatencyMs, int seconds) {

	}

	/**
	 * Learns the curves from a trace. The load of a sample is its offered rate per pod
	 * ({@code target_rps / pods}); its in-flight count, completions and pool threads are
	 * per pod too. A trace without the load generator's view takes the server's latency
	 * for the client's. Draining seconds are left out.
	 * @throws IllegalArgumentException when the trace has too few samples besides its
	 * draining seconds
	 */
	public static ResponseCurves of(List<TraceSample> samples) {
		List<TraceSample> kept = samples.stream().filter((s) -> !SteadySeconds.draining(s)).toList();
		int draining = samples.size() - kept.size();
		if (kept.size() < 2 * MIN_SAMPLES_PER_BIN) {
			throw new IllegalArgumentException("a trace needs at least " + 2 * MIN_SAMPLES_PER_BIN
					+ " samples to learn a pod's response from, this one has " + samples.size()
					+ ((draining > 0) ? " of which " + draining + " drain a backlog (completed more than 10 % above"
							+ " the offered rate) and do not count" : ""));
		}
		boolean clientView = samples.stream().anyMatch(TraceSample::hasClientView);
		boolean pool = samples.stream().anyMatch(TraceSample::hasPool);
		List<Point> points = kept.stream()
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
		List<TraceSample> steady = SteadySeconds.of(samples);
		return new ResponseCurves(bins, maxCpu, pool, clientView, draining, steady.size(),
				SteadySeconds.bins(steady, clientView));
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
	 * The load one pod takes within the objective, from which the capacity-ideal replica
	 * count follows: the load of the highest steady bin such that it and every lower bin
	 * have a median latency within the objective.
	 * @param sloMs the latency objective
	 * @return the load in requests per second per pod
	 * @throws IllegalArgumentException when the trace has no steady bin, or even the
	 * least loaded one misses the objective
	 */
	public double capacity(double sloMs) {
		if (!(sloMs > 0)) {
			throw new IllegalArgumentException("the latency objective must be positive, was " + sloMs + " ms");
		}
		SteadyBin first = firstSteadyBin();
		if (first.medianLatencyMs() > sloMs) {
			throw new IllegalArgumentException(String.format(Locale.ROOT,
					"the latency objective of %.0f ms is missed even at the lowest steady load (median %s latency"
							+ " %.1f ms at %.1f requests per second per pod): raise --slo-ms",
					sloMs, latencyView(), first.medianLatencyMs(), first.load()));
		}
		double capacity = first.load();
		for (SteadyBin bin : this.steadyBins) {
			if (bin.medianLatencyMs() > sloMs) {
				break;
			}
			capacity = bin.load();
		}
		return capacity;
	}

	/**
	 * The objective when none is given: twice the median latency of the least loaded
	 * steady bin.
	 * @throws IllegalArgumentException when the trace has no steady bin
	 */
	public double defaultSloMs() {
		return 2 * unloadedLatencyMs();
	}

	/**
	 * The median latency of the least loaded steady bin (client-side when the trace has
	 * the load generator's view).
	 * @throws IllegalArgumentException when the trace has no steady bin
	 */
	public double unloadedLatencyMs() {
		return firstSteadyBin().medianLatencyMs();
	}

	private SteadyBin firstSteadyBin() {
		if (this.steadyBins.isEmpty()) {
			throw new IllegalArgumentException(String.format(Locale.ROOT,
					"the trace has %d steady seconds (the offered rate held within ±10 %% over the preceding %d"
							+ " seconds and the pod completed within ±10 %% of it) but no %d of them within 10 %% of"
							+ " the same load: the capacity needs plateaus of constant load of at least %d seconds;"
							+ " record with a staged profile",
					this.steadySeconds, SteadySeconds.HOLD_SECONDS, SteadySeconds.MIN_SECONDS_PER_BIN,
					SteadySeconds.HOLD_SECONDS + SteadySeconds.MIN_SECONDS_PER_BIN));
		}
		return this.steadyBins.get(0);
	}

	/**
	 * Whether the capacity is judged by the load generator's latency (the trace has its
	 * view) rather than the server's.
	 */
	public boolean hasClientView() {
		return this.clientView;
	}

	/** Which latency the capacity is judged by, for reports. */
	public String latencyView() {
		return this.clientView ? "client-side" : "server-side";
	}

	/**
	 * What the capacity rests on, for reports: which latency, how many steady seconds and
	 * bins, how many draining seconds the curves left out.
	 */
	public String capacityBasis() {
		return String.format(Locale.ROOT,
				"%s latency%s, %d steady seconds in %d load bins; %d draining seconds left out", latencyView(),
				this.clientView ? "" : " (the trace has no client view)", this.steadySeconds, this.steadyBins.size(),
				this.drainingSeconds);
	}

	/** The steady bins, lowest load first. */
	public List<SteadyBin> steadyBins() {
		return this.steadyBins;
	}

	/** The trace's steady seconds, in bins of enough seconds or not. */
	public int steadySeconds() {
		return this.steadySeconds;
	}

	/**
	 * The seconds left out of the curves because the pod drained a backlog in them
	 * (completed more than 10 % above the offered rate).
	 */
	public int drainingSeconds() {
		return this.drainingSeconds;
	}

	/** The highest load per pod of the trace's bins. */
	public double maxLoad() {
		return this.bins.get(this.bins.size() - 1).load();
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
