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
import java.util.OptionalDouble;
import java.util.OptionalInt;

import dev.steadypod.hpa.record.TraceCsv;
import org.jspecify.annotations.Nullable;

/**
 * What a trace file's provenance lines say about the recorded pod: the processors its
 * {@code cpu} column is a share of ({@code # machine: N processors}) and its CPU request
 * ({@code # pod: cpu request Nm}). A trace read from Prometheus has neither.
 *
 * @param processors the recording machine's processors
 * @param cpuColumnProcessors the processors the {@code cpu} column is a share of when
 * that is not the machine's ({@code # cpu column: a share of N processors}: a JVM inside
 * a CPU quota reports {@code process_cpu_usage} as a share of its quota)
 * @param cpuRequestMillis the pod's CPU request in millicores
 */
record TraceHeader(OptionalInt processors, OptionalDouble cpuColumnProcessors, OptionalInt cpuRequestMillis) {

	static final TraceHeader NONE = new TraceHeader(OptionalInt.empty(), OptionalDouble.empty(), OptionalInt.empty());

	/** The lines of a trace file, or {@link #NONE} without a file. */
	static TraceHeader of(@Nullable Path file) throws IOException {
		if (file == null) {
			return NONE;
		}
		return new TraceHeader(TraceCsv.machineProcessors(file), TraceCsv.cpuColumnProcessors(file),
				TraceCsv.podCpuRequestMillis(file));
	}

}
