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

import dev.steadypod.hpa.record.TraceCsv;
import dev.steadypod.hpa.replay.Recommendation;
import dev.steadypod.hpa.replay.ResponseCurves;
import dev.steadypod.hpa.signal.Signal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code compare} over several traces, from the command line. */
class CompareCommandTests {

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@TempDir
	Path dir;

	/**
	 * The chart's values on in-flight requests alone, a signal every trace has, so that
	 * the chart's variant is replayed on each.
	 */
	private Path values() throws IOException {
		return ChartValues.withOnly("inFlight", this.dir.resolve("values.yaml"));
	}

	@Test
	void overTwoTracesTheTableHasEachTracesRowsAndEachTraceAChartPerLoad() throws Exception {
		Path cpu = CommandTraces.cpuBound(this.dir.resolve("cpu.csv"), "machine: 2 processors",
				"pod: cpu request 500m, limit none");
		Path pool = CommandTraces.poolBound(this.dir.resolve("pool.csv"));
		Path target = this.dir.resolve("out");
		assertThat(run("compare", "--trace", cpu.toString(), "--trace", pool.toString(), "--values",
				values().toString(), "--signals", "cpu=80", "--signals", "thread-pool=0.8", "--behavior", "chart",
				"--seeds", "1", "--out", target.toString()))
			.as(this.err.toString())
			.isZero();
		String comparison = Files.readString(target.resolve("comparison.md"));
		assertThat(comparison).contains("- `cpu.csv`: 480 samples. One pod takes")
			.contains("CPU request 500m (the trace's '# pod' line); the cpu column a share of 2 processors (the"
					+ " trace's '# machine' line).")
			.contains("- `pool.csv`: 480 samples. One pod takes")
			.contains("judged by client-side latency")
			.contains("CPU request 1000m (the default); the cpu column a share of 1 processors (the default).")
			.contains("1 seed per row");
		for (String load : List.of("staged", "spike", "daily")) {
			assertThat(comparison)
				.containsPattern("\\| cpu \\| " + load + " \\| chart default \\([^)]+\\), chart behavior \\|")
				.contains("| cpu | " + load + " | CPU 80 %, chart behavior |")
				.doesNotContain("| cpu | " + load + " | thread pool 80 %")
				.containsPattern("\\| pool \\| " + load + " \\| chart default \\([^)]+\\), chart behavior \\|")
				.contains("| pool | " + load + " | CPU 80 %, chart behavior |")
				.contains("| pool | " + load + " | thread pool 80 %, chart behavior |")
				.doesNotContain("default behavior |");
			for (String trace : List.of("cpu", "pool")) {
				String svg = Files.readString(target.resolve(trace + "-" + load + ".svg"));
				assertThat(svg).startsWith("<svg").contains("<polyline").contains("CPU 80 %, chart behavior");
			}
		}
		assertThat(comparison).contains("  - left out thread pool 80 %, chart behavior on cpu:");
		assertThat(this.err.toString()).contains("left out thread pool 80 %, chart behavior on cpu:")
			.contains("no pool_busy and pool_max columns")
			.contains("1 of 15 rows: cpu, staged load, chart default (")
			.contains("15 of 15 rows: pool, daily load, thread pool 80 %, chart behavior: right-sized");
	}

	@Test
	void theChartsDefaultIsReplayedOnTheTraceWithThePoolColumnsAndLeftOutOnTheOneWithout() throws Exception {
		Path cpu = CommandTraces.cpuBound(this.dir.resolve("cpu.csv"));
		Path pool = CommandTraces.poolBound(this.dir.resolve("pool.csv"));
		Path target = this.dir.resolve("out");
		assertThat(run("compare", "--trace", cpu.toString(), "--trace", pool.toString(), "--values",
				ChartValues.FILE.toString(), "--signals", "cpu=80", "--behavior", "chart", "--seeds", "1", "--out",
				target.toString()))
			.as(this.err.toString())
			.isZero();
		String comparison = Files.readString(target.resolve("comparison.md"));
		for (String load : List.of("staged", "spike", "daily")) {
			assertThat(comparison)
				.containsPattern("\\| pool \\| " + load + " \\| chart default \\([^)]+\\), chart behavior \\|")
				.doesNotContainPattern("\\| cpu \\| " + load + " \\| chart default");
		}
		assertThat(comparison).containsPattern("  - left out chart default \\([^)]+\\), chart behavior on cpu: the HPA"
				+ " scales on tomcat_threads_busy_ratio [^\\n]* no pool_busy and pool_max columns");
	}

	@Test
	void aKneeTargetIsEachTracesOwn() throws Exception {
		Path cpu = CommandTraces.cpuBound(this.dir.resolve("cpu.csv"));
		Path pool = CommandTraces.poolBound(this.dir.resolve("pool.csv"));
		Path target = this.dir.resolve("out");
		assertThat(run("compare", "--trace", cpu.toString(), "--trace", pool.toString(), "--values",
				values().toString(), "--signals", "concurrency=knee", "--signals", "cpu=80+concurrency=knee", "--seeds",
				"1", "--chart", "concurrency=knee", "--against", "chart default", "--out", target.toString()))
			.as(this.err.toString())
			.isZero();
		String onCpu = knee(cpu);
		String onPool = knee(pool);
		assertThat(onCpu).isNotEqualTo(onPool);
		String comparison = Files.readString(target.resolve("comparison.md"));
		assertThat(comparison).contains("| cpu | spike | " + onCpu + ", chart behavior |")
			.contains("| cpu | spike | " + onCpu + ", default behavior |")
			.contains("| cpu | spike | CPU 80 % + " + onCpu + ", chart behavior |")
			.contains("| pool | spike | " + onPool + ", default behavior |")
			.contains("| pool | spike | CPU 80 % + " + onPool + ", default behavior |")
			.doesNotContain("| cpu | spike | " + onPool)
			.doesNotContain("| pool | spike | " + onCpu);
		assertThat(Files.readString(target.resolve("cpu-spike.svg"))).contains(onCpu + ", chart behavior")
			.doesNotContain(onPool);
		assertThat(Files.readString(target.resolve("pool-spike.svg"))).contains(onPool + ", chart behavior");
	}

	@Test
	void aSpecThatDoesNotParseAChartVariantNoTraceHasAndTwoTracesOfOneNameAreNamed() throws Exception {
		Path cpu = CommandTraces.cpuBound(this.dir.resolve("cpu.csv"));
		String out = this.dir.resolve("out").toString();
		assertThat(run("compare", "--trace", cpu.toString(), "--values", values().toString(), "--out", out, "--signals",
				"concurrency=soon"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("Invalid value for option '--signals' (SPEC): the target in"
				+ " 'concurrency=soon' is neither a number nor knee");
		assertThat(run("compare", "--trace", cpu.toString(), "--values", values().toString(), "--out", out, "--signals",
				"gpu=80"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("unknown signal 'gpu': use one of cpu, in-flight, concurrency");
		assertThat(run("compare", "--trace", cpu.toString(), "--values", values().toString(), "--out", out, "--signals",
				"cpu=80", "--signals", "cpu=80%"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("--signals cpu=80 and cpu=80% are the same HPA");
		Files.createDirectories(this.dir.resolve("b"));
		Path again = CommandTraces.cpuBound(this.dir.resolve("b").resolve("cpu.csv"));
		assertThat(run("compare", "--trace", cpu.toString(), "--trace", again.toString(), "--values",
				values().toString(), "--out", out))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("two traces are named cpu");
		assertThat(run("compare", "--trace", cpu.toString(), "--values", values().toString(), "--out", out, "--signals",
				"cpu=80", "--against", "concurrency=knee", "--seeds", "1"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains(
				"error: no charts for cpu: --against 'concurrency=knee' names none of its variants, which are chart"
						+ " default (");
		assertThat(Path.of(out)).doesNotExist();
	}

	/** The label of the trace's concurrency knee variant, from its own curves. */
	private static String knee(Path trace) throws IOException {
		ResponseCurves curves = ResponseCurves.of(TraceCsv.read(trace));
		Recommendation recommendation = Recommendation.of(curves, curves.defaultSloMs(), 1000, 1);
		return recommendation.target(Signal.CONCURRENCY).orElseThrow().label() + " (knee)";
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return HpaSandbox.run(args, new PrintStream(this.out), new PrintStream(this.err));
	}

}
