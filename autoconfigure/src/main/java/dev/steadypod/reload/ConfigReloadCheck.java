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

import org.jspecify.annotations.Nullable;

/**
 * A reload route that can be asked to look for changes right now (the
 * {@code configreload} endpoint's write operation) and that reports what it watches.
 */
public interface ConfigReloadCheck {

	/**
	 * Looks for a change now and submits it.
	 * @return the outcome, or {@code null} when nothing changed since the last check
	 */
	ReloadOutcome checkNow();

	/**
	 * Reads what this route would submit now and rehearses it in the pipeline, which
	 * applies no change (see {@link ConfigReloadPipeline#rehearse(ConfigCandidate)}).
	 * @return what the rehearsal found, or {@code null} when there is nothing to rehearse
	 * (nothing readable yet)
	 */
	default @Nullable ReloadRehearsal rehearse() {
		return null;
	}

	/**
	 * Looks for a change now in each source this route reads (the Kubernetes API route
	 * submits its ConfigMaps and its Secrets separately) and submits them.
	 * @return one outcome per source that changed; empty when nothing changed
	 */
	default List<ReloadOutcome> checkNowPerSource() {
		ReloadOutcome outcome = checkNow();
		return (outcome != null) ? List.of(outcome) : List.of();
	}

	/** What this route watches, for the endpoint. */
	default List<WatchedLocationStatus> watchedPaths() {
		return List.of();
	}

}
