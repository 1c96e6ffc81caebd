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

import java.util.List;

/**
 * The user traffic a ready demo pod receives.
 *
 * @param id the short name used in properties and logs
 * @param label the description in the table
 * @param tomcatThreads Tomcat's request pool ({@code server.tomcat.threads.max})
 * @param workMillis how long each request holds its thread ({@code /work?ms=})
 * @param base the offered load between bursts, as a share of the pool's capacity (threads
 * / request time); 0 for closed-loop clients
 * @param burst the offered load during a burst, as a share of capacity
 * @param closedLoopClients clients that each send the next request when the previous
 * answered (0 for an open-loop load)
 */
record LoadProfile(String id, String label, int tomcatThreads, int workMillis, double base, double burst,
		int closedLoopClients) {

	/** Seconds after the pod turned ready before its first burst. */
	static final int FIRST_BURST_SECONDS = 30;

	/** Seconds between the starts of two bursts. */
	static final int BURST_EVERY_SECONDS = 60;

	/** Seconds a burst lasts. */
	static final int BURST_SECONDS = 10;

	static final List<String> IDS = List.of("70", "120", "burst", "legacy");

	static LoadProfile of(String id) {
		return switch (id) {
			case "70" -> new LoadProfile(id, "70 % of capacity", 200, 5000, 0.7, 0.7, 0);
			case "120" -> new LoadProfile(id, "120 % of capacity", 200, 5000, 1.2, 1.2, 0);
			case "burst" -> new LoadProfile(id, "70 %, bursts of 200 % (10 s a minute)", 200, 5000, 0.7, 2.0, 0);
			case "legacy" -> new LoadProfile(id, "4 threads, 8 clients of 5 s (200 %)", 4, 5000, 0, 0, 8);
			case "idle" -> new LoadProfile(id, "none", 200, 5000, 0, 0, 0);
			default -> throw new IllegalArgumentException(
					"Unknown load '" + id + "'; known: " + String.join(", ", IDS) + ", idle");
		};
	}

	/** How long a user waits for an answer before giving up: twice the request's time. */
	int clientTimeoutSeconds() {
		return (this.closedLoopClients > 0) ? 30 : 2 * this.workMillis / 1000;
	}

	/** Requests a second the pool can serve. */
	double capacityPerSecond() {
		return this.tomcatThreads * 1000.0 / this.workMillis;
	}

	/**
	 * The offered requests a second, some time after the pod turned ready.
	 * @param secondsSinceReady seconds since the pod turned ready
	 * @return the rate
	 */
	double ratePerSecond(double secondsSinceReady) {
		double since = secondsSinceReady - FIRST_BURST_SECONDS;
		boolean bursting = since >= 0 && (since % BURST_EVERY_SECONDS) < BURST_SECONDS;
		return (bursting ? this.burst : this.base) * capacityPerSecond();
	}

	/** The load as the table states it. */
	String describe() {
		String pool = (this.tomcatThreads == 200) ? "Tomcat's default pool of 200 threads"
				: this.tomcatThreads + " Tomcat threads";
		return this.label + ", " + pool + ", requests of " + this.workMillis / 1000 + " s, users wait "
				+ clientTimeoutSeconds() + " s";
	}

}
