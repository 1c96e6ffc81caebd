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

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BooleanSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MutablePropertySources;

import dev.steadypod.reload.GatedApply.Effect;
import dev.steadypod.warmup.StartupProgress;
import dev.steadypod.warmup.WarmupPhase;

/**
 * The one validate-and-apply path for configuration changes, whatever their source
 * (mounted files, the Kubernetes API). Changes are handled one at a time on one thread,
 * so no lock is held while user code (listeners, setters, refresh-scoped beans) runs. A
 * candidate whose content hash is already active, or that changes no effective value, is
 * {@code unchanged}; one that does not bind or validate the way start-up would is
 * {@code rejected} with nothing applied; otherwise it is applied and the outcome says
 * what was updated and which keys need a restart. An apply that throws is rolled back,
 * reported {@code failed} and retried with backoff.
 */
public class ConfigReloadPipeline implements DisposableBean {

	private static final Log logger = LogFactory.getLog(ConfigReloadPipeline.class);

	/** Retries of a failed apply: 1s, 2s, 4s, 8s, 16s after each failure. */
	static final int MAX_ATTEMPTS = 6;

	private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

	private static final String REHEARSAL_STATUS = "rehearsal.";

	/**
	 * Sources whose content is a Kubernetes Secret: mounted ({@code secret}) and read
	 * through the API ({@code kubernetes-secret}, the Kubernetes route's tag).
	 */
	private static final Set<String> SECRET_SOURCES = Set.of(SecretLocations.SOURCE, "kubernetes-secret");

	private final ConfigurableApplicationContext context;

	private final ReloadProperties properties;

	private final RequestGate gate;

	private final CandidateBinder binder;

	private final BeanApplier applier;

	private final GatedApply gatedApply;

	private final Clock clock;

	private final RestartPolicy restartPolicy;

	private final ReloadHistory history = new ReloadHistory();

	private final ContentFingerprint fingerprint;

	/** Runs every change, one at a time; its thread is the only one that applies. */
	private final ApplyWorker worker = new ApplyWorker();

	private final Map<String, String> activeHashes = new ConcurrentHashMap<>();

	private final Map<String, String> statusLines = new ConcurrentHashMap<>();

	private final Map<String, ScheduledFuture<?>> retries = new ConcurrentHashMap<>();

	private volatile @Nullable Instant lastApplied;

	public ConfigReloadPipeline(ConfigurableApplicationContext context, ReloadProperties properties, RequestGate gate) {
		this(context, properties, gate, RestartPolicy.create(context, properties, KubernetesApi.SERVICE_ACCOUNT),
				Clock.systemUTC());
	}

	ConfigReloadPipeline(ConfigurableApplicationContext context, ReloadProperties properties, RequestGate gate,
			RestartPolicy restartPolicy) {
		this(context, properties, gate, restartPolicy, Clock.systemUTC());
	}

	ConfigReloadPipeline(ConfigurableApplicationContext context, ReloadProperties properties, RequestGate gate,
			RestartPolicy restartPolicy, Clock clock) {
		this.context = context;
		this.properties = properties;
		this.gate = gate;
		this.binder = new CandidateBinder(context);
		this.applier = new BeanApplier(context);
		this.gatedApply = new GatedApply(gate, this.applier, properties);
		this.clock = clock;
		this.restartPolicy = restartPolicy;
		this.fingerprint = new ContentFingerprint(properties.getFingerprintKey());
	}

	/**
	 * Validates and, if valid and different, applies a candidate. A pending retry of an
	 * earlier failed candidate of the same source is dropped.
	 * @param candidate the proposed change
	 * @return what happened
	 */
	public ReloadOutcome submit(ConfigCandidate candidate) {
		cancelRetry(candidate.source());
		return this.worker.call(() -> process(candidate, 1, false, Confirmation.GIVEN));
	}

	/**
	 * Validates candidates while their route confirms, on the calling thread, that they
	 * are the content it checked, and lets them take effect only once confirmed, so that
	 * the route's confirming read overlaps the validation instead of preceding it.
	 * Nothing takes effect and no outcome is recorded before the confirmation; candidates
	 * that are not confirmed are dropped without an outcome. Pending retries of the same
	 * sources are dropped.
	 * @param candidates the proposed changes, handled in order
	 * @param confirmation answers whether the candidates are what the route checked; run
	 * on the calling thread while the first candidate is validated
	 * @return the outcomes, one per candidate, or empty when not confirmed
	 */
	public Optional<List<ReloadOutcome>> submit(List<ConfigCandidate> candidates, BooleanSupplier confirmation) {
		candidates.forEach((candidate) -> cancelRetry(candidate.source()));
		if (this.worker.isWorkerThread()) {
			// From inside an apply: there is no other thread to overlap with.
			return confirmation.getAsBoolean() ? processAll(candidates, Confirmation.GIVEN) : Optional.empty();
		}
		Confirmation pending = new Confirmation();
		Future<Optional<List<ReloadOutcome>>> outcomes = this.worker.submit(() -> processAll(candidates, pending));
		try {
			pending.give(confirmation.getAsBoolean());
		}
		finally {
			// Also when the confirmation threw: the worker must not wait for it.
			pending.give(false);
		}
		return this.worker.await(outcomes);
	}

	private Optional<List<ReloadOutcome>> processAll(List<ConfigCandidate> candidates, Confirmation confirmation) {
		List<ReloadOutcome> outcomes = new ArrayList<>();
		for (ConfigCandidate candidate : candidates) {
			ReloadOutcome outcome = process(candidate, 1, false, confirmation);
			if (outcome == null) {
				return Optional.empty();
			}
			outcomes.add(outcome);
		}
		return Optional.of(outcomes);
	}

	/**
	 * Declares what a route read at start-up: if it holds the same effective values as
	 * the Environment Spring Boot loaded, its hash becomes active without an outcome; if
	 * it changed in between (a swap after config loading), it is applied like any change.
	 * @param candidate what the route reads now
	 * @return the outcome when it had to be applied, else {@code unchanged}
	 */
	public ReloadOutcome baseline(ConfigCandidate candidate) {
		return this.worker.call(() -> process(candidate, 1, true, Confirmation.GIVEN));
	}

	/**
	 * Runs a candidate through everything a change goes through except the swap: the
	 * property diff, binding every properties bean and declared key it holds, and the
	 * restart analysis. No hash becomes active and no outcome is recorded. Run on a
	 * route's current configuration during warm-up, it loads the configuration metadata
	 * and warms the code, so the first real change does not pay for it; and it finds what
	 * would reject the current configuration as a change.
	 * <p>
	 * While the warm-up runs, before readiness opens (and unless
	 * {@link ReloadProperties#isReapplyBeforeReadiness() switched off}), a candidate that
	 * holds exactly the values the application runs with is also re-applied, as a Spring
	 * Cloud refresh without a change would: the beans it reaches are rebound with the
	 * same values, listeners get an {@code EnvironmentChangeEvent} without changed keys
	 * and the refresh scope is refreshed. The first change is then the second time that
	 * code runs: its event listener lookups, its lambdas and Spring Cloud's rebind are
	 * already resolved.
	 * @param candidate a route's current configuration
	 * @return what it found
	 */
	public ReloadRehearsal rehearse(ConfigCandidate candidate) {
		return this.worker.call(() -> {
			long start = System.nanoTime();
			MutablePropertySources live = this.context.getEnvironment().getPropertySources();
			MutablePropertySources candidateSources = PropertySourcePatch.candidateSources(live, candidate);
			List<String> changedKeys = PropertySourcePatch.changedKeys(live, candidateSources, candidate);
			List<String> keys = PropertySourcePatch.keys(candidate);
			CandidateBinder.Validation validation = this.binder.validate(candidateSources, keys,
					PropertySourcePatch.presentKeys(candidateSources, keys));
			EffectAnalysis.restartRequired(keys, this.binder.beans(), this.applier.rebindable(),
					this.binder::isDeclared, this.properties.getRestartRequiredPrefixes());
			this.applier.eagerRefreshScopedBeans();
			List<String> problems = new ArrayList<>(
					validation.problems().stream().map(CandidateBinder.Problem::toString).toList());
			Duration reapplied = null;
			if (problems.isEmpty() && changedKeys.isEmpty() && mayReapply()) {
				long reapplyStart = System.nanoTime();
				String failure = reapply(live, candidate, validation);
				reapplied = Duration.ofNanos(System.nanoTime() - reapplyStart);
				if (failure != null) {
					problems.add("re-applying it failed and was rolled back: " + failure);
				}
			}
			else if (problems.isEmpty()) {
				this.applier.rehearseRebind(validation.bound());
			}
			if (problems.isEmpty()) {
				removeStatus(REHEARSAL_STATUS + candidate.source());
			}
			else {
				String line = "The configuration from " + candidate.source() + " this application runs with would be"
						+ " rejected if it arrived as a change: " + problems;
				logger.warn(line);
				putStatus(REHEARSAL_STATUS + candidate.source(), line);
			}
			return new ReloadRehearsal(candidate.source(), keys.size(), validation.bound().size(), problems,
					Duration.ofNanos(System.nanoTime() - start), reapplied);
		});
	}

	/**
	 * Whether the rehearsal may re-apply: only while the warm-up runs, when readiness
	 * still refuses traffic. Not from the readiness state alone: the background rehearsal
	 * starts on the ready event, which Spring Boot publishes before it accepts traffic.
	 */
	private boolean mayReapply() {
		if (!this.properties.isReapplyBeforeReadiness()) {
			return false;
		}
		StartupProgress progress = this.context.getBeanProvider(StartupProgress.class).getIfAvailable();
		return progress != null && progress.phase() == WarmupPhase.WARMING_UP;
	}

	/**
	 * Applies the running configuration again through the same steps as a change, with no
	 * changed key; also formats its timings as an outcome would.
	 * @return why it failed (rolled back), or {@code null}
	 */
	private @Nullable String reapply(MutablePropertySources live, ConfigCandidate candidate,
			CandidateBinder.Validation validation) {
		Effect effect = this.gatedApply.apply(live, candidate, List.of(), validation.beans());
		logger.debug("Re-applied the configuration from " + candidate.source() + " before readiness ("
				+ timings(candidate, effect) + ")");
		return effect.failure();
	}

	/**
	 * Records an outcome that has no candidate, for example a file that cannot be parsed
	 * or a deleted ConfigMap. A {@code rejected} or {@code failed} outcome is logged at
	 * WARN.
	 * @param source where the change came from
	 * @param result how it ended
	 * @param reason why, for logs and the endpoint (never values)
	 * @return the recorded outcome
	 */
	public ReloadOutcome record(String source, ReloadResult result, String reason) {
		if (result == ReloadResult.REJECTED || result == ReloadResult.FAILED) {
			logger.warn(((result == ReloadResult.REJECTED) ? "Rejected" : "Failed") + " configuration change from "
					+ source + ": " + reason + "; still serving the previous configuration");
		}
		return finish(new ReloadOutcome(this.clock.instant(), source, result, List.of(), reason, null, Duration.ZERO));
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

	/**
	 * Handles one candidate on the worker.
	 * @return the outcome, {@code null} when the candidate was not confirmed (nothing
	 * took effect)
	 */
	private @Nullable ReloadOutcome process(ConfigCandidate submitted, int attempt, boolean baseline,
			Confirmation confirmation) {
		long start = System.nanoTime();
		String source = submitted.source();
		String hash = submitted.contentHash();
		if (hash.equals(this.activeHashes.get(source))) {
			return confirmation.await() ? unchanged(submitted, "content hash already active", start, baseline) : null;
		}
		MutablePropertySources live = this.context.getEnvironment().getPropertySources();
		MutablePropertySources candidateSources = PropertySourcePatch.candidateSources(live, submitted);
		List<String> changedKeys = PropertySourcePatch.changedKeys(live, candidateSources, submitted);
		if (changedKeys.isEmpty() && !confirmation.await()) {
			return null;
		}
		if (changedKeys.isEmpty()) {
			// Keep the Environment's sources current (a later change elsewhere may
			// uncover
			// them); no effective value changes, so no bean needs rebinding.
			PropertySourcePatch.apply(live, submitted);
			this.activeHashes.put(source, hash);
			notifyActiveHash();
			return unchanged(submitted, "no effective property change", start, baseline);
		}
		CandidateBinder.Validation validation = this.binder.validate(candidateSources, changedKeys,
				PropertySourcePatch.presentKeys(candidateSources, changedKeys));
		Duration validated = Duration.ofNanos(System.nanoTime() - start);
		if (!confirmation.await()) {
			return null;
		}
		// The part of the route's confirming read that the validation did not overlap.
		ConfigCandidate candidate = submitted.withExtraRead(confirmation.waited());
		if (!validation.problems().isEmpty()) {
			for (CandidateBinder.Problem problem : validation.problems()) {
				logger.warn("Rejected configuration change from " + source + " " + candidate.locations() + ": "
						+ problem + "; still serving the previous configuration");
			}
			String reason = validation.problems().stream().map(CandidateBinder.Problem::toString).toList().toString();
			return finish(outcome(candidate, ReloadResult.REJECTED, changedKeys, reason, start,
					Effect.NONE.validatedIn(validated), validation.unknownKeys(), attempt));
		}
		List<String> restartKeys = EffectAnalysis.restartRequired(changedKeys, this.binder.beans(),
				this.applier.rebindable(), this.binder::isDeclared, this.properties.getRestartRequiredPrefixes());
		Effect effect = this.gatedApply.apply(live, candidate, changedKeys, validation.beans()).validatedIn(validated);
		if (effect.failure() != null) {
			logger.error("Applying the configuration change from " + source + " " + candidate.locations()
					+ " failed and was rolled back: " + effect.failure());
			ReloadOutcome failed = finish(outcome(candidate, ReloadResult.FAILED, changedKeys, effect.failure(), start,
					effect, validation.unknownKeys(), attempt));
			scheduleRetry(candidate, attempt);
			return failed;
		}
		this.activeHashes.put(source, hash);
		this.lastApplied = this.clock.instant();
		notifyActiveHash();
		ReloadTimings timings = timings(candidate, effect);
		logger.info("Applied configuration change from " + source + " " + candidate.locations() + ", changed keys "
				+ changedKeys + ", updated " + effect.updated()
				+ (restartKeys.isEmpty() ? "" : ", restart required for " + restartKeys) + " in "
				+ timings.total().toMillis() + " ms (" + timings + ")");
		if (!validation.unknownKeys().isEmpty()) {
			logger.warn("Changed keys " + validation.unknownKeys() + " are not declared in any configuration metadata"
					+ " and no @ConfigurationProperties bean binds them: check them for typos");
		}
		String reason = effect.requestAtomic() ? "" : effect.gateNote();
		ReloadOutcome applied = finish(new ReloadOutcome(this.clock.instant(), source, ReloadResult.APPLIED,
				changedKeys, reason, hash, timings.total(), effect.updated(), restartKeys, validation.unknownKeys(),
				effect.requestAtomic(), attempt, timings));
		if (!restartKeys.isEmpty()) {
			this.restartPolicy.restartRequired(source, restartKeys, restartHash(source, hash));
		}
		this.context.publishEvent(new ConfigReloadedEvent(this, source, changedKeys, String.valueOf(fingerprint(hash)),
				effect.updated(), restartKeys));
		return applied;
	}

	/**
	 * What the restart request (and the rolling-restart annotation on the Deployment,
	 * which anyone who may read the Deployment sees) carries: the keyed fingerprint when
	 * the replicas share the key, so that they all ask for the same rollout; else the
	 * content hash, which every replica computes alike, except over Secret content, which
	 * is never shown unkeyed.
	 */
	private String restartHash(String source, String hash) {
		if (this.fingerprint.shared() || SECRET_SOURCES.contains(source)) {
			String keyed = this.fingerprint.of(hash);
			return (keyed != null) ? keyed : hash;
		}
		return hash;
	}

	private void scheduleRetry(ConfigCandidate candidate, int attempt) {
		if (attempt >= MAX_ATTEMPTS) {
			logger.error("Giving up on the configuration change from " + candidate.source() + " after " + attempt
					+ " attempts; a new change or a restart applies it");
			return;
		}
		long delay = FIRST_RETRY.toMillis() << (attempt - 1);
		this.retries.put(candidate.source(), this.worker.schedule(() -> {
			this.retries.remove(candidate.source());
			process(candidate, attempt + 1, false, Confirmation.GIVEN);
		}, delay));
	}

	private void cancelRetry(String source) {
		ScheduledFuture<?> pending = this.retries.remove(source);
		if (pending != null) {
			pending.cancel(false);
		}
	}

	private ReloadOutcome unchanged(ConfigCandidate candidate, String reason, long start, boolean baseline) {
		String source = candidate.source();
		ReloadOutcome outcome = outcome(candidate, ReloadResult.UNCHANGED, List.of(), reason, start,
				Effect.NONE.validatedIn(Duration.ofNanos(System.nanoTime() - start)), List.of(), 1);
		if (baseline) {
			return outcome;
		}
		logger.debug("Configuration from " + source + " unchanged: " + reason);
		return finish(outcome);
	}

	private ReloadOutcome outcome(ConfigCandidate candidate, ReloadResult result, List<String> changedKeys,
			String reason, long start, Effect effect, List<String> unknownKeys, int attempt) {
		ReloadTimings timings = timings(candidate, effect);
		return new ReloadOutcome(this.clock.instant(), candidate.source(), result, changedKeys, reason,
				candidate.contentHash(), timings.total(), effect.updated(), List.of(), unknownKeys,
				effect.requestAtomic(), attempt, timings);
	}

	private static ReloadTimings timings(ConfigCandidate candidate, Effect effect) {
		return candidate.timings().withPipeline(effect.validate(), effect.drain(), effect.swap(), effect.listeners());
	}

	private ReloadOutcome finish(ReloadOutcome outcome) {
		this.history.add(outcome);
		return outcome;
	}

	private void notifyActiveHash() {
		String hash = activeHash();
		for (ReloadListener listener : this.history.listeners()) {
			listener.onActiveHashChanged(hash);
		}
	}

	@Override
	public void destroy() {
		this.worker.shutdown();
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
		this.history.addListener(listener);
	}

	/** The active content hash per source (internal: compare, never show). */
	public Map<String, String> activeHashes() {
		return Map.copyOf(this.activeHashes);
	}

	/**
	 * One hash for the whole active configuration: the source's hash when there is one
	 * source, else a hash over all sources' hashes.
	 */
	public @Nullable String activeHash() {
		Map<String, String> hashes = new TreeMap<>(this.activeHashes);
		if (hashes.isEmpty()) {
			return null;
		}
		if (hashes.size() == 1) {
			return hashes.values().iterator().next();
		}
		ContentHasher hasher = new ContentHasher();
		hashes.forEach((source, hash) -> hasher.add(source, hash.getBytes(StandardCharsets.UTF_8)));
		return hasher.hex();
	}

	/**
	 * What may be shown of a content hash outside the process: a keyed fingerprint that
	 * cannot be brute-forced into the configuration's values.
	 * @param contentHash a content hash
	 * @return its fingerprint, or {@code null} for {@code null}
	 */
	public @Nullable String fingerprint(@Nullable String contentHash) {
		return this.fingerprint.of(contentHash);
	}

	/** When a change was last applied, or {@code null}. */
	public @Nullable Instant lastApplied() {
		return this.lastApplied;
	}

	/** The last 20 outcomes, newest first. */
	public List<ReloadOutcome> recentOutcomes() {
		return this.history.recent();
	}

	/**
	 * Told about every outcome.
	 */
	@FunctionalInterface
	public interface ReloadListener {

		void onOutcome(ReloadOutcome outcome);

		/** The active content hash changed (start-up baseline or an applied change). */
		default void onActiveHashChanged(@Nullable String activeHash) {
		}

	}

}
