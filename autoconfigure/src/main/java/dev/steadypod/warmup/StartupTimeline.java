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

package dev.steadypod.warmup;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiConsumer;

/**
 * When the application reached each start-up milestone, in seconds since the JVM started
 * (the RuntimeMXBean start time, so class loading and context creation count too, as they
 * do for the kubelet).
 */
public class StartupTimeline {

	/** The application's web server accepts connections. */
	public static final String WEB_SERVER_STARTED = "web_server_started";

	/** Warm-up is over. */
	public static final String WARM = "warm";

	/** Spring Boot published ACCEPTING_TRAFFIC. */
	public static final String READY = "ready";

	private final long jvmStartMillis = ManagementFactory.getRuntimeMXBean().getStartTime();

	private final Map<String, Double> seconds = new LinkedHashMap<>();

	private final List<BiConsumer<String, Double>> listeners = new CopyOnWriteArrayList<>();

	/**
	 * Records a milestone now; the first record of a phase wins.
	 * @param phase the milestone
	 */
	public void record(String phase) {
		double value = (System.currentTimeMillis() - this.jvmStartMillis) / 1000.0;
		synchronized (this.seconds) {
			if (this.seconds.putIfAbsent(phase, value) != null) {
				return;
			}
		}
		this.listeners.forEach((listener) -> listener.accept(phase, value));
	}

	/**
	 * Seconds from JVM start to the given milestone.
	 * @param phase the milestone
	 * @return the seconds, or {@code null} if not reached yet
	 */
	public Double seconds(String phase) {
		synchronized (this.seconds) {
			return this.seconds.get(phase);
		}
	}

	public Map<String, Double> asMap() {
		synchronized (this.seconds) {
			return new LinkedHashMap<>(this.seconds);
		}
	}

	/**
	 * Calls the listener for every milestone already reached and for each one reached
	 * later.
	 * @param listener receives phase and seconds
	 */
	public void subscribe(BiConsumer<String, Double> listener) {
		Map<String, Double> reached;
		synchronized (this.seconds) {
			this.listeners.add(listener);
			reached = new LinkedHashMap<>(this.seconds);
		}
		reached.forEach(listener);
	}

}
