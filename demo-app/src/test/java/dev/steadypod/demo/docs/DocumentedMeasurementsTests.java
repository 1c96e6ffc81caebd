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

package dev.steadypod.demo.docs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.steadypod.demo.docs.Documentation.Page;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Measurements live in one place, docs/benchmarks.md (and the replay report in the "HPA
 * sandbox" section of docs/autoscaling.md). A page that quotes one must quote it from
 * there, number and unit alike, so that a re-run cannot leave an old figure behind.
 * <p>
 * A quoted measurement is a number with a unit ({@code ms}, {@code s}, {@code %},
 * {@code KiB}, {@code MiB}, {@code GiB}, or {@code x} written against the number as in
 * {@code 2.8x}) in a page's prose or tables. Settings, defaults and examples are written
 * as code ({@code `200ms`}) and commands sit in fenced blocks: neither is a measurement.
 */
class DocumentedMeasurementsTests {

	private static final Pattern MEASUREMENT = Pattern.compile(
			"(?<![\\w.,+-])[+-]?(\\d{1,3}(?:,\\d{3})+|\\d+)(\\.\\d+)?(?:(x)\\b|\\s?(%)|\\s?(ms|s|KiB|MiB|GiB)\\b)");

	private static final Pattern VAGUE_LATENCY = Pattern.compile(
			"(?i)\\b(about a second|within a second|within about a second|in milliseconds|tens of milliseconds|a few milliseconds)\\b");

	// The replay report's sections in docs/autoscaling.md.
	private static final Pattern REPLAY_REPORT = Pattern.compile("(?i)^#{2,3} .*(hpa sandbox|replay).*$");

	@Test
	void everyMeasurementAPageQuotesIsInTheBenchmarks() {
		Set<String> measured = measured();
		List<String> problems = new ArrayList<>();
		for (Page page : userPages()) {
			problems.addAll(unmeasured(page, measured));
		}
		assertThat(problems).isEmpty();
	}

	@Test
	void aPlantedFigureThatNoBenchmarkMeasuredFails() {
		Set<String> measured = measured();
		Page planted = new Page(Documentation.ROOT.resolve("README.md"), """
				A ConfigMap change is served 42.7 ms after the swap, 2.8x faster than the refresh strategy.
				The starter adds 19 jars (+4.8 MiB) and +40% start-up ([measured](docs/benchmarks.md)).
				Set `steadypod.reload.debounce` to `200ms`; the startup probe gets 2 x P95.

				```bash
				curl 'localhost:8080/work?ms=500'   # holds the request for 500 ms
				```
				""");
		assertThat(unmeasured(planted, measured)).singleElement().asString().contains("42.7 ms");
	}

	@Test
	void aRoundedOrOutdatedFigureFailsToo() {
		Set<String> measured = measured();
		Page rounded = new Page(Documentation.ROOT.resolve("docs/reload.md"),
				"A reload is 265x faster than a restart; the median was 18.2 ms before the fix.\n");
		assertThat(unmeasured(rounded, measured)).singleElement().asString().contains("265x");
	}

	@Test
	void noPageTellsLatencyInWordsInsteadOfLinkingTheNumber() {
		List<String> problems = new ArrayList<>();
		for (Page page : userPages()) {
			String prose = page.prose();
			Matcher phrase = VAGUE_LATENCY.matcher(prose);
			while (phrase.find()) {
				problems.add(page.name() + ":" + lineOf(prose, phrase.start()) + ": '" + phrase.group()
						+ "': link the figure in docs/benchmarks.md instead");
			}
		}
		assertThat(problems).isEmpty();
	}

	/** Every page but the benchmarks, without the replay report. */
	private static List<Page> userPages() {
		return Documentation.pages()
			.stream()
			.filter((page) -> !page.name().equals("docs/benchmarks.md"))
			.map((page) -> page.name().equals("docs/autoscaling.md") ? withoutReplayReport(page) : page)
			.toList();
	}

	private static Page withoutReplayReport(Page page) {
		Page without = page;
		for (String heading : page.headings(REPLAY_REPORT)) {
			if (without.headings(REPLAY_REPORT).contains(heading)) {
				without = without.without(heading);
			}
		}
		return without;
	}

	/** Every number with a unit in docs/benchmarks.md and the replay report. */
	private static Set<String> measured() {
		Set<String> measured = new LinkedHashSet<>();
		measured.addAll(measurements(Documentation.page("docs/benchmarks.md").text()));
		Page autoscaling = Documentation.page("docs/autoscaling.md");
		for (String heading : autoscaling.headings(REPLAY_REPORT)) {
			measured.addAll(measurements(autoscaling.sectionText(heading)));
		}
		assertThat(measured).as("figures in docs/benchmarks.md").hasSizeGreaterThan(100);
		return measured;
	}

	static List<String> unmeasured(Page page, Set<String> measured) {
		List<String> problems = new ArrayList<>();
		String prose = page.prose();
		Matcher measurement = MEASUREMENT.matcher(prose);
		while (measurement.find()) {
			if (!measured.contains(normalized(measurement))) {
				problems.add(page.name() + ":" + lineOf(prose, measurement.start()) + ": '"
						+ measurement.group().strip() + "' is not in docs/benchmarks.md");
			}
		}
		return problems;
	}

	private static Set<String> measurements(String text) {
		Set<String> measurements = new LinkedHashSet<>();
		Matcher measurement = MEASUREMENT.matcher(text);
		while (measurement.find()) {
			measurements.add(normalized(measurement));
		}
		return measurements;
	}

	/**
	 * Number without thousands separators, and unit: {@code 13,267 ms} is
	 * {@code 13267ms}.
	 */
	private static String normalized(Matcher measurement) {
		String number = measurement.group(1).replace(",", "")
				+ ((measurement.group(2) != null) ? measurement.group(2) : "");
		String unit = (measurement.group(3) != null) ? measurement.group(3)
				: (measurement.group(4) != null) ? measurement.group(4) : measurement.group(5);
		return number + unit.toLowerCase(Locale.ROOT);
	}

	private static int lineOf(String text, int index) {
		return (int) text.substring(0, index).chars().filter((c) -> c == '\n').count() + 1;
	}

}
