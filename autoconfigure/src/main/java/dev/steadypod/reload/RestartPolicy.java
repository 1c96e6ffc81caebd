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

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What happens when an applied change includes keys that only take effect after a restart
 * ({@code steadypod.reload.on-restart-required}).
 */
class RestartPolicy {

	private static final Log logger = LogFactory.getLog(RestartPolicy.class);

	private final ConfigurableApplicationContext context;

	private final ReloadProperties properties;

	RestartPolicy(ConfigurableApplicationContext context, ReloadProperties properties) {
		this.context = context;
		this.properties = properties;
	}

	/**
	 * Called after a change was applied, outside the pipeline's locks.
	 * @param source where the change came from
	 * @param restartKeys the changed keys that need a restart to take effect
	 * @param contentHash the content hash now active for the source
	 */
	void restartRequired(String source, List<String> restartKeys, String contentHash) {
		if (this.properties.getOnRestartRequired() == ReloadProperties.OnRestartRequired.SHUTDOWN) {
			logger.warn("Changed keys " + restartKeys + " only take effect after a restart: shutting down gracefully"
					+ " (steadypod.reload.on-restart-required=shutdown) so that Kubernetes restarts the pod");
			Thread shutdown = new Thread(() -> SpringApplication.exit(this.context), "steadypod-reload-shutdown");
			shutdown.start();
		}
		else {
			logger.warn("Changed keys " + restartKeys + " only take effect after a restart; the running application"
					+ " keeps their previous values in effect (set steadypod.reload.on-restart-required=shutdown"
					+ " to restart automatically)");
		}
	}

}
