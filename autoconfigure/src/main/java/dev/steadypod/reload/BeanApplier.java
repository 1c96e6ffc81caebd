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

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindingPostProcessor;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.source.ConfigurationPropertyCaching;
import org.springframework.boot.context.properties.source.ConfigurationPropertyCaching.CacheOverride;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.properties.ConfigurationPropertiesRebinder;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Brings beans in line with the Environment through Spring's own mechanisms: Spring
 * Cloud's {@link ConfigurationPropertiesRebinder} (reset to defaults, setters, init
 * callbacks) for properties beans, the logging system for {@code logging.level.*} (a
 * removed level reverts to the inherited one), an {@link EnvironmentChangeEvent} for
 * other listeners, and the refresh scope. Used for an apply and, with the previous
 * Environment, for its rollback.
 */
class BeanApplier {

	private static final Log logger = LogFactory.getLog(BeanApplier.class);

	private static final String LOGGING_LEVEL = "logging.level.";

	private final ConfigurableApplicationContext context;

	private volatile @Nullable List<String> eagerRefreshScoped;

	BeanApplier(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/** The names of the beans Spring Cloud's rebinder can rebind. */
	Set<String> rebindable() {
		ConfigurationPropertiesRebinder rebinder = rebinder();
		return (rebinder != null) ? rebinder.getBeanNames() : Set.of();
	}

	/**
	 * Rebinds the JavaBean properties beans among {@code beans}; runs their setters and
	 * init callbacks. Refresh-scoped and immutable beans are left to the refresh scope.
	 * @return the names of the rebound beans
	 */
	List<String> rebind(List<CandidateBinder.PropertiesBean> beans) {
		ConfigurationPropertiesRebinder rebinder = rebinder();
		List<String> rebound = new ArrayList<>();
		if (rebinder == null) {
			return rebound;
		}
		Set<String> names = rebinder.getBeanNames();
		// Each bind looks every property up in every source; without the cache Boot
		// enables only while it starts, that walks every name of every source each time.
		try (CacheOverride cached = ConfigurationPropertyCaching.get(this.context.getEnvironment()).override()) {
			rebind(beans, rebinder, names, rebound);
		}
		return rebound;
	}

	private void rebind(List<CandidateBinder.PropertiesBean> beans, ConfigurationPropertiesRebinder rebinder,
			Set<String> names, List<String> rebound) {
		for (CandidateBinder.PropertiesBean bean : beans) {
			if (bean.refreshScoped() || bean.bindMethod() != BindMethod.JAVA_BEAN || !names.contains(bean.name())) {
				continue;
			}
			Object instance = this.context.getBean(bean.name());
			if (AopUtils.isAopProxy(instance) && !hasNoArgConstructor(bean.type())) {
				// Spring Cloud re-creates a proxied bean's target from its no-argument
				// constructor; without one, run the bean's own initialisation again
				// (Boot's binding post-processor, then its init callbacks).
				Object target = AopProxyUtils.getSingletonTarget(instance);
				this.context.getBeanFactory().initializeBean((target != null) ? target : instance, bean.name());
				rebound.add(bean.name());
			}
			else if (rebinder.rebind(bean.name())) {
				rebound.add(bean.name());
			}
		}
	}

	/**
	 * Runs Spring Boot's own binding of each bean onto its scratch copy, as a rebind
	 * would run it on the live bean (Spring Boot's binder, its Bean Validation
	 * bootstrap), so that this code is loaded and compiled before the first change. The
	 * live beans are not touched.
	 */
	void rehearseRebind(List<CandidateBinder.BoundBean> bound) {
		ConfigurationPropertiesBindingPostProcessor binding = this.context
			.getBeanProvider(ConfigurationPropertiesBindingPostProcessor.class)
			.getIfAvailable();
		if (binding == null) {
			return;
		}
		for (CandidateBinder.BoundBean bean : bound) {
			Object scratch = bean.fresh();
			if (scratch == null || bean.bean().refreshScoped() || bean.bean().bindMethod() != BindMethod.JAVA_BEAN) {
				continue;
			}
			try {
				binding.postProcessBeforeInitialization(scratch, bean.bean().name());
			}
			catch (RuntimeException ex) {
				// Only a warm-up: the rehearsal reports real problems from the
				// validation.
				logger.debug("Rehearsing the rebind of " + bean.bean().name() + " failed", ex);
			}
		}
	}

	/**
	 * Tells everything else about the changed keys, after the properties beans were
	 * rebound: logging levels, {@link EnvironmentChangeEvent} listeners, refresh scope.
	 * Runs user code; the caller holds no lock.
	 * @return what was updated ("logging levels", refresh-scoped bean names)
	 */
	List<String> notifyChanged(List<String> changedKeys) {
		List<String> updated = new ArrayList<>();
		if (applyLoggingLevels(changedKeys)) {
			updated.add("logging levels");
		}
		// Spring Cloud's own rebinder reacts only to events from the context itself; the
		// beans were rebound above, this is for the other listeners.
		this.context.publishEvent(new EnvironmentChangeEvent(this, new LinkedHashSet<>(changedKeys)));
		updated.addAll(refreshScope());
		return updated;
	}

	private boolean applyLoggingLevels(List<String> changedKeys) {
		List<String> keys = changedKeys.stream().filter((key) -> key.startsWith(LOGGING_LEVEL)).toList();
		if (keys.isEmpty()) {
			return false;
		}
		LoggingSystem system = this.context.getBeanProvider(LoggingSystem.class)
			.getIfAvailable(() -> LoggingSystem.get(this.context.getClassLoader()));
		ConfigurableEnvironment environment = this.context.getEnvironment();
		for (String key : keys) {
			String logger = key.substring(LOGGING_LEVEL.length());
			String value = environment.getProperty(key);
			LogLevel level = (value != null) ? toLevel(value) : null;
			if (logger.equalsIgnoreCase(LoggingSystem.ROOT_LOGGER_NAME)) {
				// The root logger cannot lose its level: back to Boot's default.
				system.setLogLevel(LoggingSystem.ROOT_LOGGER_NAME, (level != null) ? level : LogLevel.INFO);
			}
			else {
				system.setLogLevel(logger, level);
			}
		}
		return true;
	}

	private static LogLevel toLevel(String value) {
		String trimmed = value.trim();
		return "false".equalsIgnoreCase(trimmed) ? LogLevel.OFF : LogLevel.valueOf(trimmed.toUpperCase(Locale.ROOT));
	}

	/**
	 * Destroys the refresh-scoped beans and re-creates them now, so that a failure shows
	 * here.
	 */
	private List<String> refreshScope() {
		RefreshScope scope = this.context.getBeanProvider(RefreshScope.class).getIfAvailable();
		if (scope == null) {
			return List.of();
		}
		scope.refreshAll();
		List<String> recreated = new ArrayList<>();
		try (CacheOverride cached = ConfigurationPropertyCaching.get(this.context.getEnvironment()).override()) {
			for (String name : eagerRefreshScopedBeans()) {
				this.context.getBeanFactory().getBean(name);
				recreated.add(name.replace("scopedTarget.", "") + " (refresh scope)");
			}
		}
		return recreated;
	}

	/**
	 * The refresh-scoped beans to re-create at once. Found once: scanning every bean
	 * definition on each change costs more than the rest of the refresh, and the
	 * definitions do not change after start-up.
	 */
	List<String> eagerRefreshScopedBeans() {
		List<String> names = this.eagerRefreshScoped;
		if (names == null) {
			names = new ArrayList<>();
			ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
			for (String name : beanFactory.getBeanDefinitionNames()) {
				BeanDefinition definition = beanFactory.getBeanDefinition(name);
				if ("refresh".equals(definition.getScope()) && !definition.isLazyInit() && !definition.isAbstract()) {
					names.add(name);
				}
			}
			names = List.copyOf(names);
			this.eagerRefreshScoped = names;
		}
		return names;
	}

	private static boolean hasNoArgConstructor(Class<?> type) {
		try {
			type.getDeclaredConstructor();
			return true;
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
	}

	private @Nullable ConfigurationPropertiesRebinder rebinder() {
		return this.context.getBeanProvider(ConfigurationPropertiesRebinder.class).getIfAvailable();
	}

}
