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
import java.util.OptionalInt;

import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.util.ClassUtils;

/**
 * The chores every Steadypod feature needs, done one way: the master and feature
 * switches, the management child context, the application port and lowest-precedence
 * defaults. For Steadypod's own use; not an API.
 */
public final class SteadypodEnvironment {

	private static final boolean WEB_SERVER_PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.web.server.context.WebServerApplicationContext",
			SteadypodEnvironment.class.getClassLoader());

	private SteadypodEnvironment() {
	}

	/**
	 * Whether a feature is on: {@code steadypod.enabled} and
	 * {@code steadypod.<feature>.enabled}, both true unless set.
	 * @param environment the environment
	 * @param feature the feature's name, e.g. {@code liveness}
	 * @return whether the feature is on
	 */
	public static boolean isEnabled(Environment environment, String feature) {
		return environment.getProperty("steadypod.enabled", Boolean.class, true)
				&& environment.getProperty("steadypod." + feature + ".enabled", Boolean.class, true);
	}

	/**
	 * Whether the context is the child context Spring Boot creates for a separate
	 * management port. Its events reach the application's listeners too, so
	 * once-per-application work must skip it.
	 * @param context the context an event came from
	 * @return whether it is the management child context
	 */
	public static boolean isManagementContext(ApplicationContext context) {
		return WEB_SERVER_PRESENT && WebServerApplicationContext.hasServerNamespace(context, "management");
	}

	/**
	 * The port the application's web server listens on, once it has started.
	 * @param environment the environment
	 * @return the port, empty before the web server started
	 */
	public static OptionalInt applicationPort(Environment environment) {
		Integer port = environment.getProperty("local.server.port", Integer.class);
		return (port != null && port > 0) ? OptionalInt.of(port) : OptionalInt.empty();
	}

	/**
	 * Adds defaults that anything the application sets wins over: keys already set in any
	 * property source (Spring Boot's default properties included, in any relaxed form)
	 * are left out, and the rest goes into a property source of its own, added last.
	 * Adding again replaces the earlier source of the same name.
	 * @param environment the environment, with config data already loaded
	 * @param name the property source's name
	 * @param defaults the defaults
	 */
	public static void addLowestPrecedenceDefaults(ConfigurableEnvironment environment, String name,
			Map<String, Object> defaults) {
		MutablePropertySources sources = environment.getPropertySources();
		sources.remove(name);
		Map<String, Object> unset = new LinkedHashMap<>();
		defaults.forEach((key, value) -> {
			if (!environment.containsProperty(key)) {
				unset.put(key, value);
			}
		});
		if (!unset.isEmpty()) {
			sources.addLast(new MapPropertySource(name, unset));
		}
	}

}
