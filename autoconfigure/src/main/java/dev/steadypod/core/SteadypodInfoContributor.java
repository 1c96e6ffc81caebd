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

package dev.steadypod.core;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.core.env.Environment;

/**
 * Adds a {@code steadypod} section to {@code /actuator/info}: the starter's version and
 * which features are switched on, so an operator can tell from one request what a pod
 * runs with.
 */
public class SteadypodInfoContributor implements InfoContributor {

	private static final String[] FEATURES = { "reload", "warmup", "liveness", "metrics" };

	private final Environment environment;

	public SteadypodInfoContributor(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		String version = SteadypodInfoContributor.class.getPackage().getImplementationVersion();
		details.put("version", (version != null) ? version : "development");
		Map<String, Boolean> features = new LinkedHashMap<>();
		for (String feature : FEATURES) {
			features.put(feature,
					this.environment.getProperty("steadypod." + feature + ".enabled", Boolean.class, true));
		}
		details.put("features", features);
		builder.withDetail("steadypod", details);
	}

}
