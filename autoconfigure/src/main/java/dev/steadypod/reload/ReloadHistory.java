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
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * The last outcomes, newest first, and the listeners told about each one.
 */
final class ReloadHistory {

	private static final Log logger = LogFactory.getLog(ReloadHistory.class);

	private static final int SIZE = 20;

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
			this.outcomes.addFirst(outcome);
			while (this.outcomes.size() > SIZE) {
				this.outcomes.removeLast();
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

}
