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

package dev.steadypod.hpa.record;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A staged load: each stage ramps the request rate linearly from one value to another
 * over its duration (equal values make a plateau).
 *
 * @param stages the stages, in order
 */
public record LoadProfile(List<Stage> stages) {

	public LoadProfile {
		stages = List.copyOf(stages);
		if (stages.isEmpty()) {
			throw new IllegalArgumentException("a load profile needs at least one stage");
		}
	}

	/**
	 * Parses {@code 60s:5->40,120s:40,20s:40->120,60s:120->10}: duration, colon, a rate
	 * in requests per second or a ramp {@code from->to}.
	 * @throws IllegalArgumentException naming the stage that does not parse
	 */
	public static LoadProfile parse(String text) {
		List<Stage> stages = new ArrayList<>();
		for (String stage : text.split(",")) {
			String[] parts = stage.strip().split(":");
			if (parts.length != 2 || !parts[0].endsWith("s")) {
				throw new IllegalArgumentException(
						"stage '" + stage + "' is not <seconds>s:<rps> or <seconds>s:<from>-><to>, e.g. 60s:5->40");
			}
			try {
				long seconds = Long.parseLong(parts[0].substring(0, parts[0].length() - 1));
				String[] rates = parts[1].split("->");
				double from = Double.parseDouble(rates[0]);
				double to = (rates.length > 1) ? Double.parseDouble(rates[1]) : from;
				if (seconds <= 0 || from < 0 || to < 0 || rates.length > 2) {
					throw new NumberFormatException();
				}
				stages.add(new Stage(Duration.ofSeconds(seconds), from, to));
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException(
						"stage '" + stage
								+ "' needs a positive whole number of seconds and non-negative rates, e.g. 60s:5->40",
						ex);
			}
		}
		return new LoadProfile(stages);
	}

	public Duration duration() {
		return this.stages.stream().map(Stage::duration).reduce(Duration.ZERO, Duration::plus);
	}

	/** The target rate {@code elapsed} after the start (0 after the end). */
	public double rateAt(Duration elapsed) {
		Duration start = Duration.ZERO;
		for (Stage stage : this.stages) {
			Duration end = start.plus(stage.duration());
			if (elapsed.compareTo(end) < 0) {
				double fraction = (double) elapsed.minus(start).toMillis() / stage.duration().toMillis();
				return stage.fromRps() + (stage.toRps() - stage.fromRps()) * fraction;
			}
			start = end;
		}
		return 0;
	}

	/**
	 * One stage.
	 *
	 * @param duration how long it lasts
	 * @param fromRps the rate at its start
	 * @param toRps the rate at its end
	 */
	public record Stage(Duration duration, double fromRps, double toRps) {

	}

}
