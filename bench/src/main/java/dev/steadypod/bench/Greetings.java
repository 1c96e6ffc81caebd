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

import java.time.Duration;
import java.util.Map;

/**
 * The demo's configuration as a ConfigMap's {@code application.yaml}, and reading
 * {@code /greeting}.
 */
final class Greetings {

	private Greetings() {
	}

	static Map<String, String> configMap(String message) {
		return Map.of("application.yaml", "demo:\n  greeting:\n    message: \"" + message + "\"\n    suffix: \"!\"\n");
	}

	/** The message currently served, or null when the request failed. */
	static String message(int appPort) {
		try {
			String body = Http.get(appPort, "/greeting", Duration.ofSeconds(5)).body();
			int start = body.indexOf("\"message\":\"");
			if (start < 0) {
				return null;
			}
			start += "\"message\":\"".length();
			return body.substring(start, body.indexOf('"', start));
		}
		catch (Exception ex) {
			return null;
		}
	}

	/**
	 * Polls {@code /greeting} back to back until it serves {@code expected}; returns when
	 * it did.
	 */
	static long awaitMessage(int appPort, String expected, Duration timeout) {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (expected.equals(message(appPort))) {
				return System.nanoTime();
			}
		}
		throw new IllegalStateException("/greeting did not serve '" + expected + "' within " + timeout);
	}

}
