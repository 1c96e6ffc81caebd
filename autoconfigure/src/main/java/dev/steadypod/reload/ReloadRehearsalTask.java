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
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

import dev.steadypod.warmup.WarmupTask;

/**
 * Rehearses every reload route's current configuration once, so that the first real
 * change runs on warm code with the configuration metadata loaded: a warm-up task before
 * readiness opens (which also re-applies the running configuration, see
 * {@link ConfigReloadPipeline#rehearse(ConfigCandidate)}), or, when no warm-up runs, in
 * the background as soon as the application is ready (nothing applied).
 */
final class ReloadRehearsalTask implements WarmupTask, ApplicationListener<ApplicationReadyEvent> {

	private static final Log logger = LogFactory.getLog(ReloadRehearsalTask.class);

	private final ObjectProvider<ConfigReloadCheck> routes;

	private final AtomicBoolean started = new AtomicBoolean();

	ReloadRehearsalTask(ObjectProvider<ConfigReloadCheck> routes) {
		this.routes = routes;
	}

	@Override
	public void run() {
		if (this.started.compareAndSet(false, true)) {
			rehearse();
		}
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		if (this.started.compareAndSet(false, true)) {
			Thread thread = new Thread(this::rehearseQuietly, "steadypod-config-rehearsal");
			thread.setDaemon(true);
			thread.start();
		}
	}

	private void rehearseQuietly() {
		try {
			rehearse();
		}
		catch (RuntimeException ex) {
			logger.debug("Rehearsing the configuration reload failed", ex);
		}
	}

	private void rehearse() {
		List<ConfigReloadCheck> all = this.routes.orderedStream().toList();
		for (ConfigReloadCheck route : all) {
			ReloadRehearsal rehearsal = route.rehearse();
			if (rehearsal != null) {
				Duration reapplied = rehearsal.reapplied();
				logger.info("Rehearsed configuration reload from " + rehearsal.source() + ": " + rehearsal.keys()
						+ " keys, " + rehearsal.beans() + " properties beans bound in "
						+ rehearsal.duration().toMillis() + " ms, "
						+ ((reapplied != null)
								? "re-applied unchanged before readiness in " + reapplied.toMillis() + " ms"
								: "nothing applied"));
			}
		}
	}

}
