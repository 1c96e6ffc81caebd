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

package dev.steadypod.liveness;

import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Spring Boot publishes {@link LivenessState#CORRECT} only after the context has
 * refreshed, but the management server already answers during the last phase of the
 * refresh; until then {@code livenessState} reads as BROKEN and a probe in that window
 * sees DOWN. Once a web server is up the process is alive, so Steadypod publishes CORRECT
 * then, unless the application already published a liveness state of its own.
 */
public class CorrectLivenessOnWebServerStart implements ApplicationListener<WebServerInitializedEvent> {

	private final ApplicationAvailability availability;

	public CorrectLivenessOnWebServerStart(ApplicationAvailability availability) {
		this.availability = availability;
	}

	@Override
	public void onApplicationEvent(WebServerInitializedEvent event) {
		if (this.availability.getLastChangeEvent(LivenessState.class) == null) {
			AvailabilityChangeEvent.publish(event.getApplicationContext(), LivenessState.CORRECT);
		}
	}

}
