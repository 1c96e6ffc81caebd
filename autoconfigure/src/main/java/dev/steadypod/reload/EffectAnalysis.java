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

package dev.steadypod.reload;

import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;

/**
 * Decides which changed keys have no live consumer that can change at runtime, so need a
 * restart to take effect. A key is live when {@code logging.level.*} (the logging system
 * is updated), or when an application {@code @ConfigurationProperties} bean binds it and
 * is rebound (a JavaBean Spring Cloud can rebind) or re-created (refresh scope). It needs
 * a restart when it matches {@code steadypod.reload.restart-required-prefixes}, when only
 * Spring's or Steadypod's own properties beans bind it (they are read once, at start-up,
 * to build servers, data sources, resource handlers), when only an immutable bean outside
 * the refresh scope binds it, or when the configuration metadata declares it but no bean
 * binds it. Other keys are unknown: neither declared nor bound (a typo, or read through
 * {@code @Value} or the Environment).
 */
final class EffectAnalysis {

	private static final ConfigurationPropertyName LOGGING_LEVEL = ConfigurationPropertyName.of("logging.level");

	private static final @Nullable CodeSource STEADYPOD = ReloadProperties.class.getProtectionDomain().getCodeSource();

	private EffectAnalysis() {
	}

	static List<String> restartRequired(List<String> changedKeys, List<CandidateBinder.PropertiesBean> beans,
			Set<String> rebindable, Predicate<String> declared, List<String> restartPrefixes) {
		List<String> restart = new ArrayList<>();
		for (String key : changedKeys) {
			if (restartPrefixes.stream().anyMatch(key::startsWith)) {
				restart.add(key);
				continue;
			}
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			if (LOGGING_LEVEL.isAncestorOf(name)) {
				continue;
			}
			List<CandidateBinder.PropertiesBean> binding = beans.stream().filter((bean) -> bean.binds(name)).toList();
			boolean live = binding.stream().anyMatch((bean) -> isLive(bean, rebindable));
			if (!live && (!binding.isEmpty() || declared.test(key))) {
				restart.add(key);
			}
		}
		return restart;
	}

	private static boolean isLive(CandidateBinder.PropertiesBean bean, Set<String> rebindable) {
		if (isReadOnce(bean.type())) {
			return false;
		}
		return bean.refreshScoped() || (bean.bindMethod() == BindMethod.JAVA_BEAN && rebindable.contains(bean.name()));
	}

	/** Spring's and Steadypod's own properties classes are read once, at start-up. */
	static boolean isReadOnce(Class<?> type) {
		if (type.getName().startsWith("org.springframework.")) {
			return true;
		}
		CodeSource source = type.getProtectionDomain().getCodeSource();
		return STEADYPOD != null && source != null && Objects.equals(source.getLocation(), STEADYPOD.getLocation());
	}

}
