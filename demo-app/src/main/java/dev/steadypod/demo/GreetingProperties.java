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
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What {@code /greeting} answers. Rebound in place when the configuration changes.
 */
@Validated
@ConfigurationProperties("demo.greeting")
public class GreetingProperties {

	/**
	 * The greeting message.
	 */
	@NotBlank
	@Size(max = 200)
	private String message = "Hello from Steadypod";

	/**
	 * Text appended by the client after the message.
	 */
	private String suffix = "!";

	/**
	 * How many times a client may repeat the greeting (a bound number: text here is
	 * rejected on reload).
	 */
	private int repeat = 1;

	/**
	 * How long a client may cache the greeting (a bound Duration).
	 */
	private Duration cacheTtl = Duration.ofSeconds(30);

	/**
	 * Free-form tags; removing one from the file removes it here on reload.
	 */
	private List<String> tags = new ArrayList<>();

	/**
	 * Free-form labels; removing a key from the file removes it here on reload.
	 */
	private Map<String, String> labels = new LinkedHashMap<>();

	public String getMessage() {
		return this.message;
	}

	public void setMessage(String message) {
		this.message = message;
	}

	public int getRepeat() {
		return this.repeat;
	}

	public void setRepeat(int repeat) {
		this.repeat = repeat;
	}

	public Duration getCacheTtl() {
		return this.cacheTtl;
	}

	public void setCacheTtl(Duration cacheTtl) {
		this.cacheTtl = cacheTtl;
	}

	public List<String> getTags() {
		return this.tags;
	}

	public void setTags(List<String> tags) {
		this.tags = tags;
	}

	public Map<String, String> getLabels() {
		return this.labels;
	}

	public void setLabels(Map<String, String> labels) {
		this.labels = labels;
	}

	public String getSuffix() {
		return this.suffix;
	}

	public void setSuffix(String suffix) {
		this.suffix = suffix;
	}

}
