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
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
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

	private final AtomicLong sent = new AtomicLong();

	private final AtomicLong answered = new AtomicLong();

	private volatile DemoProcess process;

	private int starts;

	/** Guards the traffic threads and request pool below. */
	private final Object trafficLock = new Object();

	private final List<Thread> traffic = new ArrayList<>();

	/**
	 * One thread per user request in flight, on blocking sockets: an asynchronous client
	 * with thousands of pending requests cost the benchmark JVM more CPU than the pods.
	 */
	private ExecutorService requests;

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
				ExecutorService pool = Executors.newCachedThreadPool((task) -> {
					Thread thread = new Thread(null, task, this.name + "-request", 256 * 1024);
					thread.setDaemon(true);
					return thread;
				});
				this.requests = pool;
				this.traffic.add(startThread("-users", () -> openLoop(target, pool)));
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
			if (this.requests != null) {
				// A request in flight ends with its answer or its timeout.
				this.requests.shutdown();
				this.requests = null;
			}
		}
	}

	/** Arrivals at the profile's rate, whatever the answers: users do not wait. */
	private void openLoop(DemoProcess target, ExecutorService pool) {
		long readyAt = System.nanoTime();
		long due = readyAt;
		while (!Thread.currentThread().isInterrupted()) {
			long now = System.nanoTime();
			if (due > now) {
				LockSupport.parkNanos(due - now);
				continue;
			}
			try {
				pool.execute(() -> send(target));
			}
			catch (RejectedExecutionException ex) {
				return;
			}
			double rate = this.load.ratePerSecond((due - readyAt) / 1e9);
			due += (long) (1e9 / rate);
		}
	}

	private void closedLoop(DemoProcess target) {
		while (!Thread.currentThread().isInterrupted()) {
			send(target);
		}
	}

	/** One user request; answered when it gets a 200 within the client's timeout. */
	private void send(DemoProcess target) {
		this.sent.incrementAndGet();
		int timeout = this.load.clientTimeoutSeconds() * 1000;
		HttpURLConnection connection = null;
		try {
			URL url = new URL("http://127.0.0.1:" + target.appPort() + "/work?ms=" + this.load.workMillis());
			connection = (HttpURLConnection) url.openConnection();
			connection.setConnectTimeout(timeout);
			connection.setReadTimeout(timeout);
			int status = connection.getResponseCode();
			try (InputStream body = (status < 400) ? connection.getInputStream() : connection.getErrorStream()) {
				if (body != null) {
					body.readAllBytes();
				}
			}
			if (status == 200) {
				this.answered.incrementAndGet();
			}
		}
		catch (IOException ex) {
			if (connection != null) {
				connection.disconnect();
			}
		}
	}

}
