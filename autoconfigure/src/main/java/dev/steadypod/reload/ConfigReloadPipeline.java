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

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.AopProxyUtils;
import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.origin.OriginTrackedValue;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.properties.ConfigurationPropertiesRebinder;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * The one validate-and-apply path for configuration changes, whatever their source
 * (mounted files, the Kubernetes API). Applies are serialised. A candidate whose content
 * hash is already active, or that changes no effective property value, is
 * {@code unchanged}; one that fails to bind or validate against any
 * {@code @ConfigurationProperties} bean is {@code rejected} with nothing applied;
 * otherwise the property sources are swapped, the affected beans get their validated new
 * state, the refresh scope is re-created, all while no request is in flight. An apply
 * that throws is rolled back and reported {@code failed}.
 */
public class ConfigReloadPipeline {

	private static final Log logger = LogFactory.getLog(ConfigReloadPipeline.class);

	private static final int HISTORY = 20;

	/** Budget of the outcome history, so the endpoint's answer stays small. */
	private static final int HISTORY_BYTES = 64 * 1024;

	private static final String ATTACHED_SOURCE = "configurationProperties";

	private final ConfigurableApplicationContext context;

	private final ConfigurableEnvironment environment;

	private final ReloadProperties properties;

	private final RequestGate gate;

	private final CandidateBinder binder;

	private final Clock clock;

	private final RestartPolicy restartPolicy;

	private final ReentrantLock applyLock = new ReentrantLock();

	private final Map<String, String> activeHashes = new ConcurrentHashMap<>();

	private final Deque<ReloadOutcome> history = new ArrayDeque<>();

	private final Map<String, String> statusLines = new ConcurrentHashMap<>();

	private final List<ReloadListener> listeners = new CopyOnWriteArrayList<>();

	private volatile Instant lastApplied;

	public ConfigReloadPipeline(ConfigurableApplicationContext context, ReloadProperties properties, RequestGate gate) {
		this(context, properties, gate, Clock.systemUTC());
	}

	ConfigReloadPipeline(ConfigurableApplicationContext context, ReloadProperties properties, RequestGate gate,
			Clock clock) {
		this.context = context;
		this.environment = context.getEnvironment();
		this.properties = properties;
		this.gate = gate;
		this.binder = new CandidateBinder(context);
		this.clock = clock;
		this.restartPolicy = new RestartPolicy(context, properties);
	}

	/**
	 * Validates and, if valid and different, applies a candidate.
	 * @param candidate the proposed change
	 * @return what happened
	 */
	public ReloadOutcome submit(ConfigCandidate candidate) {
		this.applyLock.lock();
		long start = System.nanoTime();
		try {
			String source = candidate.source();
			if (candidate.contentHash().equals(this.activeHashes.get(source))) {
				return finish(source, ReloadResult.UNCHANGED, List.of(), "content hash already active",
						candidate.contentHash(), start);
			}
			MutablePropertySources live = this.environment.getPropertySources();
			MutablePropertySources candidateSources = copyWithout(live, ATTACHED_SOURCE);
			applyCandidate(candidateSources, candidate);
			List<String> changedKeys = changedKeys(live, candidateSources, candidate);
			if (changedKeys.isEmpty()) {
				// Keep the Environment's sources current (a later change elsewhere may
				// uncover them); no
				// effective value changes, so no bean needs rebinding and requests cannot
				// tell.
				applyCandidate(live, candidate);
				this.activeHashes.put(source, candidate.contentHash());
				return finish(source, ReloadResult.UNCHANGED, List.of(), "no effective property change",
						candidate.contentHash(), start);
			}
			long validateStart = System.nanoTime();
			List<ConfigurationPropertyName> changedNames = propertyNames(changedKeys);
			// Only beans a changed key can reach are bound: the apply touches no other
			// bean either.
			CandidateBinder.Result bound = this.binder.bindAll(candidateSources,
					(prefix) -> isAffected(prefix, changedNames));
			long validatedNanos = System.nanoTime() - validateStart;
			if (!bound.problems().isEmpty()) {
				for (CandidateBinder.Problem problem : bound.problems()) {
					logger.warn("Rejected configuration change from " + source + " " + candidate.locations() + ": "
							+ problem + "; still serving the previous configuration");
				}
				return finish(source, ReloadResult.REJECTED, changedKeys,
						bound.problems().stream().map(CandidateBinder.Problem::toString).toList().toString(),
						candidate.contentHash(), start);
			}
			List<CandidateBinder.BoundBean> affected = affectedBeans(bound.bound().values(), changedKeys);
			long applyStart = System.nanoTime();
			String failure = apply(candidate, changedKeys, affected);
			long appliedNanos = System.nanoTime() - applyStart;
			if (failure != null) {
				logger.error("Applying the configuration change from " + source + " " + candidate.locations()
						+ " failed and was rolled back: " + failure);
				return finish(source, ReloadResult.FAILED, changedKeys, failure, candidate.contentHash(), start);
			}
			this.activeHashes.put(source, candidate.contentHash());
			this.lastApplied = this.clock.instant();
			notifyActiveHash();
			logger.info("Applied configuration change from " + source + " " + candidate.locations() + ", changed keys "
					+ changedKeys + " (validated in " + validatedNanos / 1_000_000 + " ms, swapped in "
					+ appliedNanos / 1_000_000 + " ms)");
			ReloadOutcome outcome = finish(source, ReloadResult.APPLIED, changedKeys, "", candidate.contentHash(),
					start);
			handleRestartRequired(source, changedKeys, candidate.contentHash());
			this.context.publishEvent(new ConfigReloadedEvent(this, source, changedKeys, candidate.contentHash()));
			return outcome;
		}
		finally {
			this.applyLock.unlock();
		}
	}

	/**
	 * Records an outcome that has no candidate, for example a file that cannot be parsed
	 * or a deleted ConfigMap. A {@code rejected} outcome is logged at WARN.
	 * @param source where the change came from
	 * @param result how it ended
	 * @param reason why, for logs and the endpoint
	 * @return the recorded outcome
	 */
	public ReloadOutcome record(String source, ReloadResult result, String reason) {
		this.applyLock.lock();
		try {
			if (result == ReloadResult.REJECTED || result == ReloadResult.FAILED) {
				logger.warn(((result == ReloadResult.REJECTED) ? "Rejected" : "Failed") + " configuration change from "
						+ source + ": " + reason + "; still serving the previous configuration");
			}
			return finish(source, result, List.of(), reason, null, System.nanoTime());
		}
		finally {
			this.applyLock.unlock();
		}
	}

	/**
	 * Declares the content hash that is active for a source without applying anything,
	 * typically the hash of what was loaded at start-up.
	 * @param source the source
	 * @param contentHash its active content hash
	 */
	public void initialize(String source, String contentHash) {
		this.activeHashes.put(source, contentHash);
		notifyActiveHash();
	}

	private void notifyActiveHash() {
		String hash = activeHash();
		for (ReloadListener listener : this.listeners) {
			listener.onActiveHashChanged(hash);
		}
	}

	/**
	 * Adds or replaces a status line shown by the {@code configreload} endpoint, for
	 * example a missing permission of one reload route.
	 * @param key identifies the line, to replace or remove it later
	 * @param message the line
	 */
	public void putStatus(String key, String message) {
		this.statusLines.put(key, message);
	}

	/** Removes a status line. */
	public void removeStatus(String key) {
		this.statusLines.remove(key);
	}

	/** Status lines added by the reload routes. */
	public Map<String, String> statusLines() {
		return Map.copyOf(this.statusLines);
	}

	/** Registers a listener told about every outcome (metrics use it). */
	public void addListener(ReloadListener listener) {
		this.listeners.add(listener);
	}

	/** The active content hash per source. */
	public Map<String, String> activeHashes() {
		return Map.copyOf(this.activeHashes);
	}

	/**
	 * One hash for the whole active configuration: the source's hash when there is one
	 * source, else a hash over all sources' hashes.
	 */
	public String activeHash() {
		Map<String, String> hashes = new java.util.TreeMap<>(this.activeHashes);
		if (hashes.isEmpty()) {
			return null;
		}
		if (hashes.size() == 1) {
			return hashes.values().iterator().next();
		}
		ContentHasher hasher = new ContentHasher();
		hashes.forEach((source, hash) -> hasher.add(source, hash.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
		return hasher.hex();
	}

	/** When a change was last applied, or {@code null}. */
	public Instant lastApplied() {
		return this.lastApplied;
	}

	/** The last 20 outcomes (at most about 64 KiB of them), newest first. */
	public List<ReloadOutcome> recentOutcomes() {
		synchronized (this.history) {
			return List.copyOf(this.history);
		}
	}

	private ReloadOutcome finish(String source, ReloadResult result, List<String> changedKeys, String reason,
			String hash, long startNanos) {
		Duration duration = Duration.ofNanos(System.nanoTime() - startNanos);
		ReloadOutcome outcome = new ReloadOutcome(this.clock.instant(), source, result, changedKeys, reason, hash,
				duration);
		synchronized (this.history) {
			this.history.addFirst(boundedForHistory(outcome));
			long bytes = this.history.stream().mapToLong(ConfigReloadPipeline::historyBytes).sum();
			while (this.history.size() > HISTORY || (this.history.size() > 1 && bytes > HISTORY_BYTES)) {
				bytes -= historyBytes(this.history.removeLast());
			}
		}
		if (result == ReloadResult.UNCHANGED) {
			logger.debug("Configuration from " + source + " unchanged: " + reason);
		}
		for (ReloadListener listener : this.listeners) {
			try {
				listener.onOutcome(outcome);
			}
			catch (RuntimeException ex) {
				logger.warn("Reload listener failed", ex);
			}
		}
		return outcome;
	}

	/**
	 * The outcome as kept in the history: a change of thousands of keys lists the first
	 * ones that fit in the history's byte budget and how many more there were.
	 */
	private static ReloadOutcome boundedForHistory(ReloadOutcome outcome) {
		if (historyBytes(outcome) <= HISTORY_BYTES) {
			return outcome;
		}
		List<String> keys = new ArrayList<>();
		long bytes = 256 + outcome.reason().length();
		for (String key : outcome.changedKeys()) {
			if (bytes + key.length() + 3 > HISTORY_BYTES / 2) {
				keys.add("... and " + (outcome.changedKeys().size() - keys.size()) + " more");
				break;
			}
			keys.add(key);
			bytes += key.length() + 3;
		}
		String reason = (outcome.reason().length() > HISTORY_BYTES / 4)
				? outcome.reason().substring(0, HISTORY_BYTES / 4) + "..." : outcome.reason();
		return new ReloadOutcome(outcome.time(), outcome.source(), outcome.result(), keys, reason, outcome.hash(),
				outcome.duration());
	}

	/** Roughly the bytes an outcome takes in the endpoint's JSON. */
	private static long historyBytes(ReloadOutcome outcome) {
		long bytes = 256 + outcome.reason().length();
		for (String key : outcome.changedKeys()) {
			bytes += key.length() + 3;
		}
		return bytes;
	}

	private static MutablePropertySources copyWithout(MutablePropertySources sources, String excluded) {
		MutablePropertySources copy = new MutablePropertySources();
		for (PropertySource<?> source : sources) {
			if (!source.getName().equals(excluded)) {
				copy.addLast(source);
			}
		}
		return copy;
	}

	/** Replaces, inserts and removes the candidate's sources in {@code sources}. */
	static void applyCandidate(MutablePropertySources sources, ConfigCandidate candidate) {
		for (String removal : candidate.removals()) {
			sources.remove(removal);
		}
		List<PropertySource<?>> list = candidate.propertySources();
		// Lowest precedence first, so that each missing source can go just above its
		// lower neighbour.
		for (int i = list.size() - 1; i >= 0; i--) {
			PropertySource<?> source = list.get(i);
			if (sources.contains(source.getName())) {
				sources.replace(source.getName(), source);
			}
			else if (i < list.size() - 1) {
				sources.addBefore(list.get(i + 1).getName(), source);
			}
			else {
				String higher = null;
				for (int j = i - 1; j >= 0 && higher == null; j--) {
					if (sources.contains(list.get(j).getName())) {
						higher = list.get(j).getName();
					}
				}
				if (higher != null) {
					sources.addAfter(higher, source);
				}
				else {
					addAtConfigDataTop(sources, source);
				}
			}
		}
	}

	private static void addAtConfigDataTop(MutablePropertySources sources, PropertySource<?> source) {
		for (PropertySource<?> existing : sources) {
			if (existing.getName().startsWith("Config resource ") || existing.getName().startsWith("Config tree ")) {
				sources.addBefore(existing.getName(), source);
				return;
			}
		}
		for (String anchor : List.of("random", "systemEnvironment", "systemProperties")) {
			if (sources.contains(anchor)) {
				sources.addAfter(anchor, source);
				return;
			}
		}
		sources.addLast(source);
	}

	private static List<String> changedKeys(MutablePropertySources live, MutablePropertySources candidate,
			ConfigCandidate change) {
		TreeSet<String> keys = new TreeSet<>();
		List<String> names = new ArrayList<>(change.removals());
		change.propertySources().forEach((source) -> names.add(source.getName()));
		for (String name : names) {
			addNames(keys, live.get(name));
			addNames(keys, candidate.get(name));
		}
		Iterable<ConfigurationPropertySource> liveSources = ConfigurationPropertySources
			.from(copyWithout(live, ATTACHED_SOURCE));
		Iterable<ConfigurationPropertySource> candidateSources = ConfigurationPropertySources.from(candidate);
		List<String> changed = new ArrayList<>();
		for (String key : keys) {
			ConfigurationPropertyName name = ConfigurationPropertyName.adapt(key, '.');
			if (name.isEmpty()) {
				continue;
			}
			if (!Objects.equals(effective(liveSources, name), effective(candidateSources, name))) {
				changed.add(key);
			}
		}
		return changed;
	}

	private static void addNames(Collection<String> keys, PropertySource<?> source) {
		if (source instanceof EnumerablePropertySource<?> enumerable) {
			keys.addAll(List.of(enumerable.getPropertyNames()));
		}
	}

	private static Object effective(Iterable<ConfigurationPropertySource> sources, ConfigurationPropertyName name) {
		for (ConfigurationPropertySource source : sources) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				Object value = property.getValue();
				value = (value instanceof OriginTrackedValue tracked) ? tracked.getValue() : value;
				return (value != null) ? value.toString() : null;
			}
		}
		return null;
	}

	private static List<CandidateBinder.BoundBean> affectedBeans(Collection<CandidateBinder.BoundBean> beans,
			List<String> changedKeys) {
		List<ConfigurationPropertyName> changed = propertyNames(changedKeys);
		List<CandidateBinder.BoundBean> affected = new ArrayList<>();
		for (CandidateBinder.BoundBean bean : beans) {
			if (ScopedProxyUtils.isScopedTarget(bean.name())) {
				continue; // re-created by the refresh scope
			}
			if (isAffected(bean.prefix(), changed)) {
				affected.add(bean);
			}
		}
		return affected;
	}

	private static List<ConfigurationPropertyName> propertyNames(List<String> keys) {
		return keys.stream().map((key) -> ConfigurationPropertyName.adapt(key, '.')).toList();
	}

	/** Whether a bean bound at {@code prefix} can see one of the changed names. */
	private static boolean isAffected(String prefix, List<ConfigurationPropertyName> changed) {
		ConfigurationPropertyName prefixName = ConfigurationPropertyName.adapt(prefix, '.');
		for (ConfigurationPropertyName name : changed) {
			if (prefixName.isEmpty() || prefixName.equals(name) || prefixName.isAncestorOf(name)
					|| name.isAncestorOf(prefixName)) {
				return true;
			}
		}
		return false;
	}

	/** Returns {@code null} when applied, else why it failed (after rolling back). */
	private String apply(ConfigCandidate candidate, List<String> changedKeys,
			List<CandidateBinder.BoundBean> affected) {
		MutablePropertySources live = this.environment.getPropertySources();
		List<PropertySource<?>> before = new ArrayList<>();
		live.forEach(before::add);
		Map<CandidateBinder.BoundBean, Object> previousState = new LinkedHashMap<>();
		String[] failure = new String[1];
		this.gate.runExclusively(this.properties.getRequestDrainTimeout(), () -> {
			try {
				applyCandidate(live, candidate);
				for (CandidateBinder.BoundBean bean : affected) {
					Object target = target(bean.live());
					if (bean.ownPropertiesClass() && target.getClass() == bean.fresh().getClass()) {
						previousState.put(bean, bean.snapshotLive());
						CandidateBinder.BoundBean.copyState(bean.fresh(), target);
					}
					else {
						rebindWithSpringCloud(bean.name());
					}
				}
				// Listeners such as the logging-level rebinder react to the keys; Spring
				// Cloud's own rebinder only
				// reacts to events whose source is the context, and the beans above were
				// already rebound.
				this.context.publishEvent(new EnvironmentChangeEvent(this, new java.util.LinkedHashSet<>(changedKeys)));
				refreshScope();
			}
			catch (RuntimeException ex) {
				failure[0] = ex.getClass().getSimpleName() + ": "
						+ CandidateBinder.maskValues(String.valueOf(ex.getMessage()));
				rollback(live, before, previousState);
			}
		});
		return failure[0];
	}

	private void rollback(MutablePropertySources live, List<PropertySource<?>> before,
			Map<CandidateBinder.BoundBean, Object> previousState) {
		try {
			for (PropertySource<?> source : new ArrayList<>(live.stream().toList())) {
				live.remove(source.getName());
			}
			for (PropertySource<?> source : before) {
				live.addLast(source);
			}
			previousState.forEach((bean, state) -> CandidateBinder.BoundBean.copyState(state, target(bean.live())));
			refreshScope();
		}
		catch (RuntimeException ex) {
			logger.error("Rolling back the configuration change failed", ex);
		}
	}

	private static Object target(Object bean) {
		Object target = AopProxyUtils.getSingletonTarget(bean);
		return (target != null) ? target : bean;
	}

	private void rebindWithSpringCloud(String beanName) {
		if (!ClassUtils.isPresent("org.springframework.cloud.context.properties.ConfigurationPropertiesRebinder",
				getClass().getClassLoader())) {
			return;
		}
		this.context.getBeanProvider(ConfigurationPropertiesRebinder.class)
			.ifAvailable((rebinder) -> rebinder.rebind(beanName));
	}

	/**
	 * Destroys the refresh-scoped beans and re-creates them now, so that a failure shows
	 * here.
	 */
	private void refreshScope() {
		RefreshScope scope = this.context.getBeanProvider(RefreshScope.class).getIfAvailable();
		if (scope == null) {
			return;
		}
		scope.refreshAll();
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		for (String name : beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = beanFactory.getBeanDefinition(name);
			if ("refresh".equals(definition.getScope()) && !definition.isLazyInit() && !definition.isAbstract()) {
				beanFactory.getBean(name);
			}
		}
	}

	private void handleRestartRequired(String source, List<String> changedKeys, String contentHash) {
		List<String> restartKeys = changedKeys.stream()
			.filter((key) -> this.properties.getRestartRequiredPrefixes().stream().anyMatch(key::startsWith))
			.toList();
		if (!restartKeys.isEmpty()) {
			this.restartPolicy.restartRequired(source, restartKeys, contentHash);
		}
	}

	/**
	 * Told about every outcome.
	 */
	@FunctionalInterface
	public interface ReloadListener {

		void onOutcome(ReloadOutcome outcome);

		/** The active content hash changed (start-up baseline or an applied change). */
		default void onActiveHashChanged(String activeHash) {
		}

	}

}
