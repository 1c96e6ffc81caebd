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

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** A command's {@code --name value} options, checked against the names it knows. */
final class Options {

	private final Map<String, String> values;

	private final String usage;

	private Options(Map<String, String> values, String usage) {
		this.values = values;
		this.usage = usage;
	}

	static Options parse(String[] args, Set<String> known, String usage) {
		Map<String, String> values = new LinkedHashMap<>();
		for (int i = 1; i < args.length; i += 2) {
			if (!args[i].startsWith("--") || i + 1 >= args.length) {
				throw new IllegalArgumentException("expected --option value pairs, found '" + args[i] + "'\n" + usage);
			}
			String name = args[i].substring(2);
			if (!known.contains(name)) {
				throw new IllegalArgumentException("unknown option --" + name + "\n" + usage);
			}
			values.put(name, args[i + 1]);
		}
		return new Options(values, usage);
	}

	boolean has(String name) {
		return this.values.containsKey(name);
	}

	String required(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalArgumentException("missing --" + name + "\n" + this.usage);
		}
		return value;
	}

	String get(String name, String absent) {
		return this.values.getOrDefault(name, absent);
	}

	@Nullable String get(String name) {
		return this.values.get(name);
	}

	void exactlyOne(String... names) {
		List<String> given = List.of(names).stream().filter(this::has).toList();
		if (given.size() != 1) {
			throw new IllegalArgumentException("give exactly one of --" + String.join(", --", names)
					+ (given.isEmpty() ? "" : " (given: --" + String.join(", --", given) + ")") + "\n" + this.usage);
		}
	}

	URI url(String name) {
		String text = required(name);
		URI uri;
		try {
			uri = URI.create(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("--" + name + " is not a URL: '" + text + "'", ex);
		}
		if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
			throw new IllegalArgumentException("--" + name + " must be an http(s) URL, was '" + uri + "'");
		}
		return uri;
	}

	int integer(String name, int absent, int min) {
		String text = get(name);
		if (text == null) {
			return absent;
		}
		try {
			int value = Integer.parseInt(text.strip());
			if (value < min) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException(
					"--" + name + " must be a whole number of at least " + min + ", was '" + text + "'", ex);
		}
	}

	double decimal(String name, double absent) {
		String text = get(name);
		if (text == null) {
			return absent;
		}
		try {
			double value = Double.parseDouble(text.strip());
			if (!(value > 0) || Double.isInfinite(value)) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("--" + name + " must be a positive number, was '" + text + "'", ex);
		}
	}

	/** {@code 15s}, {@code 2m}, {@code 1h}. */
	Duration duration(String name, Duration absent) {
		String text = get(name);
		return (text != null) ? duration(name, text) : absent;
	}

	static Duration duration(String name, String text) {
		String t = text.strip();
		try {
			long amount = Long.parseLong(t.substring(0, t.length() - 1));
			Duration duration = switch (t.charAt(t.length() - 1)) {
				case 's' -> Duration.ofSeconds(amount);
				case 'm' -> Duration.ofMinutes(amount);
				case 'h' -> Duration.ofHours(amount);
				case 'd' -> Duration.ofDays(amount);
				default -> throw new NumberFormatException();
			};
			if (duration.isNegative()) {
				throw new NumberFormatException();
			}
			return duration;
		}
		catch (RuntimeException ex) {
			throw new IllegalArgumentException(
					"--" + name + " must be a duration such as 15s, 2m or 1h, was '" + text + "'", ex);
		}
	}

	Instant instant(String name) {
		String text = required(name);
		try {
			return Instant.parse(text.strip());
		}
		catch (DateTimeParseException ex) {
			throw new IllegalArgumentException(
					"--" + name + " must be an instant such as 2026-11-28T09:00:00Z, was '" + text + "'", ex);
		}
	}

}
