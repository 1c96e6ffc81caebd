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

package dev.steadypod.hpa;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import dev.steadypod.hpa.model.AutoscalerSpec;
import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.replay.HpaSpecs;
import dev.steadypod.hpa.replay.Recommendation;
import dev.steadypod.hpa.replay.ResponseCurves;
import dev.steadypod.hpa.replay.SignalTarget;
import dev.steadypod.hpa.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code recommend} from the command line, good input and bad. */
class RecommendCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path dir;

	@Test
	void theTextNamesTheKneeAndEveryTargetOfTheTracesSignals() throws Exception {
		Path trace = CommandTraces.poolBound(this.dir.resolve("pool.csv"));
		assertThat(run("recommend", "--trace", trace.toString())).as(this.err.toString()).isZero();
		Recommendation expected = recommendation(trace, 1000, 1);
		String text = this.out.toString();
		assertThat(text).contains("trace: pool.csv, 480 samples; capacity from client-side latency")
			.contains("objective: 400 ms (twice the unloaded 200.0 ms)")
			.contains("cpu: a share of a 1000m request (the default); the trace's cpu column read as a share of 1"
					+ " processors (the default)")
			.contains(expected.lines().get(0))
			.contains("no headroom beyond what the objective leaves");
		for (String line : expected.lines().subList(1, expected.lines().size())) {
			assertThat(text).contains("  " + line);
		}
		assertThat(text).contains("tomcat_threads_busy_ratio").contains("http_requests_concurrency");
	}

	@Test
	void theTextListsOnlyTheChosenSignals() throws Exception {
		Path trace = CommandTraces.cpuBound(this.dir.resolve("cpu.csv"));
		assertThat(run("recommend", "--trace", trace.toString(), "--signals", "concurrency,rps")).isZero();
		assertThat(this.out.toString()).contains("http_requests_concurrency")
			.contains("http_requests_per_second")
			.doesNotContain("cpu (Resource)")
			.doesNotContain("http_requests_in_flight");
	}

	@Test
	void theHpaReadsBackAsTheRecommendedTargets() throws Exception {
		Path trace = CommandTraces.poolBound(this.dir.resolve("pool.csv"));
		assertThat(run("recommend", "--trace", trace.toString(), "--output", "hpa", "--signals",
				"cpu,concurrency,thread-pool", "--name", "shop", "--min-replicas", "3", "--max-replicas", "12"))
			.as(this.err.toString())
			.isZero();
		AutoscalerSpec spec = HpaSpecs.read(Files.writeString(this.dir.resolve("hpa.yaml"), this.out.toString()));
		assertThat(spec.minReplicas()).isEqualTo(3);
		assertThat(spec.maxReplicas()).isEqualTo(12);
		assertThat(spec.behavior()).isNull();
		assertThat(spec.metrics()).containsExactlyElementsOf(
				recommendation(trace, 1000, 1).targets(List.of(Signal.CPU, Signal.CONCURRENCY, Signal.THREAD_POOL))
					.stream()
					.map(SignalTarget::metric)
					.toList());
		assertThat(this.out.toString()).startsWith("# trace: pool.csv").contains("\n  name: shop\n");
	}

	@Test
	@SuppressWarnings("unchecked")
	void theValuesReadBackAsTheRecommendedTargets() throws Exception {
		Path trace = CommandTraces.poolBound(this.dir.resolve("pool.csv"));
		Recommendation expected = recommendation(trace, 1000, 1);
		assertThat(run("recommend", "--trace", trace.toString(), "--output", "values", "--signals", "cpu,thread-pool"))
			.as(this.err.toString())
			.isZero();
		Map<String, Map<String, Map<String, Object>>> values = new Yaml().load(this.out.toString());
		Map<String, Map<String, Object>> autoscaling = values.get("autoscaling");
		assertThat(autoscaling.get("cpu")).containsEntry("enabled", true)
			.containsEntry("targetAverageUtilization", (int) expected.target(Signal.CPU).orElseThrow().target());
		assertThat(autoscaling.get("threadPool")).containsEntry("enabled", true)
			.containsEntry("targetUtilization",
					(int) Math.round(100 * expected.target(Signal.THREAD_POOL).orElseThrow().target()));
		assertThat(autoscaling.get("concurrency")).containsEntry("enabled", false);
		assertThat(((Number) autoscaling.get("concurrency").get("target")).doubleValue())
			.isEqualTo(expected.target(Signal.CONCURRENCY).orElseThrow().target());
		AutoscalerSpec spec = HpaSpecs.read(Files.writeString(this.dir.resolve("values.yaml"), this.out.toString()));
		assertThat(spec.metrics()).contains(expected.target(Signal.CPU).orElseThrow().metric());
	}

	@Test
	void theTracesPodLineSetsTheCpuRequestUnlessTheOptionIsGiven() throws Exception {
		Path trace = CommandTraces.cpuBound(this.dir.resolve("cpu.csv"), "machine: 2 processors, 8 GiB",
				"pod: cpu request 500m, no limit");
		assertThat(run("recommend", "--trace", trace.toString(), "--signals", "cpu")).isZero();
		assertThat(this.out.toString())
			.contains("cpu: a share of a 500m request (the trace's '# pod' line); the trace's cpu column read as a"
					+ " share of 2 processors (the trace's '# machine' line)")
			.contains(recommendation(trace, 500, 2).lines().get(1));
		assertThat(run("recommend", "--trace", trace.toString(), "--signals", "cpu", "--cpu-request-millis", "2000"))
			.isZero();
		assertThat(this.out.toString()).contains("a share of a 2000m request (--cpu-request-millis)")
			.contains(recommendation(trace, 2000, 2).lines().get(1));
	}

	@Test
	void badInputIsNamed() throws Exception {
		String cpu = CommandTraces.cpuBound(this.dir.resolve("cpu.csv")).toString();
		assertThat(run("recommend", "--trace", cpu, "--signals", "thread-pool")).isEqualTo(2);
		assertThat(this.err.toString()).contains("no pool_busy and pool_max columns");
		assertThat(run("recommend", "--trace", cpu, "--signals", "cpu,gpu")).isEqualTo(2);
		assertThat(this.err.toString())
			.contains("Invalid value for option '--signals' (NAME): unknown signal 'gpu': use one of cpu");
		assertThat(run("recommend", "--trace", cpu, "--output", "json")).isEqualTo(2);
		assertThat(this.err.toString())
			.contains("Invalid value for option '--output': must be text, values or hpa, was 'json'");
		assertThat(run("recommend", "--trace", cpu, "--output", "hpa", "--min-replicas", "5", "--max-replicas", "3"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("the replica bounds must satisfy 1 <= min <= max, were 5 and 3");
		assertThat(run("recommend", "--trace", cpu, "--output", "hpa", "--name", "Shop_1")).isEqualTo(2);
		assertThat(this.err.toString()).contains("--name 'Shop_1' is not a Kubernetes name");
		assertThat(run("recommend", "--trace", cpu, "--slo-ms", "50")).isEqualTo(2);
		assertThat(this.err.toString()).contains("missed even at the lowest steady load");
		assertThat(run("recommend")).isEqualTo(2);
		assertThat(this.err.toString()).contains("Missing required argument (specify one of these): (--trace=FILE");
	}

	private static Recommendation recommendation(Path trace, int cpuRequestMillis, int processors) throws IOException {
		ResponseCurves curves = ResponseCurves.of(TraceCsv.read(trace));
		return Recommendation.of(curves, curves.defaultSloMs(), cpuRequestMillis, processors);
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return HpaSandbox.run(args, new PrintStream(this.out), new PrintStream(this.err));
	}

}
