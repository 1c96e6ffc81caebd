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

package dev.steadypod.reload;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The last outcomes, newest first, and the listeners told about each one. Bounded in
 * count and in bytes, so that a change of thousands of keys cannot grow the endpoint's
 * answer without limit.
 */
final class ReloadHistory {

	private static final Log logger = LogFactory.getLog(ReloadHistory.class);

	private static final int SIZE = 20;

	/** Budget of the whole history, roughly as the endpoint's JSON. */
	static final int BYTES = 64 * 1024;

	/** Guarded by itself; held only to add or copy, never while listeners run. */
	private final Deque<ReloadOutcome> outcomes = new ArrayDeque<>();

	private final List<ConfigReloadPipeline.ReloadListener> listeners = new CopyOnWriteArrayList<>();

	void addListener(ConfigReloadPipeline.ReloadListener listener) {
		this.listeners.add(listener);
	}

	List<ConfigReloadPipeline.ReloadListener> listeners() {
		return this.listeners;
	}

	void add(ReloadOutcome outcome) {
		synchronized (this.outcomes) {
			this.outcomes.addFirst(bounded(outcome));
			long bytes = this.outcomes.stream().mapToLong(ReloadHistory::bytes).sum();
			while (this.outcomes.size() > SIZE || (this.outcomes.size() > 1 && bytes > BYTES)) {
				bytes -= bytes(this.outcomes.removeLast());
			}
		}
		for (ConfigReloadPipeline.ReloadListener listener : this.listeners) {
			try {
				listener.onOutcome(outcome);
			}
			catch (RuntimeException ex) {
				logger.warn("Reload listener failed", ex);
			}
		}
	}

	List<ReloadOutcome> recent() {
		synchronized (this.outcomes) {
			return List.copyOf(this.outcomes);
		}
	}

	/**
	 * The outcome as kept: a change of thousands of keys keeps the first keys that fit in
	 * half the budget and says how many more there were.
	 */
	private static ReloadOutcome bounded(ReloadOutcome outcome) {
		if (bytes(outcome) <= BYTES) {
			return outcome;
		}
		String reason = (outcome.reason().length() > BYTES / 8) ? outcome.reason().substring(0, BYTES / 8) + "..."
				: outcome.reason();
		return new ReloadOutcome(outcome.time(), outcome.source(), outcome.result(),
				truncated(outcome.changedKeys(), BYTES / 4), reason, outcome.hash(), outcome.duration(),
				truncated(outcome.updated(), BYTES / 16), truncated(outcome.restartRequired(), BYTES / 16),
				truncated(outcome.unknownKeys(), BYTES / 16), outcome.requestAtomic(), outcome.attempt(),
				outcome.timings());
	}

	private static List<String> truncated(List<String> keys, int budget) {
		List<String> kept = new ArrayList<>();
		long bytes = 0;
		for (String key : keys) {
			if (bytes + key.length() + 3 > budget) {
				kept.add("... and " + (keys.size() - kept.size()) + " more");
				return kept;
			}
			kept.add(key);
			bytes += key.length() + 3;
		}
		return kept;
	}

	/** Roughly the bytes an outcome takes in the endpoint's JSON. */
	static long bytes(ReloadOutcome outcome) {
		long bytes = 256 + outcome.reason().length();
		for (List<String> keys : List.of(outcome.changedKeys(), outcome.updated(), outcome.restartRequired(),
				outcome.unknownKeys())) {
			for (String key : keys) {
				bytes += key.length() + 3;
			}
		}
		return bytes;
	}

}
