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

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Exposes over HTTP, with the lowest precedence, the endpoints Steadypod's features are
 * read through, so that they answer in any application without a line of configuration; a
 * {@code management.endpoints.web.exposure.include} the application sets wins whole.
 * <ul>
 * <li>{@code health} (Boot's own default) and, with the metrics feature on and the
 * Prometheus registry present, {@code prometheus}: the probes and the autoscaling signal
 * need them wherever the management endpoints are served.</li>
 * <li>{@code info}, {@code configreload} and {@code warmup}, read-only: only when the
 * management endpoints have a port of their own ({@code management.server.port}). On the
 * shared application port, which is often routed to the internet, they would tell anyone
 * the watched paths, changed key names and start-up timings; there Steadypod adds nothing
 * beyond what probes and scraping need, and warns on Kubernetes that the port is
 * shared.</li>
 * </ul>
 * Exposure grants no write access: the {@code configreload} write operation stays off
 * until {@code management.endpoint.configreload.access=unrestricted}.
 */
public class EndpointExposureDefaults implements EnvironmentPostProcessor, Ordered {

	/** Runs after the config data (application.yaml, imports) has been loaded. */
	public static final int ORDER = Ordered.LOWEST_PRECEDENCE - 10;

	/** Name of the property source holding the default. */
	public static final String PROPERTY_SOURCE_NAME = "steadypodEndpointExposureDefaults";

	/** The property this class gives a default. */
	public static final String WEB_EXPOSURE = "management.endpoints.web.exposure.include";

	private static final String PROMETHEUS_REGISTRY = "io.micrometer.prometheusmetrics.PrometheusMeterRegistry";

	private static final String MANAGEMENT_PORT_TYPE = "org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType";

	@Override
	public int getOrder() {
		return ORDER;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		ClassLoader classLoader = application.getClassLoader();
		if (!ClassUtils.isPresent(MANAGEMENT_PORT_TYPE, classLoader)) {
			return;
		}
		List<String> exposed = exposedByDefault(environment, classLoader);
		// Boot exposes health alone by default: nothing to add then.
		if (exposed.size() > 1) {
			SteadypodEnvironment.addLowestPrecedenceDefaults(environment, PROPERTY_SOURCE_NAME,
					Map.of(WEB_EXPOSURE, String.join(",", exposed)));
		}
	}

	static List<String> exposedByDefault(ConfigurableEnvironment environment, ClassLoader classLoader) {
		List<String> exposed = new ArrayList<>(List.of("health"));
		if (!environment.getProperty("steadypod.enabled", Boolean.class, true)) {
			return exposed;
		}
		if (SteadypodEnvironment.isEnabled(environment, "metrics")
				&& ClassUtils.isPresent(PROMETHEUS_REGISTRY, classLoader)) {
			exposed.add("prometheus");
		}
		if (ManagementPortType.get(environment) == ManagementPortType.DIFFERENT) {
			exposed.add("info");
			if (SteadypodEnvironment.isEnabled(environment, "reload")) {
				exposed.add("configreload");
			}
			if (SteadypodEnvironment.isEnabled(environment, "warmup")) {
				exposed.add("warmup");
			}
		}
		return exposed;
	}

}
