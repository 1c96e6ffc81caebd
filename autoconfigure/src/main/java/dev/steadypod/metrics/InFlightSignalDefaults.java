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

package dev.steadypod.metrics;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.steadypod.core.SteadypodEnvironment;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Registers, with the lowest precedence, the Boot settings that make the autoscaling
 * signals exist: any value the application sets for the same key wins.
 * <p>
 * The enable keys name {@code http.server.requests} exactly. Boot resolves those maps by
 * the most specific prefix, so a blanket {@code management.metrics.enable.all=false} (a
 * common way to trim metrics) no longer silently removes the series the HPA scales on;
 * setting the exact key, or {@code steadypod.metrics.enabled=false}, still turns it off.
 * <p>
 * In a Tomcat app, {@code server.tomcat.mbeanregistry.enabled} is defaulted to
 * {@code true}: Micrometer reads the request thread pool from Tomcat's MBeans, and
 * without the registry Boot exports no {@code tomcat_threads_busy_threads} and
 * {@code tomcat_threads_config_max_threads}, the series of the chart's thread-pool signal
 * ({@code tomcat_threads_busy_ratio}).
 */
public class InFlightSignalDefaults implements EnvironmentPostProcessor, Ordered {

	/** Runs after the config data (application.yaml, imports) has been loaded. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	/** Name of the property source holding the defaults. */
	public static final String PROPERTY_SOURCE_NAME = "steadypodMetricsDefaults";

	static final String PROMETHEUS_REGISTRY = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

	static final String OBSERVATIONS_ENABLE = "management.observations.enable.http.server.requests";

	static final String METRICS_ENABLE = "management.metrics.enable.http.server.requests";

	static final String PROMETHEUS_EXPORT = "management.prometheus.metrics.export.enabled";

	static final String TOMCAT = "org.apache.catalina.startup.Tomcat";

	static final String TOMCAT_MBEAN_REGISTRY = "server.tomcat.mbeanregistry.enabled";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		Map<String, Object> defaults = new LinkedHashMap<>();
		if (applies(environment, classLoader)) {
			defaults.put(OBSERVATIONS_ENABLE, "true");
			defaults.put(METRICS_ENABLE, "true");
			defaults.put(PROMETHEUS_EXPORT, "true");
			// The endpoint's exposure is defaulted with the others' by
			// EndpointExposureDefaults.
		}
		if (appliesToTomcat(environment, classLoader)) {
			defaults.put(TOMCAT_MBEAN_REGISTRY, "true");
		}
		if (!defaults.isEmpty()) {
			SteadypodEnvironment.addLowestPrecedenceDefaults(environment, PROPERTY_SOURCE_NAME, defaults);
		}
	}

	static boolean applies(ConfigurableEnvironment environment, ClassLoader classLoader) {
		return SteadypodEnvironment.isEnabled(environment, "metrics")
				&& ClassUtils.isPresent(PROMETHEUS_REGISTRY, classLoader);
	}

	/** Whether the thread-pool series need Tomcat's MBean registry turned on. */
	static boolean appliesToTomcat(ConfigurableEnvironment environment, ClassLoader classLoader) {
		return SteadypodEnvironment.isEnabled(environment, "metrics") && ClassUtils.isPresent(TOMCAT, classLoader);
	}

}
