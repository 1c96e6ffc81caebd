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

package dev.steadypod.hpa;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.record.TraceSample;

/**
 * Noise-free traces for the command tests, written as {@code record} writes them: 24 load
 * levels (6.25 to 293.75 requests per second, 12.5 apart), 20 identical seconds each, so
 * that every level has steady seconds.
 */
final class CommandTraces {

	private CommandTraces() {
	}

	/**
	 * A CPU-bound pod without pool columns or the load generator's view: latency 100 ms
	 * up to 200 requests per second, 10 ms more per request per second beyond; in flight
	 * by Little's law; CPU = load / 250 of one processor, at most all of it.
	 */
	static Path cpuBound(Path file, String... provenance) throws IOException {
		List<TraceSample> samples = new ArrayList<>();
		long second = 0;
		for (int k = 1; k <= 24; k++) {
			double load = (k - 0.5) * 12.5;
			double latency = (load <= 200) ? 100 : 100 + 10 * (load - 200);
			for (int i = 0; i < 20; i++) {
				samples.add(new TraceSample(second++, load, load, Math.min(1, load / 250), load * latency / 1000,
						latency, 0));
			}
		}
		TraceCsv.write(file, List.of(provenance), samples);
		return file;
	}

	/**
	 * A pod bound by its web server's pool of 20 threads, each waiting 200 ms downstream:
	 * it completes at most 100 requests per second; the server measures 200 ms
	 * throughout, the clients 20 ms more per request per second offered beyond 100; CPU =
	 * completions / 1000.
	 */
	static Path poolBound(Path file, String... provenance) throws IOException {
		List<TraceSample> samples = new ArrayList<>();
		long second = 0;
		for (int k = 1; k <= 24; k++) {
			double load = (k - 0.5) * 12.5;
			double completed = Math.min(100, load);
			double client = 200 + 20 * Math.max(0, load - 100);
			for (int i = 0; i < 20; i++) {
				samples.add(new TraceSample(second++, load, completed, completed / 1000, completed * 0.2, 200, 0, 1,
						client, load * client / 1000, completed * 0.2, 20, Double.NaN));
			}
		}
		TraceCsv.write(file, List.of(provenance), samples);
		return file;
	}

}
