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

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer view of the reloads: {@code steadypod.config.reloads} (source, result),
 * {@code steadypod.config.reload.duration}, {@code steadypod.config.last.applied} (epoch
 * seconds), {@code steadypod.config.reload.retries} and {@code steadypod.config.info} = 1
 * tagged with the fingerprint of the active configuration, so that a dashboard can spot
 * pods running stale configuration (with a shared steadypod.reload.fingerprint-key).
 */
public class ConfigReloadMetrics implements MeterBinder, ConfigReloadPipeline.ReloadListener {

	private final ConfigReloadPipeline pipeline;

	private volatile MeterRegistry registry;

	private volatile MultiGauge info;

	public ConfigReloadMetrics(ConfigReloadPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.registry = registry;
		Gauge
			.builder("steadypod.config.last.applied", this.pipeline,
					(p) -> (p.lastApplied() != null) ? p.lastApplied().toEpochMilli() / 1000.0 : 0)
			.description("When a configuration change was last applied, epoch seconds (0: none since start)")
			.baseUnit("seconds")
			.register(registry);
		this.info = MultiGauge.builder("steadypod.config.info")
			.description("1, tagged with the fingerprint of the active configuration")
			.register(registry);
		for (ReloadResult result : ReloadResult.values()) {
			counter(MountedConfigReader.SOURCE, result, false);
		}
		updateInfo();
		this.pipeline.addListener(this);
	}

	@Override
	public void onOutcome(ReloadOutcome outcome) {
		MeterRegistry meters = this.registry;
		if (meters == null) {
			return;
		}
		counter(outcome.source(), outcome.result(), !outcome.restartRequired().isEmpty()).increment();
		if (outcome.attempt() > 1) {
			Counter.builder("steadypod.config.reload.retries")
				.description("Retries of configuration changes whose apply failed")
				.tags("source", outcome.source(), "result", outcome.result().tag())
				.register(meters)
				.increment();
		}
		Timer.builder("steadypod.config.reload.duration")
			.description("Time to validate and apply (or reject) a configuration change")
			.tags("source", outcome.source(), "result", outcome.result().tag())
			.register(meters)
			.record(outcome.duration());
		updateInfo();
	}

	@Override
	public void onActiveHashChanged(@Nullable String activeHash) {
		updateInfo();
	}

	private Counter counter(String source, ReloadResult result, boolean restartRequired) {
		return Counter.builder("steadypod.config.reloads")
			.description("Configuration changes seen, by source, result and whether keys need a restart")
			.tags("source", source, "result", result.tag(), "restart.required", String.valueOf(restartRequired))
			.register(this.registry);
	}

	private void updateInfo() {
		MultiGauge gauge = this.info;
		String hash = this.pipeline.fingerprint(this.pipeline.activeHash());
		if (gauge != null && hash != null) {
			gauge.register(List.of(MultiGauge.Row.of(Tags.of("hash", hash), 1)), true);
		}
	}

}
