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

package dev.steadypod.liveness;

import java.util.concurrent.atomic.AtomicBoolean;

import dev.steadypod.core.ProbesOnApplicationPort;
import dev.steadypod.core.SteadypodEnvironment;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.boot.cloud.CloudPlatform;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;

/**
 * Warns, once, when the application runs in Kubernetes with its probes served on the
 * application port: there they queue behind user requests in the same thread pool and
 * time out exactly when the pod is busiest, and the kubelet then kills a healthy pod.
 */
class ProbesOnApplicationPortWarning implements ApplicationListener<ApplicationStartedEvent> {

	private static final Log logger = LogFactory.getLog(ProbesOnApplicationPortWarning.class);

	// One container runs one application: a second context in the same JVM (a context
	// restart) must not repeat the warning.
	private static final AtomicBoolean warned = new AtomicBoolean();

	private final Environment environment;

	ProbesOnApplicationPortWarning(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void onApplicationEvent(ApplicationStartedEvent event) {
		if (SteadypodEnvironment.isManagementContext(event.getApplicationContext())) {
			return;
		}
		if (CloudPlatform.KUBERNETES.isActive(this.environment) && ProbesOnApplicationPort.applies(this.environment)
				&& warned.compareAndSet(false, true)) {
			logger.warn(ProbesOnApplicationPort.WARNING);
		}
	}

}
