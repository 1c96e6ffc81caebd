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

package dev.steadypod.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A PromQL series selector such as {@code name{namespace!="",pod!=""}}, the form of a
 * prometheus-adapter {@code seriesQuery}, applied to scraped samples the way Prometheus
 * applies it: a missing label counts as the empty string, and regular expressions are
 * fully anchored.
 *
 * @param metricName the series name the selector asks for
 * @param matchers the label matchers
 */
public record SeriesSelector(String metricName, List<LabelMatcher> matchers) {

	private static final Pattern SELECTOR = Pattern.compile("\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)\\s*(?:\\{(.*)\\})?\\s*");

	private static final Pattern MATCHER = Pattern
		.compile("\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*(=~|!~|!=|=)\\s*\"((?:[^\"\\\\]|\\\\.)*)\"\\s*(,|$)");

	/**
	 * Parses a selector.
	 * @param selector e.g.
	 * {@code http_server_requests_active_seconds_count{namespace!="",pod!=""}}
	 * @return the parsed selector
	 * @throws IllegalArgumentException when the text is not a series selector
	 */
	public static SeriesSelector parse(String selector) {
		Matcher whole = SELECTOR.matcher(selector);
		if (!whole.matches()) {
			throw new IllegalArgumentException("Not a series selector: " + selector);
		}
		List<LabelMatcher> matchers = new ArrayList<>();
		String body = whole.group(2);
		if (body != null && !body.isBlank()) {
			Matcher matcher = MATCHER.matcher(body);
			int end = 0;
			while (end < body.length() && matcher.find(end) && matcher.start() == end) {
				matchers.add(new LabelMatcher(matcher.group(1), matcher.group(2), matcher.group(3)));
				end = matcher.end();
			}
			if (end != body.length()) {
				throw new IllegalArgumentException(
						"Not a series selector: " + selector + " (at '" + body.substring(end) + "')");
			}
		}
		return new SeriesSelector(whole.group(1), List.copyOf(matchers));
	}

	/**
	 * Whether the selector selects the sample.
	 * @param sample a scraped sample, with the labels the scrape attaches
	 * @return true when name and every matcher match
	 */
	public boolean selects(PrometheusSample sample) {
		return this.metricName.equals(sample.name())
				&& this.matchers.stream().allMatch((m) -> m.matches(sample.labels().getOrDefault(m.label(), "")));
	}

	/**
	 * One label matcher of a selector.
	 *
	 * @param label the label name
	 * @param operator one of {@code =}, {@code !=}, {@code =~}, {@code !~}
	 * @param value the value or regular expression
	 */
	public record LabelMatcher(String label, String operator, String value) {

		boolean matches(String actual) {
			return switch (this.operator) {
				case "=" -> actual.equals(this.value);
				case "!=" -> !actual.equals(this.value);
				case "=~" -> actual.matches(this.value);
				case "!~" -> !actual.matches(this.value);
				default -> throw new IllegalStateException(this.operator);
			};
		}

	}

}
