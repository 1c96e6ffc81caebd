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

import java.time.Duration;
import java.util.List;

import dev.steadypod.testsupport.kubelet.Kubelet.Event;
import dev.steadypod.testsupport.kubelet.Kubelet.EventType;

/**
 * What the kubelet emulator's events say about one pod in a window of its run.
 */
final class PodTimeline {

	private final List<Event> events;

	PodTimeline(List<Event> events) {
		this.events = List.copyOf(events);
	}

	int restarts(Duration from, Duration to) {
		return (int) this.events.stream()
			.filter((e) -> e.type() == EventType.RESTARTED && e.at().compareTo(from) >= 0 && e.at().compareTo(to) < 0)
			.count();
	}

	List<String> restartReasons() {
		return this.events.stream()
			.filter((e) -> e.type() == EventType.RESTARTED)
			.map((e) -> e.reason() + "@" + e.at().toSeconds() + "s")
			.toList();
	}

	/** When the pod first turned ready, or null. */
	Duration firstReady() {
		return this.events.stream().filter((e) -> e.type() == EventType.READY).map(Event::at).findFirst().orElse(null);
	}

	/** Whether the pod was ready at the given time. */
	boolean readyAt(Duration at) {
		boolean ready = false;
		for (Event event : this.events) {
			if (event.at().compareTo(at) > 0) {
				break;
			}
			if (event.type() == EventType.READY) {
				ready = true;
			}
			else if (event.type() == EventType.NOT_READY) {
				ready = false;
			}
		}
		return ready;
	}

	/**
	 * How long the pod was not ready (out of the Service's endpoints) within the window.
	 */
	Duration notReady(Duration from, Duration to) {
		long notReady = 0;
		boolean ready = readyAt(from);
		long since = from.toMillis();
		for (Event event : this.events) {
			long at = event.at().toMillis();
			if (at <= from.toMillis() || at >= to.toMillis()) {
				continue;
			}
			if (event.type() == EventType.READY && !ready) {
				notReady += at - since;
				ready = true;
			}
			else if (event.type() == EventType.NOT_READY && ready) {
				since = at;
				ready = false;
			}
		}
		if (!ready) {
			notReady += to.toMillis() - since;
		}
		return Duration.ofMillis(notReady);
	}

	/**
	 * When the pod was last ready again after the given time, if it was not ready then;
	 * null when never.
	 */
	Duration readyAgainAfter(Duration at) {
		Duration last = null;
		boolean ready = readyAt(at);
		for (Event event : this.events) {
			if (event.at().compareTo(at) <= 0) {
				continue;
			}
			if (event.type() == EventType.READY) {
				ready = true;
				last = event.at();
			}
			else if (event.type() == EventType.NOT_READY) {
				ready = false;
			}
		}
		return ready ? ((last != null) ? last : at) : null;
	}

}
