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

package dev.steadypod.hpa.record;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.within;

/** Load profiles, the Prometheus text format and trace CSV files, good and bad. */
class TraceFilesTests {

	@Test
	void aProfileRampsLinearlyThroughItsStages() {
		LoadProfile profile = LoadProfile.parse("10s:0->100,5s:100,10s:100->0");
		assertThat(profile.duration()).isEqualTo(Duration.ofSeconds(25));
		assertThat(profile.rateAt(Duration.ofSeconds(5))).isCloseTo(50, within(0.01));
		assertThat(profile.rateAt(Duration.ofSeconds(12))).isCloseTo(100, within(0.01));
		assertThat(profile.rateAt(Duration.ofSeconds(20))).isCloseTo(50, within(0.01));
		assertThat(profile.rateAt(Duration.ofSeconds(30))).isZero();
	}

	@Test
	void aMalformedProfileNamesTheStageAndTheSyntax() {
		assertThatIllegalArgumentException().isThrownBy(() -> LoadProfile.parse("10s:5->40,twenty:40"))
			.withMessageContaining("stage 'twenty:40'")
			.withMessageContaining("60s:5->40");
		assertThatIllegalArgumentException().isThrownBy(() -> LoadProfile.parse("0s:5"))
			.withMessageContaining("positive whole number of seconds");
	}

	@Test
	void prometheusTextIsSummedPerMetricOverItsLabels() {
		String scrape = """
				# HELP http_server_requests_active_seconds_count
				# TYPE http_server_requests_active_seconds_count gauge
				http_server_requests_active_seconds_count{method="GET",uri="UNKNOWN"} 3
				http_server_requests_active_seconds_count{method="POST",uri="UNKNOWN"} 2
				process_cpu_usage 0.25
				jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause"} 0.012
				""";
		assertThat(PrometheusText.sums(scrape)).containsEntry("http_server_requests_active_seconds_count", 5.0)
			.containsEntry("process_cpu_usage", 0.25)
			.containsEntry("jvm_gc_pause_seconds_sum", 0.012);
	}

	@Test
	void aLineThatIsNotASampleIsReportedWithItsNumber() {
		assertThatIllegalArgumentException().isThrownBy(() -> PrometheusText.sums("up 1\nprocess_cpu_usage high\n"))
			.withMessageContaining("line 2 has no numeric value");
	}

	@Test
	void traceCsvRoundTripsWithItsProvenance(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("trace.csv");
		List<TraceSample> samples = List.of(new TraceSample(1, 10, 9.5, 0.3125, 2, 41.5, 3.25),
				new TraceSample(2, 12, 12, 0.5, 3, 40, 0));
		TraceCsv.write(file, List.of("recorded by a test"), samples);
		assertThat(Files.readAllLines(file).get(0)).isEqualTo("# recorded by a test");
		assertThat(TraceCsv.read(file)).isEqualTo(samples);
	}

	@Test
	void thePodsCpuRequestIsReadFromItsProvenanceLine(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("trace.csv");
		List<TraceSample> samples = List.of(new TraceSample(1, 10, 9.5, 0.3125, 2, 41.5, 3.25));
		TraceCsv.write(file, List.of("machine: 2 processors, 24 GiB", "pod: cpu request 500m, limit 1000m"), samples);
		assertThat(TraceCsv.podCpuRequestMillis(file)).hasValue(500);
		assertThat(TraceCsv.machineProcessors(file)).hasValue(2);
		TraceCsv.write(file, List.of("machine: 2 processors", "pod: no cpu request"), samples);
		assertThat(TraceCsv.podCpuRequestMillis(file)).isEmpty();
		TraceCsv.write(file, List.of("pod: cpu request 0m"), samples);
		assertThat(TraceCsv.podCpuRequestMillis(file)).isEmpty();
	}

	@Test
	void aTraceOfAJvmInsideACpuQuotaSaysItsCpuColumnIsAShareOfTheQuota(@TempDir Path dir) throws Exception {
		Path file = dir.resolve("trace.csv");
		List<TraceSample> samples = List.of(new TraceSample(1, 10, 9.5, 1.0, 2, 41.5, 3.25));
		TraceCsv.write(file, List.of("pod: cpu request 500m, its CFS quota", "cpu column: a share of 0.5 processors",
				"machine: 2 processors"), samples);
		assertThat(TraceCsv.cpuColumnProcessors(file)).hasValue(0.5);
		assertThat(TraceCsv.machineProcessors(file)).hasValue(2);
		TraceCsv.write(file, List.of("machine: 2 processors"), samples);
		assertThat(TraceCsv.cpuColumnProcessors(file)).isEmpty();
		TraceCsv.write(file, List.of("cpu column: a share of 0 processors"), samples);
		assertThat(TraceCsv.cpuColumnProcessors(file)).isEmpty();
	}

	@Test
	void columnsAreFoundByNameAndTheOptionalOnesDefault(@TempDir Path dir) throws Exception {
		Path file = Files.writeString(dir.resolve("t.csv"),
				"# an older trace\nlatency_ms,second,in_flight,cpu,completed_rps\n41.5,1,3,0.25,9.5\n");
		assertThat(TraceCsv.read(file)).containsExactly(new TraceSample(1, 9.5, 9.5, 0.25, 3, 41.5, 0, 1));
	}

	@Test
	void aBrokenTraceNamesTheFileAndLine(@TempDir Path dir) throws Exception {
		Path wrongHeader = Files.writeString(dir.resolve("a.csv"), "time,value\n1,2\n");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceCsv.read(wrongHeader))
			.withMessageContaining(
					"line 1: the header lacks the columns second, completed_rps, cpu, in_flight, latency_ms");
		Path shortRow = Files.writeString(dir.resolve("b.csv"), TraceSample.BASE_HEADER + "\n1,2,3\n");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceCsv.read(shortRow))
			.withMessageContaining("line 2: expected 8 values as the header names, found 3");
		Path notANumber = Files.writeString(dir.resolve("d.csv"), TraceSample.BASE_HEADER + "\n1,2,3,x,5,6,7,1\n");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceCsv.read(notANumber))
			.withMessageContaining("line 2: expected numbers");
		Path empty = Files.writeString(dir.resolve("c.csv"), "# nothing\n" + TraceSample.BASE_HEADER + "\n");
		assertThatIllegalArgumentException().isThrownBy(() -> TraceCsv.read(empty))
			.withMessageContaining("holds no samples");
	}

}
