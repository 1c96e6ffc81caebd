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

package dev.steadypod.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Latency samples in milliseconds and the statistics the report prints.
 */
final class Samples {

	private final List<Double> values = Collections.synchronizedList(new ArrayList<>());

	void add(double millis) {
		this.values.add(millis);
	}

	void addNanos(long nanos) {
		add(nanos / 1_000_000.0);
	}

	void addAllTo(Samples target) {
		synchronized (this.values) {
			target.values.addAll(this.values);
		}
	}

	int count() {
		return this.values.size();
	}

	double median() {
		return percentile(50);
	}

	double p99() {
		return percentile(99);
	}

	double min() {
		return sorted().stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
	}

	double max() {
		return sorted().stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
	}

	/** Nearest-rank percentile; with fewer than 100 samples p99 is the worst sample. */
	double percentile(double p) {
		List<Double> sorted = sorted();
		if (sorted.isEmpty()) {
			return Double.NaN;
		}
		int rank = (int) Math.ceil(p / 100.0 * sorted.size());
		return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
	}

	/** "p99" where there are enough samples for it, else "worst". */
	String tailLabel() {
		return (count() >= 100) ? "p99" : "worst";
	}

	double tail() {
		return (count() >= 100) ? p99() : max();
	}

	private List<Double> sorted() {
		List<Double> copy;
		synchronized (this.values) {
			copy = new ArrayList<>(this.values);
		}
		Collections.sort(copy);
		return copy;
	}

	static String ms(double millis) {
		if (Double.isNaN(millis)) {
			return "n/a";
		}
		return (millis >= 100) ? String.format(Locale.ROOT, "%.0f ms", millis)
				: String.format(Locale.ROOT, "%.1f ms", millis);
	}

}
