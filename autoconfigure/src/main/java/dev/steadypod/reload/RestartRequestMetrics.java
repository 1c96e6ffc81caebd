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

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * {@code steadypod.config.restart.requests}: applied changes that needed a restart, by
 * configured action and what was done.
 */
final class RestartRequestMetrics implements MeterBinder, RestartListener {

	private volatile @Nullable MeterRegistry registry;

	private final RestartPolicy policy;

	private final AtomicBoolean listening = new AtomicBoolean();

	RestartRequestMetrics(RestartPolicy policy) {
		this.policy = policy;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		if (this.listening.compareAndSet(false, true)) {
			this.policy.addListener(this);
		}
	}

	@Override
	public void onRestartRequest(RestartRequest request) {
		MeterRegistry meters = this.registry;
		if (meters != null) {
			Counter.builder("steadypod.config.restart.requests")
				.description("Applied configuration changes that need a restart, by configured action and by what was"
						+ " done")
				.tags("action", request.action().tag(), "status", request.status().tag())
				.register(meters)
				.increment();
		}
	}

}
