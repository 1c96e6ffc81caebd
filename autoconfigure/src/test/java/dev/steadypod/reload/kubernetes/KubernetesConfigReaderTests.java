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

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.core.env.CompositePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class KubernetesConfigReaderTests {

	@Test
	void hashDoesNotDependOnTheOrderTheApiServerListsPropertiesIn() {
		Map<String, Object> ab = new LinkedHashMap<>();
		ab.put("a", "1");
		ab.put("b", "2");
		Map<String, Object> ba = new LinkedHashMap<>();
		ba.put("b", "2");
		ba.put("a", "1");
		assertThat(KubernetesConfigReader.hash(composite("configmap.app.test", ab)))
			.isEqualTo(KubernetesConfigReader.hash(composite("configmap.app.test", ba)));
	}

	@Test
	void hashChangesWithAValueOrWhenAValueMovesToAnotherConfigMap() {
		String original = KubernetesConfigReader.hash(composite("configmap.app.test", Map.of("a", "1")));
		assertThat(KubernetesConfigReader.hash(composite("configmap.app.test", Map.of("a", "2"))))
			.isNotEqualTo(original);
		assertThat(KubernetesConfigReader.hash(composite("configmap.other.test", Map.of("a", "1"))))
			.isNotEqualTo(original);
	}

	@Test
	void sourceNamesSplitIntoTypeNameAndNamespaceEvenWhenTheNameHasDots() {
		assertThat(KubernetesConfigReloader.parseSourceName("configmap.app.test")).containsExactly("configmap", "app",
				"test");
		assertThat(KubernetesConfigReloader.parseSourceName("configmap.shop.orders.v2.prod"))
			.containsExactly("configmap", "shop.orders.v2", "prod");
		assertThat(KubernetesConfigReloader.parseSourceName("composite-configmap")).isNull();
		assertThat(KubernetesConfigReloader.parseSourceName("configmap.app.")).isNull();
	}

	private static List<PropertySource<?>> composite(String child, Map<String, Object> properties) {
		CompositePropertySource composite = new CompositePropertySource("composite-configmap");
		composite.addPropertySource(new MapPropertySource(child, properties));
		return List.of(composite);
	}

}
