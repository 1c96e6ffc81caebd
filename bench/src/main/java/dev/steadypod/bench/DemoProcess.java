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

package dev.steadypod.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The demo app jar running as a separate JVM, as a pod would run it, on free loopback
 * ports.
 */
final class DemoProcess implements AutoCloseable {

	private static final Duration START_TIMEOUT = Duration.ofSeconds(120);

	private final Process process;

	private final long launchedNanos;

	private final int appPort;

	private final int managementPort;

	private final Path log;

	private DemoProcess(Process process, long launchedNanos, int appPort, int managementPort, Path log) {
		this.process = process;
		this.launchedNanos = launchedNanos;
		this.appPort = appPort;
		this.managementPort = managementPort;
		this.log = log;
	}

	/**
	 * Starts the jar with the given Spring arguments (e.g.
	 * {@code --steadypod.enabled=false}). The management server gets its own port unless
	 * {@code sharedPort} asks for probes on the application port.
	 */
	static DemoProcess start(Path jar, Path workDir, Path logDir, String name, boolean sharedPort,
			List<String> springArgs) {
		try {
			Files.createDirectories(workDir);
			Files.createDirectories(logDir);
			int appPort = freePort();
			int managementPort = sharedPort ? appPort : freePort();
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.add("-Xmx512m");
			command.add("-XX:TieredStopAtLevel=4");
			command.add("-jar");
			command.add(jar.toAbsolutePath().toString());
			command.add("--server.port=" + appPort);
			command.add("--management.server.port=" + managementPort);
			command.addAll(springArgs);
			Path log = logDir.resolve(name + ".log");
			ProcessBuilder builder = new ProcessBuilder(command).directory(workDir.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile());
			long launched = System.nanoTime();
			Process process = builder.start();
			return new DemoProcess(process, launched, appPort, managementPort, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	int appPort() {
		return this.appPort;
	}

	int managementPort() {
		return this.managementPort;
	}

	long pid() {
		return this.process.pid();
	}

	/** Waits until the readiness group answers 200 and returns the time since launch. */
	Duration awaitReady() {
		return awaitStatus(this.managementPort, "/actuator/health/readiness", 200);
	}

	/**
	 * Waits until the management port answers anything (the process is serving probes).
	 */
	Duration awaitManagementPort() {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			checkAlive();
			if (Http.status(this.managementPort, "/actuator/health/liveness", Duration.ofSeconds(2)) > 0) {
				return Duration.ofNanos(System.nanoTime() - this.launchedNanos);
			}
			pause(5);
		}
		throw new IllegalStateException("Management port did not answer within " + START_TIMEOUT + "; see " + this.log);
	}

	Duration awaitStatus(int port, String path, int status) {
		long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			checkAlive();
			if (Http.status(port, path, Duration.ofSeconds(2)) == status) {
				return Duration.ofNanos(System.nanoTime() - this.launchedNanos);
			}
			pause(5);
		}
		throw new IllegalStateException(
				path + " did not answer " + status + " within " + START_TIMEOUT + "; see " + this.log);
	}

	long launchedNanos() {
		return this.launchedNanos;
	}

	/** CPU time (user + system) the JVM has used so far. */
	Duration cpuTime() {
		return this.process.info()
			.totalCpuDuration()
			.orElseThrow(() -> new IllegalStateException("This platform does not report process CPU time"));
	}

	private void checkAlive() {
		if (!this.process.isAlive()) {
			throw new IllegalStateException("Demo app exited with " + this.process.exitValue() + "; see " + this.log);
		}
	}

	@Override
	public void close() {
		this.process.destroy();
		try {
			if (!this.process.waitFor(30, TimeUnit.SECONDS)) {
				this.process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
			}
		}
		catch (InterruptedException ex) {
			this.process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

	static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
