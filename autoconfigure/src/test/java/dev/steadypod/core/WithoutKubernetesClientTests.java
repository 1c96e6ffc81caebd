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

import java.lang.reflect.Constructor;
import java.net.URL;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport;
import org.springframework.boot.autoconfigure.condition.ConditionEvaluationReport.ConditionAndOutcomes;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.core.io.UrlResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.StringUtils;

import dev.steadypod.reload.ConfigFileWatcher;
import dev.steadypod.reload.ConfigReloadPipeline;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What an application on {@code steadypod-spring-boot-starter} (no Kubernetes client)
 * gets: every Steadypod auto-configuration, with the Kubernetes libraries hidden, starts
 * and loads no class of the Kubernetes API route, even on Kubernetes with
 * spring-cloud-kubernetes' reload switched on. The consumer builds (module
 * {@code consumers}) run the same on a classpath that really lacks them.
 */
class WithoutKubernetesClientTests {

	/** The libraries steadypod-spring-boot-starter-kubernetes adds. */
	private static final String[] KUBERNETES_LIBRARIES = { "io.fabric8.", "org.springframework.cloud.kubernetes.",
			"io.vertx.", "okhttp3.", "kotlin." };

	private static final String API_ROUTE_PACKAGE = "dev.steadypod.reload.kubernetes";

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(RefreshAutoConfiguration.class,
				ConfigurationPropertiesRebinderAutoConfiguration.class))
		.withConfiguration(AutoConfigurations.of(steadypodAutoConfigurations()))
		.withPropertyValues("spring.main.cloud-platform=kubernetes", "spring.cloud.kubernetes.reload.enabled=true");

	@ParameterizedTest
	@ValueSource(strings = { "all", "io.fabric8.", "org.springframework.cloud.kubernetes.",
			"org.springframework.cloud.kubernetes.fabric8." })
	void mountedReloadStartsAndTheApiRouteBacksOffWhenKubernetesLibrariesAreMissing(String hidden) {
		String[] packages = "all".equals(hidden) ? KUBERNETES_LIBRARIES : new String[] { hidden };
		this.contextRunner.withClassLoader(new FilteredClassLoader(packages)).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(SteadypodProperties.class)
				.hasSingleBean(ConfigReloadPipeline.class)
				.hasSingleBean(ConfigFileWatcher.class);
			List<String> apiRouteBeans = new ArrayList<>();
			for (String name : context.getBeanDefinitionNames()) {
				Class<?> type = context.getType(name);
				String className = (type != null) ? type.getName()
						: context.getBeanFactory().getBeanDefinition(name).getBeanClassName();
				if (className != null && className.startsWith(API_ROUTE_PACKAGE)) {
					apiRouteBeans.add(name + " (" + className + ")");
				}
			}
			assertThat(apiRouteBeans).isEmpty();
		});
	}

	@Test
	void theApiRouteIsRuledOutByItsClassConditionBeforeAnyOfItsClassesIsLoaded() {
		// The import list names it (one autoconfigure jar serves both starters); its
		// class-level condition, read from bytecode, keeps it out.
		this.contextRunner.withClassLoader(new FilteredClassLoader(KUBERNETES_LIBRARIES)).run((context) -> {
			ConditionEvaluationReport report = ConditionEvaluationReport.get(context.getBeanFactory());
			ConditionAndOutcomes outcomes = report.getConditionAndOutcomesBySource()
				.get(API_ROUTE_PACKAGE + ".KubernetesConfigReloadAutoConfiguration");
			assertThat(outcomes).isNotNull();
			assertThat(outcomes.isFullMatch()).isFalse();
			assertThat(outcomes).anySatisfy((outcome) -> {
				assertThat(outcome.getCondition().getClass().getSimpleName()).isEqualTo("OnClassCondition");
				assertThat(outcome.getOutcome().isMatch()).isFalse();
			});
		});
	}

	@Test
	void theApiRoutesFailureAnalyzerLoadsWithoutKubernetesLibraries() throws Exception {
		// Registered in spring.factories, so every application loads it, starter or not.
		FilteredClassLoader classLoader = new FilteredClassLoader(KUBERNETES_LIBRARIES);
		List<String> ours = new ArrayList<>();
		for (Properties factories : loadFactories(classLoader)) {
			for (String name : StringUtils
				.commaDelimitedListToStringArray(factories.getProperty(FailureAnalyzer.class.getName(), ""))) {
				if (name.trim().startsWith("dev.steadypod.")) {
					ours.add(name.trim());
				}
			}
		}
		assertThat(ours).anyMatch((name) -> name.startsWith(API_ROUTE_PACKAGE));
		for (String name : ours) {
			Constructor<?> constructor = Class.forName(name, true, classLoader).getDeclaredConstructor();
			constructor.setAccessible(true);
			assertThat(constructor.newInstance()).isInstanceOf(FailureAnalyzer.class);
		}
	}

	private static List<Properties> loadFactories(ClassLoader classLoader) throws Exception {
		List<Properties> all = new ArrayList<>();
		Enumeration<URL> urls = classLoader.getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION);
		while (urls.hasMoreElements()) {
			all.add(PropertiesLoaderUtils.loadProperties(new UrlResource(urls.nextElement())));
		}
		return all;
	}

	private static Class<?>[] steadypodAutoConfigurations() {
		List<Class<?>> types = new ArrayList<>();
		for (String name : ImportCandidates.load(AutoConfiguration.class,
				WithoutKubernetesClientTests.class.getClassLoader())) {
			if (name.startsWith("dev.steadypod.")) {
				try {
					types.add(Class.forName(name, false, WithoutKubernetesClientTests.class.getClassLoader()));
				}
				catch (ClassNotFoundException ex) {
					throw new IllegalStateException(ex);
				}
			}
		}
		return types.toArray(Class<?>[]::new);
	}

}
