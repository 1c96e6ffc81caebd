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

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every scenario needs: the demo jar and where to put working files and logs.
 */
record BenchContext(Path demoJar, Path workRoot, Path logDir) {

	/**
	 * Arguments shared by every demo JVM: no simulated cache loading, so start-up figures
	 * measure the app and the starter rather than the demo's artificial sleep.
	 */
	static final List<String> BASE_ARGS = List.of("--demo.warmup.duration=0s", "--logging.level.root=WARN",
			"--logging.level.dev.steadypod=INFO");

	DemoProcess start(String name, boolean sharedPort, String... springArgs) {
		return DemoProcess.start(this.demoJar, this.workRoot.resolve(name), this.logDir, name, sharedPort,
				withBaseArgs(Arrays.asList(springArgs)));
	}

	/**
	 * The base arguments a scenario does not set itself, then the scenario's: Spring Boot
	 * joins two command-line values of one property with a comma ({@code 0s,61s}), so a
	 * base value must never be repeated.
	 */
	static List<String> withBaseArgs(List<String> springArgs) {
		List<String> keys = springArgs.stream().map(BenchContext::key).toList();
		List<String> args = new ArrayList<>();
		BASE_ARGS.stream().filter((arg) -> !keys.contains(key(arg))).forEach(args::add);
		args.addAll(springArgs);
		return args;
	}

	private static String key(String arg) {
		int equals = arg.indexOf('=');
		return (equals < 0) ? arg : arg.substring(0, equals);
	}

	Path work(String name) {
		return this.workRoot.resolve(name);
	}

}
