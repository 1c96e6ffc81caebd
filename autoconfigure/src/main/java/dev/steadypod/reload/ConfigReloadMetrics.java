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

/**
 * Micrometer view of the reloads: {@code steadypod.config.reloads} (source, result),
 * {@code steadypod.config.reload.duration}, {@code steadypod.config.last.applied} (epoch
 * seconds) and {@code steadypod.config.info} = 1 tagged with the first 12 hex digits of
 * the active content hash, so that a dashboard can spot pods running stale configuration.
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
			.description("1, tagged with the first 12 hex digits of the active configuration content hash")
			.register(registry);
		for (ReloadResult result : ReloadResult.values()) {
			counter(MountedConfigReader.SOURCE, result);
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
		counter(outcome.source(), outcome.result()).increment();
		Timer.builder("steadypod.config.reload.duration")
			.description("Time to validate and apply (or reject) a configuration change")
			.tags("source", outcome.source(), "result", outcome.result().tag())
			.register(meters)
			.record(outcome.duration());
		updateInfo();
	}

	@Override
	public void onActiveHashChanged(String activeHash) {
		updateInfo();
	}

	private Counter counter(String source, ReloadResult result) {
		return Counter.builder("steadypod.config.reloads")
			.description("Configuration changes seen, by source and result")
			.tags("source", source, "result", result.tag())
			.register(this.registry);
	}

	private void updateInfo() {
		MultiGauge gauge = this.info;
		String hash = this.pipeline.activeHash();
		if (gauge != null && hash != null) {
			gauge.register(
					List.of(MultiGauge.Row.of(Tags.of("hash", hash.substring(0, Math.min(12, hash.length()))), 1)),
					true);
		}
	}

}
