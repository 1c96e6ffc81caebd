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

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.steadypod.core.SteadypodEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Tells at start-up in Kubernetes, one warning per cause and once per JVM, why the
 * in-flight requests signal would not reach Prometheus or would be skewed. Each cause is
 * a setting the application made on purpose or by accident; Steadypod's defaults never
 * override it, so it says what to change instead.
 */
public class InFlightSignalCheck implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log logger = LogFactory.getLog(InFlightSignalCheck.class);

	private static final Set<String> reported = ConcurrentHashMap.newKeySet();

	private final Environment environment;

	public InFlightSignalCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		// Only where the signal is scraped: not in a developer's IDE, nor in each test
		// context of a test suite. The management child context publishes its own
		// events, and a JVM runs one pod's application: each problem is told once.
		if (!CloudPlatform.KUBERNETES.isActive(this.environment)
				|| SteadypodEnvironment.isManagementContext(event.getApplicationContext())) {
			return;
		}
		problems().stream().filter(reported::add).forEach(logger::warn);
	}

	/**
	 * The settings that keep the in-flight requests signal from Prometheus or skew it.
	 * @return one message per problem, empty when the signal is exported as the HPA
	 * expects
	 */
	public List<String> problems() {
		List<String> problems = new ArrayList<>();
		Binder binder = Binder.get(this.environment);
		Set<String> include = binder.bind("management.endpoints.web.exposure.include", Bindable.setOf(String.class))
			.orElse(Set.of("health"));
		Set<String> exclude = binder.bind("management.endpoints.web.exposure.exclude", Bindable.setOf(String.class))
			.orElse(Collections.emptySet());
		// The application's own list wins over Steadypod's default (it may be a
		// deliberate choice for a public port), so name the exact value to set instead.
		if (!(include.contains("prometheus") || include.contains("*"))) {
			Set<String> fixed = new LinkedHashSet<>(include);
			fixed.add("prometheus");
			problems.add("The in-flight requests signal cannot be scraped: /actuator/prometheus is not exposed over "
					+ "HTTP. Set management.endpoints.web.exposure.include=" + String.join(",", fixed) + " (now "
					+ String.join(",", include) + ").");
		}
		if (exclude.contains("prometheus")) {
			Set<String> fixed = new LinkedHashSet<>(exclude);
			fixed.remove("prometheus");
			problems.add("The in-flight requests signal cannot be scraped: /actuator/prometheus is excluded from the "
					+ "HTTP exposure. "
					+ (fixed.isEmpty() ? "Remove management.endpoints.web.exposure.exclude"
							: "Set management.endpoints.web.exposure.exclude=" + String.join(",", fixed))
					+ " (now " + String.join(",", exclude) + ").");
		}
		if ("none".equalsIgnoreCase(this.environment.getProperty("management.endpoint.prometheus.access", ""))) {
			problems.add("The in-flight requests signal cannot be scraped: management.endpoint.prometheus.access is "
					+ "none. Set it to read-only.");
		}
		Set<String> ignoredMeters = binder
			.bind("management.metrics.observations.ignored-meters", Bindable.setOf(String.class))
			.orElse(Collections.emptySet());
		if (ignoredMeters.stream().anyMatch((meter) -> meter.replace("_", "-").equalsIgnoreCase("long-task-timer"))) {
			problems.add("The in-flight requests signal is not recorded: management.metrics.observations."
					+ "ignored-meters contains long-task-timer, which removes http_server_requests_active_seconds_count. "
					+ "Remove long-task-timer from it.");
		}
		String observationName = this.environment.getProperty("management.observations.http.server.requests.name",
				"http.server.requests");
		if (!"http.server.requests".equals(observationName)) {
			problems.add("The in-flight requests signal is exported under another name: management.observations.http."
					+ "server.requests.name is '" + observationName + "', so the prometheus-adapter rule for "
					+ "http_server_requests_active_seconds_count finds nothing. Change the rule's seriesQuery and "
					+ "name.matches to match, or remove the setting.");
		}
		if (ManagementPortType.get(this.environment) == ManagementPortType.SAME) {
			problems.add("The in-flight requests signal counts Prometheus scrapes and probes: the management endpoints "
					+ "share the application port. Set management.server.port (for example 8081) to serve them apart.");
		}
		return problems;
	}

}
