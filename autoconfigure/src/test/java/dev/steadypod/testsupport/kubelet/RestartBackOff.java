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

package dev.steadypod.testsupport.kubelet;

import java.time.Duration;

/**
 * When the kubelet starts a killed container again (restartPolicy Always). This follows
 * the kubelet's container back-off (its {@code flowcontrol.Backoff}, consulted with the
 * finish time of the container that just ended) and the Pod Lifecycle page:
 * <ul>
 * <li>the first restart of a container is not delayed: there is no back-off entry yet,
 * and recording the restart creates one of 10 s;</li>
 * <li>each later restart waits the current back-off counted from when the previous
 * container finished (not from when it was started), and the back-off then doubles, up to
 * 5 minutes;</li>
 * <li>a container that ran more than twice the cap (10 minutes) since its last restart
 * counts as stable: its entry expires, so the next restart is again immediate and the
 * back-off starts over at 10 s.</li>
 * </ul>
 * The kubelet adds a little jitter to each back-off; the emulator does not, so that runs
 * are reproducible.
 */
final class RestartBackOff {

	static final Duration BASE = Duration.ofSeconds(10);

	static final Duration MAX = Duration.ofMinutes(5);

	/** A container that ran this long since its last restart starts over. */
	static final Duration RESET = MAX.multipliedBy(2);

	private final double scale;

	/** The back-off the next restart waits, or -1 before the first restart. */
	private long nextDelayMillis = -1;

	private long lastRestartMillis;

	/**
	 * Creates the back-off.
	 * @param scale factor on every duration (1 = the kubelet's), to fit a benchmark
	 */
	RestartBackOff(double scale) {
		if (!(scale > 0)) {
			throw new IllegalArgumentException("The back-off scale must be positive, was " + scale);
		}
		this.scale = scale;
	}

	/**
	 * Decides when the container that finished at the given time starts again, and
	 * records that restart.
	 * @param finishedMillis when the previous container finished
	 * @return when the next container starts
	 */
	long restartAt(long finishedMillis) {
		if (this.nextDelayMillis < 0 || finishedMillis - this.lastRestartMillis > scaled(RESET)) {
			this.nextDelayMillis = scaled(BASE);
			this.lastRestartMillis = finishedMillis;
			return finishedMillis;
		}
		long restartAt = finishedMillis + this.nextDelayMillis;
		this.nextDelayMillis = Math.min(this.nextDelayMillis * 2, scaled(MAX));
		this.lastRestartMillis = restartAt;
		return restartAt;
	}

	private long scaled(Duration duration) {
		return (long) (duration.toMillis() * this.scale);
	}

}
