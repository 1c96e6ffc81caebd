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

package dev.steadypod.bench;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;

/**
 * Scenario 2: a ConfigMap update on the Kubernetes API (fabric8's mock API server in CRUD
 * mode, with watches) until the new value is served: Steadypod's pipeline versus
 * spring-cloud-kubernetes' own default refresh strategy, same jar, same harness.
 */
final class ApiReloadScenario implements Scenario {

	static final int UPDATES = 20;

	static final String NAMESPACE = "bench";

	static final String NAME = "steadypod-demo";

	@Override
	public String id() {
		return "api";
	}

	@Override
	public void run(BenchContext context, Report report) throws Exception {
		Samples steadypod = measure(context, "api-steadypod", true);
		Samples springCloud = measure(context, "api-spring-cloud-kubernetes", false);
		String scenario = "2. API reload (" + UPDATES + " ConfigMap updates, mock API server)";
		double ratio = springCloud.median() / steadypod.median();
		report.add(new Report.Row(scenario, "median: update to new value served", Samples.ms(steadypod.median()),
				"spring-cloud-kubernetes refresh strategy", Samples.ms(springCloud.median()), ratio, "faster"));
		report.add(new Report.Row(scenario, "worst: update to new value served", Samples.ms(steadypod.max()),
				"spring-cloud-kubernetes refresh strategy", Samples.ms(springCloud.max()),
				springCloud.max() / steadypod.max(), "faster"));
		report.goal("API reload >= 2x faster than spring-cloud-kubernetes' own refresh (medians)",
				String.format(Locale.ROOT, "%.1fx", ratio), ratio >= 2);
	}

	private Samples measure(BenchContext context, String name, boolean steadypodRoute) throws Exception {
		KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
				new KubernetesCrudDispatcher(List.of()), false);
		server.init(InetAddress.getByName("127.0.0.1"), 0);
		try (KubernetesClient client = server.createClient()) {
			client.configMaps().inNamespace(NAMESPACE).resource(configMap("a0")).create();
			try (DemoProcess demo = context.start(name, false,
					ApiRoute.args(server.url("/"), NAMESPACE, NAME, steadypodRoute))) {
				demo.awaitReady();
				Greetings.awaitMessage(demo.appPort(), "a0", Duration.ofSeconds(30));
				Samples samples = new Samples();
				for (int i = 1; i <= UPDATES; i++) {
					long updated = System.nanoTime();
					client.configMaps().inNamespace(NAMESPACE).resource(configMap("a" + i)).update();
					long served = Greetings.awaitMessage(demo.appPort(), "a" + i, Duration.ofSeconds(60));
					samples.addNanos(served - updated);
					DemoProcess.pause(300);
				}
				return samples;
			}
		}
		finally {
			server.destroy();
		}
	}

	private static ConfigMap configMap(String message) {
		return new ConfigMapBuilder().withNewMetadata()
			.withName(NAME)
			.withNamespace(NAMESPACE)
			.endMetadata()
			.withData(Greetings.configMap(message))
			.build();
	}

}
