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
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import dev.steadypod.testsupport.kubelet.Container;
import dev.steadypod.testsupport.kubelet.ProbeSpec;

/**
 * A demo JVM as the kubelet emulator's container (each start is a new process), with user
 * traffic while the pod is ready, as a Service would send it.
 */
final class DemoPod implements Container {

	private final BenchContext context;

	private final String name;

	private final ProbeSetup setup;

	private final LoadProfile load;

	private final List<String> podArgs;

	/** The kubelet's own client: probes do not share connections with users. */
	private final HttpClient probes = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	private final HttpClient users = HttpClient.newBuilder()
		.version(HttpClient.Version.HTTP_1_1)
		.connectTimeout(Duration.ofSeconds(LoadProfile.CLIENT_TIMEOUT_SECONDS))
		.build();

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong answered = new AtomicLong();

	private volatile DemoProcess process;

	private int starts;

	/** Guards the traffic threads below. */
	private final Object trafficLock = new Object();

	private final List<Thread> traffic = new ArrayList<>();

	DemoPod(BenchContext context, String name, ProbeSetup setup, LoadProfile load, List<String> podArgs) {
		this.context = context;
		this.name = name;
		this.setup = setup;
		this.load = load;
		this.podArgs = List.copyOf(podArgs);
	}

	@Override
	public void start() {
		List<String> args = new ArrayList<>(this.setup.args());
		args.addAll(this.podArgs);
		args.add("--server.tomcat.threads.max=" + this.load.tomcatThreads());
		this.starts++;
		this.process = this.context.start(this.name + "-" + this.starts, this.setup.sharedPort(),
				args.toArray(String[]::new));
	}

	@Override
	public void kill() {
		stopTraffic();
		DemoProcess current = this.process;
		this.process = null;
		if (current != null) {
			current.close();
		}
	}

	@Override
	public boolean probe(ProbeSpec probe, Duration timeout) {
		DemoProcess current = this.process;
		if (current == null) {
			return false;
		}
		int port = probe.managementPort() ? current.managementPort() : current.appPort();
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + probe.path()))
			.timeout(timeout)
			.GET()
			.build();
		try {
			int status = this.probes.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			return status >= 200 && status < 400;
		}
		catch (IOException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	@Override
	public void readinessChanged(boolean ready) {
		if (!ready) {
			stopTraffic();
			return;
		}
		DemoProcess target = this.process;
		if (target == null) {
			return;
		}
		synchronized (this.trafficLock) {
			if (this.load.closedLoopClients() > 0) {
				for (int i = 0; i < this.load.closedLoopClients(); i++) {
					this.traffic.add(startThread("-user-" + i, () -> closedLoop(target)));
				}
			}
			else if (this.load.base() > 0) {
				this.traffic.add(startThread("-users", () -> openLoop(target)));
			}
		}
	}

	/** Requests sent and answered with 200 within the client's timeout. */
	long[] requests() {
		return new long[] { this.sent.get(), this.answered.get() };
	}

	private Thread startThread(String suffix, Runnable body) {
		Thread thread = new Thread(body, this.name + suffix);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

	private void stopTraffic() {
		synchronized (this.trafficLock) {
			this.traffic.forEach(Thread::interrupt);
			this.traffic.clear();
		}
	}

	/**
	 * Arrivals at the profile's rate, whatever the answers: users do not wait for each
	 * other.
	 */
	private void openLoop(DemoProcess target) {
		long readyAt = System.nanoTime();
		long due = readyAt;
		while (!Thread.currentThread().isInterrupted()) {
			long now = System.nanoTime();
			if (due > now) {
				LockSupport.parkNanos(due - now);
				continue;
			}
			this.sent.incrementAndGet();
			this.users.sendAsync(work(target), HttpResponse.BodyHandlers.discarding()).whenComplete((response, ex) -> {
				if (response != null && response.statusCode() == 200) {
					this.answered.incrementAndGet();
				}
			});
			double rate = this.load.ratePerSecond((due - readyAt) / 1e9);
			due += (long) (1e9 / rate);
		}
	}

	private void closedLoop(DemoProcess target) {
		while (!Thread.currentThread().isInterrupted()) {
			this.sent.incrementAndGet();
			try {
				if (this.users.send(work(target), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
					this.answered.incrementAndGet();
				}
			}
			catch (IOException ex) {
				// Counted as not answered.
			}
			catch (InterruptedException ex) {
				return;
			}
		}
	}

	private HttpRequest work(DemoProcess target) {
		Duration timeout = (this.load.closedLoopClients() > 0) ? Duration.ofSeconds(30)
				: Duration.ofSeconds(LoadProfile.CLIENT_TIMEOUT_SECONDS);
		return HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + target.appPort() + "/work?ms=" + this.load.workMillis()))
			.timeout(timeout)
			.GET()
			.build();
	}

}
