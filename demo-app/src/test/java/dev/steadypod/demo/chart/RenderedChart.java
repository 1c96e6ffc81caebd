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

package dev.steadypod.demo.chart;

import java.beans.IntrospectionException;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResource;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import org.yaml.snakeyaml.Yaml;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import dev.steadypod.reload.ReloadProperties;

/**
 * The output of {@code helm template}, parsed into fabric8 model objects. Parsing is
 * strict: a field that the Kubernetes model does not know (a typo, a wrong indentation, a
 * field of the wrong type) ends up in a model object's {@code additionalProperties}, and
 * that fails the parse.
 */
final class RenderedChart {

	private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

	private final String manifest;

	private final List<HasMetadata> objects;

	private RenderedChart(String manifest, List<HasMetadata> objects) {
		this.manifest = manifest;
		this.objects = objects;
	}

	static RenderedChart parse(String manifest) {
		List<HasMetadata> objects = new ArrayList<>();
		for (String document : manifest.split("(?m)^---\\s*$")) {
			Object raw = new Yaml().load(document);
			if (raw == null) {
				continue;
			}
			KubernetesResource resource = SERIALIZATION.unmarshal(document);
			if (!(resource instanceof HasMetadata object)) {
				throw new IllegalStateException("Not a Kubernetes object: " + document);
			}
			if (!(object instanceof GenericKubernetesResource)) {
				List<String> unknown = new ArrayList<>();
				collectUnknownFields(object, object.getKind(), unknown);
				if (!unknown.isEmpty()) {
					throw new IllegalStateException(object.getKind() + " " + object.getMetadata().getName()
							+ " has fields the Kubernetes model does not know: " + unknown);
				}
			}
			objects.add(object);
		}
		return new RenderedChart(manifest, List.copyOf(objects));
	}

	String manifest() {
		return this.manifest;
	}

	List<HasMetadata> objects() {
		return this.objects;
	}

	<T extends HasMetadata> List<T> all(Class<T> type) {
		return this.objects.stream().filter(type::isInstance).map(type::cast).toList();
	}

	<T extends HasMetadata> Optional<T> find(Class<T> type) {
		List<T> found = all(type);
		if (found.size() > 1) {
			throw new IllegalStateException("More than one " + type.getSimpleName() + ": " + found);
		}
		return found.stream().findFirst();
	}

	<T extends HasMetadata> T get(Class<T> type) {
		return find(type).orElseThrow(() -> new AssertionError("No " + type.getSimpleName() + " rendered"));
	}

	List<GenericKubernetesResource> generic(String kind) {
		return all(GenericKubernetesResource.class).stream().filter((r) -> kind.equals(r.getKind())).toList();
	}

	Deployment deployment() {
		return get(Deployment.class);
	}

	Container container() {
		List<Container> containers = deployment().getSpec().getTemplate().getSpec().getContainers();
		if (containers.size() != 1) {
			throw new AssertionError("Expected one container, got " + containers);
		}
		return containers.get(0);
	}

	/**
	 * The starter's reload properties as the app would bind them from the container's
	 * literal environment variables (the chart's {@code STEADYPOD_RELOAD_*} settings).
	 */
	ReloadProperties reloadProperties() {
		Map<String, Object> variables = new LinkedHashMap<>();
		container().getEnv()
			.stream()
			.filter((variable) -> variable.getValue() != null)
			.forEach((variable) -> variables.put(variable.getName(), variable.getValue()));
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new SystemEnvironmentPropertySource(
					"chart-" + StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
		return Binder.get(environment).bind("steadypod.reload", ReloadProperties.class).get();
	}

	ConfigMap configMap() {
		return get(ConfigMap.class);
	}

	/**
	 * Walks every fabric8 model object reachable from {@code node} and records non-empty
	 * additionalProperties.
	 */
	private static void collectUnknownFields(Object node, String path, List<String> unknown) {
		if (node == null) {
			return;
		}
		if (node instanceof Collection<?> collection) {
			int i = 0;
			for (Object element : collection) {
				collectUnknownFields(element, path + "[" + i++ + "]", unknown);
			}
			return;
		}
		if (node instanceof Map<?, ?> map) {
			map.forEach((key, value) -> collectUnknownFields(value, path + "." + key, unknown));
			return;
		}
		if (!node.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
			return;
		}
		try {
			for (PropertyDescriptor property : Introspector.getBeanInfo(node.getClass(), Object.class)
				.getPropertyDescriptors()) {
				if (property.getReadMethod() == null) {
					continue;
				}
				Object value = property.getReadMethod().invoke(node);
				if (property.getName().equals("additionalProperties")) {
					if (value instanceof Map<?, ?> extra && !extra.isEmpty()) {
						unknown.add(path + " " + extra.keySet());
					}
				}
				else {
					collectUnknownFields(value, path + "." + property.getName(), unknown);
				}
			}
		}
		catch (IntrospectionException | IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot inspect " + path, ex);
		}
	}

}
