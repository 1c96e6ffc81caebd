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

import java.io.IOException;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Where a reload's time went, phase by phase, as the {@code configreload} endpoint
 * reports it for the newest applied outcome: the first reload after start on its own, the
 * others as medians.
 */
final class ReloadPhases {

	private final Map<String, Samples> rest = new LinkedHashMap<>();

	private Map<String, Double> first = Map.of();

	/** The time of the outcome read last, so that no outcome is read twice. */
	private String lastTime;

	/**
	 * Notes the newest applied outcome before the first change, so that it is not taken
	 * for the first change's.
	 * @param managementPort the demo's management port
	 */
	void start(int managementPort) throws IOException, InterruptedException {
		JsonNode applied = newestApplied(managementPort);
		this.lastTime = (applied != null) ? applied.path("time").asText() : null;
	}

	/**
	 * Reads the phases of the newest applied outcome, waiting until there is one newer
	 * than the last one read: the new value is served before the outcome is recorded.
	 * @param managementPort the demo's management port
	 * @param isFirst whether it is the first reload after start
	 */
	void record(int managementPort, boolean isFirst) throws IOException, InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (true) {
			JsonNode applied = newestApplied(managementPort);
			if (applied != null && !applied.path("time").asText().equals(this.lastTime)) {
				this.lastTime = applied.path("time").asText();
				add(applied, isFirst);
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("/actuator/configreload recorded no new applied outcome within 10 s");
			}
			DemoProcess.pause(5);
		}
	}

	private static JsonNode newestApplied(int managementPort) throws IOException, InterruptedException {
		JsonNode status = new ObjectMapper()
			.readTree(Http.get(managementPort, "/actuator/configreload", Duration.ofSeconds(10)).body());
		for (JsonNode outcome : status.path("outcomes")) {
			if ("applied".equals(outcome.path("result").asText())) {
				return outcome;
			}
		}
		return null;
	}

	private void add(JsonNode outcome, boolean isFirst) {
		Map<String, Double> phases = new LinkedHashMap<>();
		for (Iterator<Map.Entry<String, JsonNode>> it = outcome.path("phases").fields(); it.hasNext();) {
			Map.Entry<String, JsonNode> phase = it.next();
			phases.put(phase.getKey(), Duration.parse(phase.getValue().asText()).toNanos() / 1e6);
		}
		if (isFirst) {
			this.first = phases;
		}
		else {
			phases.forEach((name, millis) -> this.rest.computeIfAbsent(name, (key) -> new Samples()).add(millis));
		}
	}

	/** The first reload's phases: {@code queued 0.1 / read 1.2 / ...} in ms. */
	String first() {
		return format(this.first);
	}

	/** The median of each phase over the other reloads. */
	String restMedians() {
		Map<String, Double> medians = new LinkedHashMap<>();
		this.rest.forEach((name, samples) -> medians.put(name, samples.median()));
		return format(medians);
	}

	private static String format(Map<String, Double> phases) {
		if (phases.isEmpty()) {
			return "n/a";
		}
		StringJoiner text = new StringJoiner(" / ");
		phases.forEach((name, millis) -> text.add(name + " " + String.format(Locale.ROOT, "%.1f", millis)));
		return text + " ms";
	}

}
