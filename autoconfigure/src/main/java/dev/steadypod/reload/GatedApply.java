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

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

/**
 * Applies a validated change: the property-source swap and the rebind of the properties
 * beans behind the request gate, then, with the gate open again, logging, listeners and
 * the refresh scope. A failure anywhere restores the previous sources and runs the same
 * steps with them.
 */
final class GatedApply {

	private static final Log logger = LogFactory.getLog(GatedApply.class);

	private final RequestGate gate;

	private final BeanApplier applier;

	private final ReloadProperties properties;

	GatedApply(RequestGate gate, BeanApplier applier, ReloadProperties properties) {
		this.gate = gate;
		this.applier = applier;
		this.properties = properties;
	}

	/**
	 * Swaps the sources and rebinds the properties beans behind the request gate, then
	 * (gate open again) tells logging, listeners and the refresh scope. Any failure
	 * restores the previous sources and runs the same steps again with them.
	 */
	Effect apply(MutablePropertySources live, ConfigCandidate candidate, List<String> changedKeys,
			List<CandidateBinder.PropertiesBean> affected) {
		List<PropertySource<?>> before = new ArrayList<>(live.stream().toList());
		List<String> updated = new ArrayList<>();
		RequestGate.Result gated = null;
		long start = System.nanoTime();
		long swapped = 0;
		try {
			gated = this.gate.runExclusively(this.properties.getRequestDrainTimeout(), () -> {
				PropertySourcePatch.apply(live, candidate);
				updated.addAll(this.applier.rebind(affected));
			});
			swapped = System.nanoTime();
			updated.addAll(this.applier.notifyChanged(changedKeys));
			return new Effect(updated, gated.exclusive(), gated.note(), null, Duration.ZERO, gated.drained(),
					Duration.ofNanos(swapped - start).minus(gated.drained()),
					Duration.ofNanos(System.nanoTime() - swapped));
		}
		catch (RuntimeException ex) {
			long failed = System.nanoTime();
			rollback(live, before, changedKeys, affected);
			return new Effect(updated, gated == null || gated.exclusive(), (gated != null) ? gated.note() : "",
					ex.getClass().getSimpleName() + ": " + Problems.maskValues(String.valueOf(ex.getMessage())),
					Duration.ZERO, (gated != null) ? gated.drained() : Duration.ZERO,
					Duration.ofNanos(((swapped != 0) ? swapped : failed) - start)
						.minus((gated != null) ? gated.drained() : Duration.ZERO),
					Duration.ofNanos((swapped != 0) ? failed - swapped : 0));
		}
	}

	private void rollback(MutablePropertySources live, List<PropertySource<?>> before, List<String> changedKeys,
			List<CandidateBinder.PropertiesBean> affected) {
		try {
			this.gate.runExclusively(this.properties.getRequestDrainTimeout(), () -> {
				PropertySourcePatch.restore(live, before);
				this.applier.rebind(affected);
			});
			this.applier.notifyChanged(changedKeys);
		}
		catch (RuntimeException ex) {
			logger.error("Rolling back the configuration change failed", ex);
		}
	}

	/**
	 * What an apply did.
	 *
	 * @param updated what was rebound or re-created
	 * @param requestAtomic whether the swap ran with no request in flight
	 * @param gateNote why not, when it did not
	 * @param failure why it failed (rolled back), or {@code null}
	 * @param validate how long the diff and validation took
	 * @param drain how long the gate waited for in-flight requests
	 * @param swap how long the gated swap and rebind took
	 * @param listeners how long telling listeners took
	 */
	record Effect(List<String> updated, boolean requestAtomic, String gateNote, @Nullable String failure,
			Duration validate, Duration drain, Duration swap, Duration listeners) {

		static final Effect NONE = new Effect(List.of(), true, "", null, Duration.ZERO, Duration.ZERO, Duration.ZERO,
				Duration.ZERO);

		Effect validatedIn(Duration validate) {
			return new Effect(this.updated, this.requestAtomic, this.gateNote, this.failure, validate, this.drain,
					this.swap, this.listeners);
		}

	}

}
