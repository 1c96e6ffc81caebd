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

import dev.steadypod.hpa.record.LoadProfile;
import dev.steadypod.hpa.signal.PromQl;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The option types the commands share, each with the error a user reads when a value does
 * not fit. picocli prefixes each message with the option it came from ("Invalid value for
 * option '--step': ...").
 */
final class Converters {

	private Converters() {
	}

	/**
	 * {@code 15s}, {@code 2m}, {@code 6h}, {@code 30d}: how Prometheus and Kubernetes
	 * users write durations (picocli's own converter wants ISO-8601's {@code PT15S}).
	 */
	static final class Durations implements ITypeConverter<Duration> {

		@Override
		public Duration convert(String text) {
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
				throw new TypeConversionException(
						"must be a duration such as 15s, 2m or 1h (s, m, h or d), was '" + text + "'");
			}
		}

	}

	/** An instant such as {@code 2026-11-28T09:00:00Z}. */
	static final class Instants implements ITypeConverter<Instant> {

		@Override
		public Instant convert(String text) {
			try {
				return Instant.parse(text.strip());
			}
			catch (DateTimeParseException ex) {
				throw new TypeConversionException(
						"must be an instant such as 2026-11-28T09:00:00Z, was '" + text + "'");
			}
		}

	}

	/** An http or https URL: the recorder and the replay speak HTTP only. */
	static final class HttpUrls implements ITypeConverter<URI> {

		@Override
		public URI convert(String text) {
			URI uri;
			try {
				uri = URI.create(text);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException("is not a URL: '" + text + "'");
			}
			if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
				throw new TypeConversionException("must be an http(s) URL, was '" + uri + "'");
			}
			return uri;
		}

	}

	/** A count of at least one: seeds, pods, processors, millicores. */
	static final class AtLeastOne implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String text) {
			return wholeNumber(text, 1);
		}

	}

	/** A whole number of at least zero: a random seed. */
	static final class AtLeastZero implements ITypeConverter<Integer> {

		@Override
		public Integer convert(String text) {
			return wholeNumber(text, 0);
		}

	}

	/** A positive finite number: a latency objective, a share of processors. */
	static final class Positive implements ITypeConverter<Double> {

		@Override
		public Double convert(String text) {
			try {
				double value = Double.parseDouble(text.strip());
				if (!(value > 0) || Double.isInfinite(value)) {
					throw new NumberFormatException();
				}
				return value;
			}
			catch (NumberFormatException ex) {
				throw new TypeConversionException("must be a positive number, was '" + text + "'");
			}
		}

	}

	/** Stages such as {@code 60s:5->40,120s:40}, the stage that does not parse named. */
	static final class Profiles implements ITypeConverter<LoadProfile> {

		@Override
		public LoadProfile convert(String text) {
			try {
				return LoadProfile.parse(text);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

	/**
	 * A Prometheus major version, 2 or 3, as the range bounds it selects a rate's samples
	 * with: closed in 2, left-open in 3.
	 */
	static final class PrometheusVersions implements ITypeConverter<PromQl.RangeBounds> {

		@Override
		public PromQl.RangeBounds convert(String text) {
			return switch (text.strip()) {
				case "2" -> PromQl.RangeBounds.CLOSED;
				case "3" -> PromQl.RangeBounds.LEFT_OPEN;
				default -> throw new TypeConversionException("must be 2 or 3, was '" + text + "'");
			};
		}

	}

	private static int wholeNumber(String text, int min) {
		try {
			int value = Integer.parseInt(text.strip());
			if (value < min) {
				throw new NumberFormatException();
			}
			return value;
		}
		catch (NumberFormatException ex) {
			throw new TypeConversionException("must be a whole number of at least " + min + ", was '" + text + "'");
		}
	}

}
