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

package dev.steadypod.reload.kubernetes;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.cloud.kubernetes.commons.config.reload.ConfigurationChangeDetector;
import org.springframework.cloud.kubernetes.commons.config.reload.ConfigurationUpdateStrategy;

/**
 * Runs the RBAC check just before spring-cloud-kubernetes creates its change detectors,
 * whose informer would otherwise stop start-up with a bare HTTP 403. When a permission is
 * missing, start-up fails with the actionable message, or, with
 * {@code steadypod.reload.fail-on-missing-permissions=false}, an inert detector takes the
 * watcher's place so that the application starts and keeps reloading from mounted
 * volumes.
 */
class SpringCloudKubernetesWatcherGuard implements InstantiationAwareBeanPostProcessor, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(SpringCloudKubernetesWatcherGuard.class);

	private BeanFactory beanFactory;

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public Object postProcessBeforeInstantiation(Class<?> beanClass, String beanName) throws BeansException {
		if (!ConfigurationChangeDetector.class.isAssignableFrom(beanClass)) {
			return null;
		}
		KubernetesConfigReloader reloader = this.beanFactory.getBean(KubernetesConfigReloader.class);
		if (reloader.verifyPermissions()) {
			return null;
		}
		logger.warn("Not starting spring-cloud-kubernetes' " + beanName + " without the RBAC permission it needs;"
				+ " ConfigMap changes are picked up by the periodic resync once the permission is granted");
		return new InertChangeDetector();
	}

	/** Takes the place of a watcher that may not watch. */
	static final class InertChangeDetector extends ConfigurationChangeDetector {

		InertChangeDetector() {
			super(ConfigurationUpdateStrategy.NOOP);
		}

	}

}
