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
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.info.Info;
import org.springframework.boot.actuate.info.InfoContributor;

/**
 * Adds a {@code steadypod} section to {@code /actuator/info}: the starter's version and
 * which features are on, so an operator can tell from one request what a pod runs with. A
 * feature counts as on only when its auto-configuration actually ran (switches, missing
 * libraries and conditions all decide), not when a property merely says so.
 */
class SteadypodInfoContributor implements InfoContributor {

	// Auto-configuration classes are registered under their class name when they apply.
	private static final List<Feature> FEATURES = List.of(
			new Feature("reload", "dev.steadypod.reload.ConfigReloadAutoConfiguration"),
			new Feature("warmup", "dev.steadypod.warmup.WarmupAutoConfiguration"),
			new Feature("liveness", "dev.steadypod.liveness.LivenessAutoConfiguration"),
			new Feature("metrics", "dev.steadypod.metrics.InFlightMetricsAutoConfiguration"));

	private final ListableBeanFactory beanFactory;

	SteadypodInfoContributor(ListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void contribute(Info.Builder builder) {
		Map<String, Object> details = new LinkedHashMap<>();
		String version = SteadypodInfoContributor.class.getPackage().getImplementationVersion();
		details.put("version", (version != null) ? version : "development");
		Map<String, Boolean> features = new LinkedHashMap<>();
		for (Feature feature : FEATURES) {
			features.put(feature.name(), this.beanFactory.containsBeanDefinition(feature.autoConfiguration()));
		}
		details.put("features", features);
		builder.withDetail("steadypod", details);
	}

	private record Feature(String name, String autoConfiguration) {

	}

}
