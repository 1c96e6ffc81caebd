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

import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.stereotype.Component;

/**
 * Takes a snapshot of the greeting when it is created. Being {@code @RefreshScope}, it is
 * re-created after a configuration change: the second rebinding style, beside the
 * in-place rebinding of {@link GreetingProperties}.
 */
@Component
@RefreshScope
public class Greeter {

	private final Greeting greeting;

	public Greeter(GreetingProperties properties) {
		this.greeting = new Greeting(properties.getMessage(), properties.getSuffix());
	}

	public Greeting greeting() {
		return this.greeting;
	}

	/**
	 * The body of {@code /greeting}.
	 *
	 * @param message the configured message
	 * @param suffix the configured suffix
	 */
	public record Greeting(String message, String suffix) {
	}

}
