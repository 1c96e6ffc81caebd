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
 * volumes. In event mode the route's own ConfigMap watch reports every change, so an
 * inert detector also takes the place of spring-cloud-kubernetes' ConfigMap watcher, and
 * of its Secret watcher when the route watches every Secret it reads (none selected by
 * labels or read for a profile).
 */
class SpringCloudKubernetesWatcherGuard implements InstantiationAwareBeanPostProcessor, BeanFactoryAware {

	private static final Log logger = LogFactory.getLog(SpringCloudKubernetesWatcherGuard.class);

	/**
	 * spring-cloud-kubernetes' ConfigMap watcher in event mode. Its factory method
	 * declares only {@link ConfigurationChangeDetector}, so the name tells it apart.
	 */
	static final String CONFIG_MAP_EVENT_WATCHER = "configMapPropertyChangeEventWatcher";

	/** spring-cloud-kubernetes' Secret watcher in event mode. */
	static final String SECRETS_EVENT_WATCHER = "secretsPropertyChangeEventWatcher";

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
		if (!reloader.verifyPermissions()) {
			logger.warn("Not starting spring-cloud-kubernetes' " + beanName
					+ " without the RBAC permission it needs; ConfigMap changes are picked up by the periodic resync"
					+ " once the permission is granted");
			return new InertChangeDetector();
		}
		if (CONFIG_MAP_EVENT_WATCHER.equals(beanName) && reloader.watchesConfigMaps()) {
			// Its informer would see every change Steadypod's sees, list the namespace to
			// compare, then call the route, which reads again: per change a second watch
			// event, three more lists and a second reconcile, all while the first
			// reload runs.
			logger.debug("Steadypod's ConfigMap watch takes the place of spring-cloud-kubernetes' " + beanName);
			return new InertChangeDetector();
		}
		if (SECRETS_EVENT_WATCHER.equals(beanName) && reloader.watchesEverySecret()) {
			// The same, and it lists and watches every Secret of the namespace, which a
			// Role limited to the named Secrets refuses: start-up would fail on it.
			logger.debug(
					"Steadypod's watch of the named Secrets takes the place of spring-cloud-kubernetes' " + beanName);
			return new InertChangeDetector();
		}
		return null;
	}

	/** Takes the place of a watcher that may not, or need not, watch. */
	static final class InertChangeDetector extends ConfigurationChangeDetector {

		InertChangeDetector() {
			super(ConfigurationUpdateStrategy.NOOP);
		}

	}

}
