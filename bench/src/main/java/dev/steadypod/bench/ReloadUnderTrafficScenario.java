package dev.steadypod.bench;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.steadypod.testsupport.KubeletConfigMapVolume;

/**
 * Scenario 3: what a reload costs the traffic. 32 clients on {@code /greeting} for 30 s without
 * reloads, then 30 s with a kubelet-style swap every second.
 */
final class ReloadUnderTrafficScenario implements Scenario {

	static final int CLIENTS = 32;

	static final Duration DURATION = Duration.ofSeconds(30);

	@Override
	public String id() {
		return "traffic";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		KubeletConfigMapVolume volume = KubeletConfigMapVolume.create(context.work("traffic").resolve("config"),
				Greetings.configMap("blue"));
		try (DemoProcess demo = context.start("traffic", false,
				"--spring.config.import=optional:file:" + volume.directory() + "/")) {
			demo.awaitReady();
			// Warm the JIT and pools the same way for both halves.
			LoadRun.run(demo.appPort(), CLIENTS, Duration.ofSeconds(5), Set.of("blue"));
			LoadRun quiet = LoadRun.run(demo.appPort(), CLIENTS, DURATION, Set.of("blue"));
			AtomicBoolean loading = new AtomicBoolean(true);
			int[] reloads = { 0 };
			Thread reloader = new Thread(() -> {
				while (loading.get()) {
					DemoProcess.pause(1000);
					if (loading.get()) {
						reloads[0]++;
						volume.update(Greetings.configMap((reloads[0] % 2 == 1) ? "green" : "blue"));
					}
				}
			}, "reloader");
			reloader.start();
			LoadRun busy = LoadRun.run(demo.appPort(), CLIENTS, DURATION, Set.of("blue", "green"));
			loading.set(false);
			reloader.join();
			String scenario = "3. Reload cost to traffic (" + CLIENTS + " clients, " + DURATION.toSeconds() + " s each, "
					+ reloads[0] + " reloads)";
			report.add(new Report.Row(scenario, "failed requests with reloads",
					busy.failures.get() + " of " + busy.requests.get(), "without reloads",
					quiet.failures.get() + " of " + quiet.requests.get(), Double.NaN, ""));
			report.add(new Report.Row(scenario, "p50 latency with reloads", Samples.ms(busy.latencies.median()),
					"without reloads", Samples.ms(quiet.latencies.median()),
					busy.latencies.median() / quiet.latencies.median(), "(with / without)"));
			double ratio = busy.latencies.p99() / quiet.latencies.p99();
			report.add(new Report.Row(scenario, "p99 latency with reloads", Samples.ms(busy.latencies.p99()),
					"without reloads", Samples.ms(quiet.latencies.p99()), ratio, "(with / without)"));
			report.goal("zero failed requests during reloads", busy.failures.get() + " failed",
					busy.failures.get() == 0);
			report.goal("p99 with reloads <= 1.5x p99 without", String.format(Locale.ROOT, "%.2fx", ratio),
					ratio <= 1.5);
		}
	}

}
