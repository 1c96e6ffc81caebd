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

package dev.steadypod.warmup;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * Work an application wants done after its web server is up and before it accepts
 * traffic, for example loading a cache or priming a connection pool. Declare it as a
 * bean, a lambda will do:
 *
 * <pre class="code">
 * &#64;Bean
 * WarmupTask priceCache(PriceCache prices) {
 * 	return prices::loadAll;
 * }
 * </pre>
 *
 * <h2>Ordering</h2> Tasks run in stages by their order
 * ({@link org.springframework.core.Ordered} or
 * {@link org.springframework.core.annotation.Order @Order} on the class or the
 * {@code @Bean} method; unordered tasks share the lowest precedence). Tasks of the same
 * order run in parallel; the next stage starts when every task of the previous one has
 * ended (succeeded, failed or timed out). Without any order, all tasks run in parallel.
 */
@FunctionalInterface
public interface WarmupTask {

	/**
	 * Does the work. An exception marks the task as failed; the task's thread is
	 * interrupted when its timeout or the warm-up budget runs out.
	 * @throws Exception if the work fails
	 */
	void run() throws Exception;

	/**
	 * The name shown in {@code /actuator/warmup} and in the logs.
	 * @return the task's name, or {@code null} (the default) for its bean name
	 */
	default @Nullable String name() {
		return null;
	}

	/**
	 * How long this task may take. Empty means only the total budget
	 * ({@code steadypod.warmup.max-duration}) applies.
	 * @return the task's own timeout, if any
	 */
	default Optional<Duration> timeout() {
		return Optional.empty();
	}

}
