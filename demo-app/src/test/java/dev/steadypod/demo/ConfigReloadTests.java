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

package dev.steadypod.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.env.Environment;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.steadypod.testsupport.KubeletConfigMapVolume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo app with a kubelet-style ConfigMap volume imported through
 * {@code spring.config.import=optional:file:<volume>/}: every change kind reaches
 * {@code /greeting}, bad input is rejected with the old greeting still served.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "management.server.port=0", "steadypod.reload.poll-interval=1s" })
@ExtendWith(OutputCaptureExtension.class)
class ConfigReloadTests {

	private static final Path VOLUME_DIR = createTempDirectory();

	private static final KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(VOLUME_DIR,
			Map.of("application.yaml", greetingYaml("Hello from the ConfigMap")));

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	private Environment environment;

	@Autowired
	private MeterRegistry meterRegistry;

	@Autowired
	private GreetingProperties greetingProperties;

	@DynamicPropertySource
	static void importTheVolume(DynamicPropertyRegistry registry) {
		registry.add("spring.config.import", () -> "optional:file:" + VOLUME_DIR + "/");
	}

	@AfterEach
	void restoreAGoodConfiguration() {
		String good = greetingYaml("Restored");
		volume.update(Map.of("application.yaml", good));
		awaitGreeting("Restored");
	}

	@Test
	void kubeletSwapIsServedAndApplyLatencyIsMeasured() {
		List<Long> millis = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			String message = "Swap " + i;
			long swapped = volume.update(Map.of("application.yaml", greetingYaml(message)));
			awaitGreeting(message);
			millis.add((System.nanoTime() - swapped) / 1_000_000);
		}
		Collections.sort(millis);
		System.out
			.println("Apply latency over 20 back-to-back kubelet-style swaps (swap to new value served on /greeting; "
					+ "a swap within 200ms of the previous change joins the debounce): median "
					+ (millis.get(9) + millis.get(10)) / 2 + " ms, worst " + millis.get(19) + " ms, all " + millis);
	}

	@Test
	void olderKubeletOrderIsServedToo() {
		volume.updateLinksFirst(Map.of("application.yaml", greetingYaml("Links first")));
		awaitGreeting("Links first");
	}

	@Test
	void removingAListElementOrAMapKeyRemovesItFromTheBoundBean() {
		volume.update(Map.of("application.yaml", """
				demo:
				  greeting:
				    message: With collections
				    tags: [a, b, c]
				    labels:
				      team: core
				      tier: gold
				"""));
		awaitGreeting("With collections");
		assertThat(this.greetingProperties.getTags()).containsExactly("a", "b", "c");
		assertThat(this.greetingProperties.getLabels()).containsOnlyKeys("team", "tier");
		volume.update(Map.of("application.yaml", """
				demo:
				  greeting:
				    message: Fewer entries
				    tags: [a, c]
				    labels:
				      team: core
				"""));
		awaitGreeting("Fewer entries");
		assertThat(this.greetingProperties.getTags()).containsExactly("a", "c");
		assertThat(this.greetingProperties.getLabels()).containsOnlyKeys("team");
		volume.update(Map.of("application.yaml", greetingYaml("No collections")));
		awaitGreeting("No collections");
		assertThat(this.greetingProperties.getTags()).isEmpty();
		assertThat(this.greetingProperties.getLabels()).isEmpty();
	}

	@Test
	void malformedYamlIsRejected(CapturedOutput output) {
		assertRejected("demo:\n  greeting:\n    message: [unclosed\n", output, "malformed YAML", "application.yaml");
	}

	@Test
	void textWhereANumberIsExpectedIsRejected(CapturedOutput output) {
		assertRejected(greetingYaml("Not applied") + "    repeat: twice\n", output, "demo.greeting.repeat",
				"application.yaml");
	}

	@Test
	void textWhereADurationIsExpectedIsRejected(CapturedOutput output) {
		assertRejected(greetingYaml("Not applied") + "    cache-ttl: a while\n", output, "demo.greeting.cache-ttl",
				"application.yaml");
	}

	@Test
	void blankMessageViolatesNotBlankAndIsRejected(CapturedOutput output) {
		assertRejected("demo:\n  greeting:\n    message: \"  \"\n", output, "demo.greeting.message",
				"must not be blank");
	}

	@Test
	void emptyFileIsRejected(CapturedOutput output) {
		assertRejected("", output, "is empty", "application.yaml");
	}

	@Test
	void binaryGarbageIsRejected(CapturedOutput output) {
		byte[] garbage = new byte[4096];
		new Random(42).nextBytes(garbage);
		awaitGreeting(currentMessage());
		String before = currentMessage();
		double rejected = rejectedCount();
		volume.updateBytes(Map.of("application.yaml", garbage), false);
		awaitRejection(rejected);
		assertThat(currentMessage()).isEqualTo(before);
		assertThat(output).contains("binary content");
	}

	@Test
	void fiveMegabyteFileIsRejected(CapturedOutput output) {
		String big = greetingYaml("Too big") + "# " + "x".repeat(5 * 1024 * 1024) + "\n";
		assertRejected(big, output, "max-file-size", "application.yaml");
	}

	@Test
	void deletedFileIsRejectedAndTheOldConfigurationKept(CapturedOutput output) {
		String before = currentMessage();
		double rejected = rejectedCount();
		volume.update(Map.of("other.yaml", "unrelated: true\n"));
		awaitRejection(rejected);
		assertThat(currentMessage()).isEqualTo(before);
		assertThat(output).contains("deleted").contains("application.yaml");
	}

	@Test
	void stormOfHundredUpdatesWithinOneSecondIsCoalescedAndEndsOnTheLastWrite() {
		double applied = count("applied");
		long start = System.nanoTime();
		for (int i = 0; i < 100; i++) {
			volume.update(Map.of("application.yaml", greetingYaml("Storm " + i)));
		}
		long stormMillis = (System.nanoTime() - start) / 1_000_000;
		awaitGreeting("Storm 99");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(currentMessage()).isEqualTo("Storm 99"));
		double appliedDuringStorm = count("applied") - applied;
		System.out.println("Storm: 100 updates in " + stormMillis + " ms, " + appliedDuringStorm + " applied");
		assertThat(stormMillis).isLessThan(1000);
		assertThat(appliedDuringStorm).isBetween(1.0, 20.0);
		assertThat(count("failed")).isZero();
	}

	@Test
	void underLoadEveryResponseIsTheOldOrTheNewMessageAndNoneFails() throws Exception {
		volume.update(Map.of("application.yaml", greetingYaml("Load 0")));
		awaitGreeting("Load 0");
		AtomicInteger failures = new AtomicInteger();
		AtomicInteger requests = new AtomicInteger();
		Set<String> unexpected = ConcurrentHashMap.newKeySet();
		// The last version known to be served; version current + 1 may already be on its
		// way.
		AtomicInteger current = new AtomicInteger();
		withClients(16, (client) -> {
			int before = current.get();
			try {
				HttpResponse<String> response = client.send(request(appPort(), "/greeting"),
						HttpResponse.BodyHandlers.ofString());
				int after = current.get();
				requests.incrementAndGet();
				String body = response.body();
				if (response.statusCode() != 200) {
					failures.incrementAndGet();
				}
				else if (!isVersionBetween(body, before, after + 1)) {
					unexpected.add(body);
				}
			}
			catch (Exception ex) {
				failures.incrementAndGet();
			}
		}, () -> {
			for (int i = 1; i <= 20; i++) {
				volume.update(Map.of("application.yaml", greetingYaml("Load " + i)));
				awaitGreeting("Load " + i);
				current.set(i);
			}
		});
		System.out.println("Under load: " + requests.get() + " requests by 16 clients during 20 reloads, "
				+ failures.get() + " failed");
		assertThat(failures.get()).isZero();
		assertThat(unexpected).isEmpty();
		assertThat(requests.get()).isGreaterThan(100);
	}

	@Test
	void requestLatencyWithAReloadPerSecondIsMeasured() throws Exception {
		long[] quiet = latencies(Duration.ofSeconds(4), false);
		long[] reloading = latencies(Duration.ofSeconds(4), true);
		System.out.println("/greeting latency with 16 clients: without reloads p50 " + percentile(quiet, 50)
				+ " us, p99 " + percentile(quiet, 99) + " us; with a reload per second p50 " + percentile(reloading, 50)
				+ " us, p99 " + percentile(reloading, 99) + " us (" + quiet.length + " / " + reloading.length
				+ " requests)");
		assertThat(quiet.length).isGreaterThan(100);
		assertThat(reloading.length).isGreaterThan(100);
	}

	private long[] latencies(Duration duration, boolean reload) throws Exception {
		List<Long> micros = Collections.synchronizedList(new ArrayList<>());
		withClients(16, (client) -> {
			long start = System.nanoTime();
			client.send(request(appPort(), "/greeting"), HttpResponse.BodyHandlers.discarding());
			micros.add((System.nanoTime() - start) / 1000);
		}, () -> {
			long end = System.nanoTime() + duration.toNanos();
			int i = 0;
			while (System.nanoTime() < end) {
				if (reload) {
					volume.update(Map.of("application.yaml", greetingYaml("Per second " + i++)));
				}
				Thread.sleep(Math.min(1000, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
			}
		});
		return micros.stream().mapToLong(Long::longValue).sorted().toArray();
	}

	/**
	 * Runs {@code count} clients, each sending {@code request} again and again, for as
	 * long as {@code driver} runs; a client's exception fails the test.
	 */
	private static void withClients(int count, ClientRequest request, Driver driver) throws Exception {
		AtomicBoolean stop = new AtomicBoolean();
		ExecutorService clients = Executors.newFixedThreadPool(count);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int c = 0; c < count; c++) {
				futures.add(clients.submit(() -> {
					HttpClient client = HttpClient.newHttpClient();
					while (!stop.get()) {
						request.send(client);
					}
					return null;
				}));
			}
			try {
				driver.run();
			}
			finally {
				stop.set(true);
			}
			for (Future<?> future : futures) {
				future.get();
			}
		}
		finally {
			clients.shutdown();
		}
	}

	/** One request of one client. */
	@FunctionalInterface
	private interface ClientRequest {

		void send(HttpClient client) throws Exception;

	}

	/** What happens while the clients run. */
	@FunctionalInterface
	private interface Driver {

		void run() throws Exception;

	}

	private static long percentile(long[] sorted, int percentile) {
		return sorted[Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1)];
	}

	@Test
	void endpointShowsTheKubeletManagedVolumeTheActiveHashAndOutcomes() throws Exception {
		volume.update(Map.of("application.yaml", greetingYaml("Endpoint")));
		awaitGreeting("Endpoint");
		HttpResponse<String> status = this.http.send(request(managementPort(), "/actuator/configreload"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(status.statusCode()).isEqualTo(200);
		assertThat(status.body()).contains("\"mount\":\"kubelet-managed\"")
			.contains("\"activeHash\":\"")
			.contains("\"result\":\"applied\"")
			.contains("demo.greeting.message")
			.doesNotContain("Endpoint\"");
		HttpResponse<String> check = this.http
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort() + "/actuator/configreload"))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		// The write operation is off unless
		// management.endpoint.configreload.access=unrestricted.
		assertThat(check.statusCode()).isBetween(400, 499);
		HttpResponse<String> prometheus = this.http.send(request(managementPort(), "/actuator/prometheus"),
				HttpResponse.BodyHandlers.ofString());
		assertThat(prometheus.body())
			.contains("steadypod_config_reloads_total{restart_required=\"false\",result=\"applied\",source=\"file\"}")
			.contains("steadypod_config_info{hash=\"")
			.contains("steadypod_config_last_applied_seconds")
			.contains("steadypod_config_reload_duration_seconds");
	}

	private void assertRejected(String content, CapturedOutput output, String... logged) {
		String before = currentMessage();
		double rejected = rejectedCount();
		volume.update(Map.of("application.yaml", content));
		awaitRejection(rejected);
		assertThat(currentMessage()).isEqualTo(before);
		await().atMost(Duration.ofSeconds(2)).untilAsserted(() -> {
			assertThat(output).contains("Rejected configuration change from file");
			for (String text : logged) {
				assertThat(output).contains(text);
			}
		});
		assertThat(output).doesNotContain("twice").doesNotContain("a while");
	}

	private void awaitRejection(double before) {
		await().atMost(Duration.ofSeconds(10)).until(() -> rejectedCount() > before);
	}

	private double rejectedCount() {
		return count("rejected");
	}

	private double count(String result) {
		Counter counter = this.meterRegistry.find("steadypod.config.reloads")
			.tags("source", "file", "result", result)
			.counter();
		return (counter != null) ? counter.count() : 0;
	}

	/**
	 * Whether the body is exactly the greeting of one version from {@code lowest} to
	 * {@code highest}.
	 */
	private static boolean isVersionBetween(String body, int lowest, int highest) {
		for (int version = lowest; version <= highest; version++) {
			if (body.equals(greetingBody("Load " + version))) {
				return true;
			}
		}
		return false;
	}

	private void awaitGreeting(String message) {
		await().atMost(Duration.ofSeconds(10))
			.pollInterval(Duration.ofMillis(5))
			.until(() -> message.equals(currentMessage()));
	}

	private String currentMessage() {
		try {
			String body = this.http.send(request(appPort(), "/greeting"), HttpResponse.BodyHandlers.ofString()).body();
			int start = body.indexOf("\"message\":\"") + "\"message\":\"".length();
			return body.substring(start, body.indexOf('"', start));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private static String greetingYaml(String message) {
		return "demo:\n  greeting:\n    message: " + message + "\n    suffix: \"!\"\n";
	}

	private static String greetingBody(String message) {
		return "{\"message\":\"" + message + "\",\"suffix\":\"!\"}";
	}

	private HttpRequest request(int port, String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build();
	}

	private int appPort() {
		return this.environment.getRequiredProperty("local.server.port", Integer.class);
	}

	private int managementPort() {
		return this.environment.getRequiredProperty("local.management.port", Integer.class);
	}

	private static Path createTempDirectory() {
		try {
			return Files.createTempDirectory("steadypod-configmap");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
