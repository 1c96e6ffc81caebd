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
import java.io.PrintStream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The command line's answers to bad input. */
class HpaSandboxTests {

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Test
	void noCommandPrintsTheUsage() {
		assertThat(run()).isEqualTo(2);
		assertThat(this.err.toString()).contains("usage: record --request URL");
	}

	@Test
	void anUnknownCommandIsNamed() {
		assertThat(run("replay")).isEqualTo(2);
		assertThat(this.err.toString()).contains("unknown command 'replay'");
	}

	@Test
	void aMissingOptionIsNamed() {
		assertThat(run("record", "--request", "http://127.0.0.1:1/work", "--profile", "1s:1", "--out", "t.csv"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("error: missing --metrics");
	}

	@Test
	void aBadProfileAndANonHttpUrlAreExplained() {
		assertThat(run("record", "--request", "http://127.0.0.1:1/work", "--metrics", "http://127.0.0.1:1/m",
				"--profile", "fast", "--out", "t.csv"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("stage 'fast' is not");
		assertThat(run("record", "--request", "ftp://x/work", "--metrics", "http://127.0.0.1:1/m", "--profile", "1s:1",
				"--out", "t.csv"))
			.isEqualTo(2);
		assertThat(this.err.toString()).contains("--request must be an http(s) URL");
	}

	@Test
	void anUnreachableAppIsAnIoFailure() {
		assertThat(run("record", "--request", "http://127.0.0.1:1/work", "--metrics", "http://127.0.0.1:1/m",
				"--profile", "1s:1", "--out", "t.csv"))
			.isEqualTo(1);
		assertThat(this.err.toString()).startsWith("error:");
	}

	private int run(String... args) {
		return HpaSandbox.run(args, new PrintStream(new ByteArrayOutputStream()), new PrintStream(this.err));
	}

}
