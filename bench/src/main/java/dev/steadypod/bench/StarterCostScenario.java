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
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipFile;

/**
 * Scenario 5: what the starter costs an application, against the same application without
 * it. The demo's own classes on four classpaths: without any Steadypod library (Spring
 * MVC and validation only), on {@code steadypod-spring-boot-starter} switched off
 * ({@code steadypod.enabled=false}) and on, and on
 * {@code steadypod-spring-boot-starter-kubernetes} (the demo app jar). Measured: start-up
 * to ready, heap and metaspace after a full GC, RSS, jar size and number of jars, and the
 * throughput of a static page with 24 assets and of {@code /greeting} under 16
 * closed-loop clients.
 */
final class StarterCostScenario implements Scenario {

	static final int START_ROUNDS = 3;

	static final int CLIENTS = 16;

	static final int LOAD_ROUNDS = 2;

	static final Duration SEGMENT = Duration.ofSeconds(10);

	static final Duration WARMUP = Duration.ofSeconds(10);

	static final String GALLERY = "/gallery/index.html";

	/**
	 * The demo opts in to the HTTP self-warm-up, which holds readiness back on purpose
	 * while it calls /greeting; that is the app's chosen warm-up work (its payoff is
	 * scenario 6), not the starter's cost.
	 */
	static final String WITHOUT_SELF_WARMUP = "--steadypod.warmup.http.paths=";

	private static final Pattern ASSET = Pattern.compile("(?:href|src)=\"([^\"]+)\"");

	@Override
	public String id() {
		return "cost";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		List<Variant> variants = List.of(
				new Variant("without the starter", jar("steadypod.bench.without-starter-jar"), false),
				new Variant("starter, steadypod.enabled=false", jar("steadypod.bench.base-starter-jar"), true,
						"--steadypod.enabled=false"),
				new Variant("starter", jar("steadypod.bench.base-starter-jar"), true, WITHOUT_SELF_WARMUP),
				new Variant("Kubernetes starter", context.demoJar(), true, WITHOUT_SELF_WARMUP));
		String loadBefore = loadAverage();
		Map<Variant, Samples> starts = new LinkedHashMap<>();
		variants.forEach((variant) -> starts.put(variant, new Samples()));
		// Start-up time on a shared machine drifts: starts come in rounds, each round in
		// a
		// rotated order, and each variant's median is reported.
		for (int round = 0; round < START_ROUNDS; round++) {
			for (int i = 0; i < variants.size(); i++) {
				Variant variant = variants.get((i + round) % variants.size());
				try (DemoProcess demo = variant.start(context, "cost-start-" + variant.slug() + "-" + round)) {
					starts.get(variant).addNanos(variant.awaitReady(demo).toNanos());
				}
			}
		}
		Map<Variant, Measured> results = new LinkedHashMap<>();
		List<DemoProcess> running = new ArrayList<>();
		try {
			for (Variant variant : variants) {
				DemoProcess demo = variant.start(context, "cost-load-" + variant.slug());
				running.add(demo);
				variant.awaitReady(demo);
				// JIT and pools warm on the same traffic that is measured.
				galleryLoad(demo.appPort(), CLIENTS, WARMUP);
				LoadRun.run(demo.appPort(), CLIENTS, WARMUP, Set.of("Hello from Steadypod"));
				long[] memory = memoryAfterFullGc(demo);
				results.put(variant, new Measured(memory[0], memory[1], rssKiB(demo), Files.size(variant.jar()),
						jarsIn(variant.jar())));
			}
			// Throughput in alternating segments, so that drift in machine load hits
			// every variant alike.
			for (int round = 0; round < LOAD_ROUNDS; round++) {
				for (int i = 0; i < variants.size(); i++) {
					Variant variant = variants.get(i);
					int port = running.get(i).appPort();
					Measured measured = results.get(variant);
					measured.pages.addAndGet(galleryLoad(port, CLIENTS, SEGMENT));
					LoadRun greeting = LoadRun.run(port, CLIENTS, SEGMENT, Set.of("Hello from Steadypod"));
					measured.greetings.addAndGet(greeting.requests.get() - greeting.failures.get());
					measured.failures.addAndGet(greeting.failures.get());
				}
			}
		}
		finally {
			running.forEach(DemoProcess::close);
		}
		String loadAfter = loadAverage();
		double seconds = LOAD_ROUNDS * SEGMENT.toSeconds();
		Path table = context.workRoot().getParent().resolve("starter-cost.md");
		String markdown = table(variants, starts, results, seconds, loadBefore, loadAfter);
		Files.writeString(table, markdown);
		System.out.println(markdown);
		Variant without = variants.get(0);
		Variant starter = variants.get(2);
		String scenario = "5. Starter cost (" + START_ROUNDS + " starts each; " + CLIENTS + " clients, "
				+ (long) seconds + " s per page)";
		double startRatio = starts.get(starter).median() / starts.get(without).median();
		report.add(new Report.Row(scenario, "median start-up to ready, starter",
				Samples.ms(starts.get(starter).median()), "without the starter",
				Samples.ms(starts.get(without).median()), startRatio, "(starter / without)"));
		Measured s = results.get(starter);
		Measured w = results.get(without);
		report.add(new Report.Row(scenario, "heap used after full GC, starter", mib(s.heapKiB), "without the starter",
				mib(w.heapKiB), (double) s.heapKiB / w.heapKiB, "(starter / without)"));
		report.add(new Report.Row(scenario, "static page loads/s, starter",
				String.format(Locale.ROOT, "%.1f", s.pages.get() / seconds), "without the starter",
				String.format(Locale.ROOT, "%.1f", w.pages.get() / seconds), (double) s.pages.get() / w.pages.get(),
				"(starter / without)"));
		report.add(new Report.Row(scenario, "/greeting requests/s, starter",
				String.format(Locale.ROOT, "%.0f", s.greetings.get() / seconds), "without the starter",
				String.format(Locale.ROOT, "%.0f", w.greetings.get() / seconds),
				(double) s.greetings.get() / w.greetings.get(), "(starter / without)"));
		report.goal("no failed /greeting request in the cost runs",
				Long.toString(results.values().stream().mapToLong((m) -> m.failures.get()).sum()),
				results.values().stream().allMatch((m) -> m.failures.get() == 0));
	}

	private static String table(List<Variant> variants, Map<Variant, Samples> starts, Map<Variant, Measured> results,
			double seconds, String loadBefore, String loadAfter) {
		Measured base = results.get(variants.get(0));
		StringBuilder out = new StringBuilder();
		out.append("| ");
		variants.forEach((variant) -> out.append(" | ").append(variant.label()));
		out.append(" |\n|---");
		variants.forEach((variant) -> out.append("|---:"));
		out.append("|\n");
		row(out, "start-up to ready (median of " + START_ROUNDS + ")", variants,
				(v) -> Samples.ms(starts.get(v).median()), (v) -> starts.get(v).median(),
				starts.get(variants.get(0)).median());
		row(out, "heap used after a full GC", variants, (v) -> mib(results.get(v).heapKiB),
				(v) -> results.get(v).heapKiB, base.heapKiB);
		row(out, "metaspace used after a full GC", variants, (v) -> mib(results.get(v).metaspaceKiB),
				(v) -> results.get(v).metaspaceKiB, base.metaspaceKiB);
		row(out, "RSS after the full GC", variants, (v) -> mib(results.get(v).rssKiB), (v) -> results.get(v).rssKiB,
				base.rssKiB);
		row(out, "jar size", variants, (v) -> mib(results.get(v).jarBytes / 1024), (v) -> results.get(v).jarBytes,
				base.jarBytes);
		row(out, "jars in BOOT-INF/lib", variants, (v) -> Integer.toString(results.get(v).jars),
				(v) -> results.get(v).jars, base.jars);
		row(out, "static page + 24 assets, loads/s (" + CLIENTS + " clients)", variants,
				(v) -> String.format(Locale.ROOT, "%.1f", results.get(v).pages.get() / seconds),
				(v) -> results.get(v).pages.get(), base.pages.get());
		row(out, "/greeting requests/s (" + CLIENTS + " clients)", variants,
				(v) -> String.format(Locale.ROOT, "%.0f", results.get(v).greetings.get() / seconds),
				(v) -> results.get(v).greetings.get(), base.greetings.get());
		out.append("\nLoad average (1, 5, 15 min) before: ")
			.append(loadBefore)
			.append("; after: ")
			.append(loadAfter)
			.append(".\n");
		return out.toString();
	}

	private static void row(StringBuilder out, String measure, List<Variant> variants,
			java.util.function.Function<Variant, String> text, java.util.function.ToDoubleFunction<Variant> value,
			double baseline) {
		out.append("| ").append(measure);
		for (int i = 0; i < variants.size(); i++) {
			Variant variant = variants.get(i);
			out.append(" | ").append(text.apply(variant));
			if (i > 0 && baseline > 0) {
				out.append(
						String.format(Locale.ROOT, " (%+.0f%%)", (value.applyAsDouble(variant) / baseline - 1) * 100));
			}
		}
		out.append(" |\n");
	}

	private static Path jar(String property) {
		String value = System.getProperty(property);
		if (value == null || !Files.isRegularFile(Path.of(value))) {
			throw new IllegalStateException("No jar at -D" + property + "=" + value
					+ ": build with ./mvnw -B -Pbench -pl bench -am verify -DskipTests");
		}
		return Path.of(value);
	}

	/** Page loads (the page and every asset it names, all 200) by closed-loop clients. */
	static long galleryLoad(int port, int clients, Duration duration) throws Exception {
		HttpResponse<String> page = Http.get(port, GALLERY, Duration.ofSeconds(10));
		if (page.statusCode() != 200) {
			throw new IllegalStateException(GALLERY + " answered " + page.statusCode());
		}
		List<String> assets = new ArrayList<>();
		Matcher matcher = ASSET.matcher(page.body());
		while (matcher.find()) {
			assets.add("/gallery/" + matcher.group(1));
		}
		AtomicLong loads = new AtomicLong();
		AtomicLong failures = new AtomicLong();
		long deadline = System.nanoTime() + duration.toNanos();
		List<Thread> threads = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			Thread thread = new Thread(() -> {
				while (System.nanoTime() < deadline) {
					boolean ok = Http.status(port, GALLERY, Duration.ofSeconds(10)) == 200;
					for (String asset : assets) {
						ok &= Http.status(port, asset, Duration.ofSeconds(10)) == 200;
					}
					(ok ? loads : failures).incrementAndGet();
				}
			}, "gallery-" + i);
			thread.start();
			threads.add(thread);
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (failures.get() > 0) {
			throw new IllegalStateException(failures.get() + " page loads of " + GALLERY + " failed");
		}
		return loads.get();
	}

	/** Heap and metaspace used (KiB) right after a full GC, from jstat. */
	private static long[] memoryAfterFullGc(DemoProcess demo) throws Exception {
		run("jcmd", Long.toString(demo.pid()), "GC.run");
		String[] lines = run("jstat", "-gc", Long.toString(demo.pid())).trim().split("\n");
		String[] names = lines[0].trim().split("\\s+");
		String[] values = lines[lines.length - 1].trim().split("\\s+");
		Map<String, Double> gc = new LinkedHashMap<>();
		for (int i = 0; i < names.length; i++) {
			gc.put(names[i], Double.parseDouble(values[i]));
		}
		double heap = gc.getOrDefault("S0U", 0.0) + gc.getOrDefault("S1U", 0.0) + gc.getOrDefault("EU", 0.0)
				+ gc.getOrDefault("OU", 0.0);
		return new long[] { Math.round(heap), Math.round(gc.get("MU")) };
	}

	private static long rssKiB(DemoProcess demo) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc", Long.toString(demo.pid()), "status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.replaceAll("[^0-9]", ""));
			}
		}
		throw new IllegalStateException("No VmRSS for pid " + demo.pid());
	}

	private static int jarsIn(Path jar) throws IOException {
		try (ZipFile zip = new ZipFile(jar.toFile())) {
			return (int) zip.stream()
				.filter((entry) -> entry.getName().startsWith("BOOT-INF/lib/") && entry.getName().endsWith(".jar"))
				.count();
		}
	}

	private static String run(String tool, String... args) throws Exception {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", tool).toString());
		command.addAll(List.of(args));
		Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
			throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
		}
		return output;
	}

	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
			return parts[0] + ", " + parts[1] + ", " + parts[2];
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	private static String mib(long kib) {
		return String.format(Locale.ROOT, "%.1f MiB", kib / 1024.0);
	}

	/** One jar and its Spring arguments. */
	record Variant(String label, Path jar, boolean actuator, String... args) {

		String slug() {
			return this.label.replaceAll("[^A-Za-z]+", "-").toLowerCase(Locale.ROOT);
		}

		DemoProcess start(BenchContext context, String name) {
			return DemoProcess.start(this.jar, context.work(name), context.logDir(), name, false,
					withBaseArgs(this.args));
		}

		/**
		 * Until the readiness probe is UP; without the starter (no actuator, no probe),
		 * until {@code /greeting} first answers 200.
		 */
		Duration awaitReady(DemoProcess demo) {
			return this.actuator ? demo.awaitReady() : demo.awaitStatus(demo.appPort(), "/greeting", 200);
		}

		private static List<String> withBaseArgs(String... args) {
			List<String> all = new ArrayList<>(BenchContext.BASE_ARGS);
			all.addAll(List.of(args));
			return all;
		}

	}

	/** What one variant measured; throughput counters add up over the segments. */
	static final class Measured {

		final long heapKiB;

		final long metaspaceKiB;

		final long rssKiB;

		final long jarBytes;

		final int jars;

		final AtomicLong pages = new AtomicLong();

		final AtomicLong greetings = new AtomicLong();

		final AtomicLong failures = new AtomicLong();

		Measured(long heapKiB, long metaspaceKiB, long rssKiB, long jarBytes, int jars) {
			this.heapKiB = heapKiB;
			this.metaspaceKiB = metaspaceKiB;
			this.rssKiB = rssKiB;
			this.jarBytes = jarBytes;
			this.jars = jars;
		}

	}

}
