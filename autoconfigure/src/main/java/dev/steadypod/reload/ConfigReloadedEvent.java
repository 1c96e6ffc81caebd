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

import java.util.List;

import org.springframework.context.ApplicationEvent;

/**
 * Published after a configuration change has been validated and applied, once requests
 * see the new configuration. Says what took effect and what needs a restart.
 */
public class ConfigReloadedEvent extends ApplicationEvent {

	private final String reloadSource;

	private final List<String> changedKeys;

	private final String hash;

	private final List<String> updated;

	private final List<String> restartRequired;

	public ConfigReloadedEvent(Object publisher, String reloadSource, List<String> changedKeys, String hash) {
		this(publisher, reloadSource, changedKeys, hash, List.of(), List.of());
	}

	public ConfigReloadedEvent(Object publisher, String reloadSource, List<String> changedKeys, String hash,
			List<String> updated, List<String> restartRequired) {
		super(publisher);
		this.reloadSource = reloadSource;
		this.changedKeys = List.copyOf(changedKeys);
		this.hash = hash;
		this.updated = List.copyOf(updated);
		this.restartRequired = List.copyOf(restartRequired);
	}

	/**
	 * Where the change came from: {@code file}, {@code secret} (a mounted Secret),
	 * {@code kubernetes} or {@code kubernetes-secret} (through the API).
	 */
	public String getReloadSource() {
		return this.reloadSource;
	}

	/** The property names whose effective value changed. */
	public List<String> getChangedKeys() {
		return this.changedKeys;
	}

	/**
	 * The keyed fingerprint of the applied configuration of that source, as
	 * {@code /actuator/configreload} shows it: listeners may log it, so it is never the
	 * plain content hash, which could be brute-forced into a low-entropy Secret value.
	 */
	public String getHash() {
		return this.hash;
	}

	/** What was rebound or re-created: bean names, "logging levels". */
	public List<String> getUpdated() {
		return this.updated;
	}

	/** The changed keys that take effect only after a restart. */
	public List<String> getRestartRequired() {
		return this.restartRequired;
	}

}
