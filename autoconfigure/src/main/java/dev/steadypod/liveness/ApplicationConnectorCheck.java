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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalInt;

import dev.steadypod.core.SteadypodEnvironment;

import org.springframework.core.env.Environment;

/**
 * With probes on a separate management port, the probe stays green while the application
 * port is dead. This check closes that hole with a TCP connect to the application port
 * over loopback. A connect succeeds while the worker pool is merely saturated (the
 * connector still accepts), so load alone never fails it.
 */
class ApplicationConnectorCheck implements LivenessCheck {

	private final Environment environment;

	private final Duration timeout;

	ApplicationConnectorCheck(Environment environment, Duration timeout) {
		this.environment = environment;
		this.timeout = timeout;
	}

	@Override
	public String name() {
		return "applicationConnector";
	}

	@Override
	public Result check() {
		OptionalInt applicationPort = SteadypodEnvironment.applicationPort(this.environment);
		if (applicationPort.isEmpty()) {
			return Result.healthy(Map.of("port", "not started yet"));
		}
		int port = applicationPort.getAsInt();
		InetSocketAddress address = new InetSocketAddress(host(), port);
		try (Socket socket = new Socket()) {
			socket.connect(address, (int) this.timeout.toMillis());
			return Result.healthy(Map.of("port", port));
		}
		catch (IOException ex) {
			return Result.failed("application port " + port + " does not accept connections", Map.of("port", port,
					"address", address.toString(), "error", ex.getClass().getSimpleName() + ": " + ex.getMessage()));
		}
	}

	private InetAddress host() {
		// The server may be bound to one interface only; otherwise loopback reaches it.
		InetAddress bound = this.environment.getProperty("server.address", InetAddress.class);
		return (bound != null && !bound.isAnyLocalAddress()) ? bound : InetAddress.getLoopbackAddress();
	}

}
