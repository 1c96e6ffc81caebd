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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.marcnuri.helm.DryRun;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.InstallCommand;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.Release;
import com.marcnuri.helm.TemplateCommand;
import com.marcnuri.helm.UpgradeCommand;
import org.yaml.snakeyaml.Yaml;

/**
 * The chart in {@code helm/steadypod}, driven by real Helm (helm-java's bundled native
 * library).
 */
final class SteadypodChart {

	/** Relative to demo-app's base directory, where Maven runs the tests. */
	static final Path DIRECTORY = Path.of("..", "helm", "steadypod").toAbsolutePath().normalize();

	static final String RELEASE = "shop";

	static final String NAMESPACE = "steady";

	/** The name the chart gives its objects for {@link #RELEASE}. */
	static final String FULLNAME = "shop-steadypod";

	private SteadypodChart() {
	}

	/**
	 * Renders the chart with {@code --set} style overrides.
	 * @param sets dotted value paths to values
	 * @return the rendered objects
	 * @throws IllegalStateException with Helm's message when rendering fails
	 */
	static RenderedChart template(Map<String, Object> sets) {
		TemplateCommand command = new Helm(DIRECTORY).template().withName(RELEASE).withNamespace(NAMESPACE);
		sets.forEach(command::set);
		return RenderedChart.parse(command.call());
	}

	/**
	 * Renders the chart with a values file (for values that {@code --set} would turn into
	 * strings, such as fractional numbers).
	 */
	static RenderedChart templateWithValues(String valuesYaml, Path workDir) {
		Path valuesFile = workDir.resolve("values-" + System.nanoTime() + ".yaml");
		write(valuesFile, valuesYaml);
		return RenderedChart.parse(new Helm(DIRECTORY).template()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withValuesFile(valuesFile)
			.call());
	}

	/**
	 * What {@code helm install --dry-run=client} prints: the release status and the
	 * rendered NOTES.txt.
	 */
	static String installDryRun(Map<String, Object> sets) {
		InstallCommand command = new Helm(DIRECTORY).install()
			.withName(RELEASE)
			.withNamespace(NAMESPACE)
			.withDryRunOption(DryRun.CLIENT)
			.clientOnly();
		sets.forEach(command::set);
		return command.call().getOutput();
	}

	/**
	 * {@code helm install} into the cluster of a kubeconfig. Without validation against
	 * the server's OpenAPI schema, which {@link MockKubernetesCluster} does not serve
	 * (the rendered objects are strictly parsed by {@link RenderedChart} instead).
	 * @throws IllegalStateException with Helm's message when it fails
	 */
	static Release install(String release, String kubeconfig, Map<String, Object> sets) {
		InstallCommand command = new Helm(DIRECTORY).install()
			.withName(release)
			.withNamespace(NAMESPACE)
			.withKubeConfigContents(kubeconfig)
			.disableOpenApiValidation();
		sets.forEach(command::set);
		return command.call();
	}

	/**
	 * {@code helm upgrade} of a release in the cluster of a kubeconfig, without OpenAPI
	 * validation (see {@link #install}).
	 * @throws IllegalStateException with Helm's message when it fails
	 */
	static Release upgrade(String release, String kubeconfig, Map<String, Object> sets) {
		UpgradeCommand command = new Helm(DIRECTORY).upgrade()
			.withName(release)
			.withNamespace(NAMESPACE)
			.withKubeConfigContents(kubeconfig)
			.disableOpenApiValidation();
		sets.forEach(command::set);
		return command.call();
	}

	/**
	 * Renders the {@code helm test} hooks. helm-java's template and install print only
	 * the release manifest, never hooks, so a copy of the chart has the hook annotation
	 * taken off its test templates (the original must carry it: see the caller) and is
	 * rendered as plain objects.
	 */
	static RenderedChart templateTestHooks(Path workDir) {
		Path copy = workDir.resolve("steadypod-hooks");
		copyTree(DIRECTORY, copy);
		try (Stream<Path> tests = Files.list(copy.resolve("templates/tests"))) {
			for (Path test : tests.toList()) {
				write(test, read(test).replace("\"helm.sh/hook\": test", "\"steadypod.dev/was-hook\": test"));
			}
			Files.walk(copy.resolve("templates"))
				.filter((file) -> Files.isRegularFile(file) && !file.startsWith(copy.resolve("templates/tests"))
						&& file.toString().endsWith(".yaml"))
				.forEach((file) -> {
					try {
						Files.delete(file);
					}
					catch (IOException ex) {
						throw new UncheckedIOException(ex);
					}
				});
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return RenderedChart.parse(new Helm(copy).template().withName(RELEASE).withNamespace(NAMESPACE).call());
	}

	static RenderedChart template() {
		return template(Map.of());
	}

	/**
	 * Runs {@code helm lint --strict} on the chart with its values.yaml deep-merged with
	 * the overrides. helm-java's lint takes no values, so the chart is copied to a
	 * temporary directory whose values.yaml carries the overrides.
	 */
	static LintResult lintStrict(Map<String, Object> overrides, Path workDir) {
		Path copy = workDir.resolve("steadypod");
		copyTree(DIRECTORY, copy);
		if (!overrides.isEmpty()) {
			Map<String, Object> values = defaultValues();
			overrides.forEach((path, value) -> put(values, path, value));
			write(copy.resolve("values.yaml"), new Yaml().dump(values));
		}
		return new Helm(copy).lint().strict().call();
	}

	/** The chart's values.yaml as maps and lists. */
	static Map<String, Object> defaultValues() {
		return new Yaml().load(read(DIRECTORY.resolve("values.yaml")));
	}

	@SuppressWarnings("unchecked")
	private static void put(Map<String, Object> values, String dottedPath, Object value) {
		String[] keys = dottedPath.split("\\.");
		Map<String, Object> map = values;
		for (int i = 0; i < keys.length - 1; i++) {
			map = (Map<String, Object>) map.computeIfAbsent(keys[i], (key) -> new LinkedHashMap<>());
		}
		map.put(keys[keys.length - 1], value);
	}

	static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void write(Path file, String content) {
		try {
			Files.writeString(file, content);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static void copyTree(Path from, Path to) {
		try (Stream<Path> paths = Files.walk(from)) {
			List<Path> all = new ArrayList<>(paths.toList());
			for (Path source : all) {
				Path target = to.resolve(from.relativize(source).toString());
				if (Files.isDirectory(source)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(source, target);
				}
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
