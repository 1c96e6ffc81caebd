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

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The two variants {@code compare}'s charts draw on one trace, found by the names the
 * user gave: a knee variant's label differs from trace to trace, so each trace resolves
 * the names on its own.
 *
 * @param drawn the variant drawn solid
 * @param against the variant drawn dashed
 */
record ChartPair(String drawn, String against) {

	/**
	 * The pair on each trace that has both.
	 * @param err receives a line for each trace without them
	 * @return by trace name, in the traces' order
	 * @throws IllegalArgumentException when no trace has both, naming the variants of the
	 * first
	 */
	static Map<String, ChartPair> resolve(List<ComparedTrace> traces, String drawn, String against,
			Consumer<String> err) {
		Map<String, ChartPair> pairs = new LinkedHashMap<>();
		List<String> missing = new ArrayList<>();
		for (ComparedTrace trace : traces) {
			String solid = trace.variant(drawn);
			String dashed = trace.variant(against);
			if (solid != null && dashed != null) {
				pairs.put(trace.name(), new ChartPair(solid, dashed));
			}
			else {
				missing.add("no charts for " + trace.name() + ": "
						+ ((solid == null) ? "--chart '" + drawn + "'" : "--against '" + against + "'")
						+ " names none of its variants, which are " + String.join("; ", trace.variants()));
			}
		}
		if (pairs.isEmpty()) {
			throw new IllegalArgumentException(missing.get(0));
		}
		missing.forEach(err);
		return pairs;
	}

}
