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
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.steadypod.hpa.replay.Recommendation;
import dev.steadypod.hpa.replay.SignalTarget;
import dev.steadypod.hpa.signal.Signal;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * One HPA of {@code compare --signals}: signals joined by {@code +}, each with a target
 * or {@code knee}, e.g. {@code cpu=80+concurrency=knee}. A knee target is the trace's own
 * ({@link Recommendation}), so the same choice resolves to a different HPA on each trace.
 *
 * @param text the choice as the user wrote it
 * @param parts its signals, in the order written
 */
record HpaChoice(String text, List<Part> parts) {

	/** The word that stands for the trace's knee target. */
	static final String KNEE = "knee";

	HpaChoice {
		parts = List.copyOf(parts);
	}

	/**
	 * Reads a choice.
	 * @throws IllegalArgumentException naming the part that is wrong
	 */
	static HpaChoice parse(String text) {
		List<Part> parts = new ArrayList<>();
		Set<Signal> seen = EnumSet.noneOf(Signal.class);
		for (String part : text.split("\\+", -1)) {
			int equals = part.indexOf('=');
			if (equals < 0) {
				throw new IllegalArgumentException("'" + part.strip() + "' needs a target: a number, as in cpu=80,"
						+ " concurrency=8 or thread-pool=0.8, or knee for the trace's own, as in concurrency=knee");
			}
			Signal signal = SignalTarget.signal(part.substring(0, equals));
			if (!seen.add(signal)) {
				throw new IllegalArgumentException("'" + text.strip() + "' names "
						+ SignalTarget.names().get(signal.ordinal()) + " twice: an HPA takes each signal once");
			}
			String value = part.substring(equals + 1).strip();
			if (value.toLowerCase(Locale.ROOT).equals(KNEE)) {
				parts.add(new Part(signal, null));
				continue;
			}
			try {
				Double.parseDouble(value.endsWith("%") ? value.substring(0, value.length() - 1) : value);
			}
			catch (NumberFormatException ex) {
				throw new IllegalArgumentException("the target in '" + part.strip() + "' is neither a number nor "
						+ KNEE + " (the trace's own target at its knee)", ex);
			}
			parts.add(new Part(signal, SignalTarget.parse(part).get(0)));
		}
		return new HpaChoice(text.strip(), parts);
	}

	/**
	 * The HPA's metrics on one trace, knees resolved.
	 * @throws IllegalArgumentException when a knee has no target on the trace (the thread
	 * pool of a trace without pool columns)
	 */
	Resolved resolve(Recommendation recommendation) {
		List<SignalTarget> targets = new ArrayList<>();
		List<String> labels = new ArrayList<>();
		for (Part part : this.parts) {
			SignalTarget target = (part.target() != null) ? part.target()
					: recommendation.targets(List.of(part.signal())).get(0);
			targets.add(target);
			labels.add(target.label() + ((part.target() != null) ? "" : " (" + KNEE + ")"));
		}
		return new Resolved(String.join(" + ", labels), targets);
	}

	/** Whether the same signals and targets are chosen, however written. */
	boolean sameAs(HpaChoice other) {
		return this.parts.equals(other.parts);
	}

	@Override
	public String toString() {
		return this.text;
	}

	/**
	 * One signal of the choice.
	 *
	 * @param signal the signal
	 * @param target its target, or {@code null} for the trace's knee
	 */
	record Part(Signal signal, @Nullable SignalTarget target) {

	}

	/**
	 * A choice on one trace.
	 *
	 * @param label how the table names it, e.g. {@code CPU 80 % + concurrency 8.3 (knee)}
	 * @param targets its metrics
	 */
	record Resolved(String label, List<SignalTarget> targets) {

	}

	/** picocli's converter: a choice that does not parse is named with its option. */
	static final class Converter implements ITypeConverter<HpaChoice> {

		@Override
		public HpaChoice convert(String text) {
			try {
				return parse(text);
			}
			catch (IllegalArgumentException ex) {
				throw new TypeConversionException(ex.getMessage());
			}
		}

	}

}
