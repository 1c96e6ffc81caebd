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

package dev.steadypod.core;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.env.Environment;

/**
 * The one warning about probes served on the application port, shared by the start-up log
 * and {@code /actuator/warmup}. For Steadypod's own use; not an API.
 */
public final class ProbesOnApplicationPort {

	/** The warning. */
	public static final String WARNING = "Liveness and readiness probes are served on the application port: under "
			+ "load they wait for the same request threads as user traffic, time out, and the kubelet restarts a pod "
			+ "that is only busy. Serve them on their own port by setting management.server.port (e.g. 8081) and "
			+ "point the probes at it.";

	private ProbesOnApplicationPort() {
	}

	/**
	 * Whether the management endpoints, and so the probes, share the application port.
	 * @param environment the environment
	 * @return whether they share it
	 */
	public static boolean applies(Environment environment) {
		return ManagementPortType.get(environment) == ManagementPortType.SAME;
	}

}
