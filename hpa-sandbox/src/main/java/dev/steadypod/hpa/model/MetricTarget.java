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

package dev.steadypod.hpa.model;

/**
 * A metric's target.
 *
 * @param type what the figure means
 * @param milliValue the target in milli-units for {@code VALUE} and
 * {@code AVERAGE_VALUE}, or the percentage for {@code UTILIZATION}
 */
public record MetricTarget(Type type, long milliValue) {

	public static MetricTarget utilization(int percent) {
		return new MetricTarget(Type.UTILIZATION, percent);
	}

	public static MetricTarget averageValue(long milli) {
		return new MetricTarget(Type.AVERAGE_VALUE, milli);
	}

	public static MetricTarget value(long milli) {
		return new MetricTarget(Type.VALUE, milli);
	}

	/** {@code target.type}. */
	public enum Type {

		UTILIZATION, VALUE, AVERAGE_VALUE

	}

}
