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

import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * Holds a request for a given time: the load generator for the autoscaling and probe
 * tests.
 */
@RestController
class WorkController {

	static final long MAX_MILLIS = 60_000;

	@GetMapping("/work")
	ResponseEntity<Map<String, Object>> work(@RequestParam(name = "ms", defaultValue = "0") long ms)
			throws InterruptedException {
		if (ms < 0 || ms > MAX_MILLIS) {
			return badRequest("ms must be between 0 and " + MAX_MILLIS + " milliseconds, was " + ms);
		}
		Thread.sleep(ms);
		return ResponseEntity.ok(Map.of("heldMillis", ms));
	}

	@ExceptionHandler(MethodArgumentTypeMismatchException.class)
	ResponseEntity<Map<String, Object>> notANumber(MethodArgumentTypeMismatchException ex) {
		return badRequest("ms must be a whole number of milliseconds between 0 and " + MAX_MILLIS + ", was '"
				+ ex.getValue() + "'");
	}

	private static ResponseEntity<Map<String, Object>> badRequest(String message) {
		return ResponseEntity.badRequest().body(Map.of("status", 400, "error", message));
	}

}
