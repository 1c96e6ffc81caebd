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

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.steadypod.warmup.WarmupTask;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Simulates loading a cache at start-up: it fills a map in small steps for
 * {@code demo.warmup.duration} (default 5s). Steadypod runs it after the web server is up
 * and keeps readiness closed until it is done, while liveness stays UP.
 */
@Component
class GreetingCacheWarmup implements WarmupTask {

	private static final int STEPS = 20;

	private final Duration duration;

	private final Map<Integer, String> cache = new ConcurrentHashMap<>();

	GreetingCacheWarmup(@Value("${demo.warmup.duration:5s}") Duration duration) {
		this.duration = duration;
	}

	@Override
	public String name() {
		return "greeting-cache";
	}

	@Override
	public void run() throws InterruptedException {
		long pause = this.duration.toMillis() / STEPS;
		for (int i = 0; i < STEPS; i++) {
			this.cache.put(i, "entry-" + i);
			Thread.sleep(pause);
		}
	}

	int size() {
		return this.cache.size();
	}

}
