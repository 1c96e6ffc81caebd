package dev.steadypod.warmup;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Exports the start-up milestones as the gauge {@code steadypod.startup} (Prometheus:
 * {@code steadypod_startup_seconds}) tagged {@code phase}. A phase appears once it is
 * reached, so the fleet's P95 is never dragged down by pods still starting.
 */
public class StartupTimelineMetrics implements MeterBinder {

	private final StartupTimeline timeline;

	public StartupTimelineMetrics(StartupTimeline timeline) {
		this.timeline = timeline;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		this.timeline.subscribe((phase, seconds) -> Gauge.builder("steadypod.startup", () -> seconds)
			.tag("phase", phase)
			.baseUnit("seconds")
			.description("Seconds from JVM start until the application reached the phase")
			.register(registry));
	}

}
