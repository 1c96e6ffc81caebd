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

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import dev.steadypod.reload.ConfigCandidate;
import dev.steadypod.reload.ConfigReloadCheck;
import dev.steadypod.reload.ConfigReloadPipeline;
import dev.steadypod.reload.ReloadOutcome;
import dev.steadypod.reload.ReloadRehearsal;
import dev.steadypod.reload.ReloadResult;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.CompositePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;

/**
 * The Kubernetes API route into {@link ConfigReloadPipeline}. spring-cloud-kubernetes'
 * watcher (event or polling mode) decides that something changed and runs this route
 * through its {@code ConfigurationUpdateStrategy}; the route re-reads the ConfigMaps (and
 * Secrets, when spring-cloud-kubernetes reads them) with spring-cloud-kubernetes' own
 * locators and submits the ConfigMaps as one candidate ({@code source=kubernetes}) and
 * the Secrets as another ({@code source=kubernetes-secret}), so they are validated
 * against every {@code @ConfigurationProperties} bean before anything is applied. A
 * periodic resync compares the content hash with the active one, which repairs what a
 * watcher cannot see: updates made while the watch was down, and changes
 * spring-cloud-kubernetes skips when its count of property sources does not match. A
 * deleted ConfigMap keeps its last good content, with a WARN and a status line in the
 * {@code configreload} endpoint; so does a deleted Secret.
 */
public class KubernetesConfigReloader implements ConfigReloadCheck, SmartLifecycle {

	/** The {@code source} tag of this route's ConfigMaps. */
	public static final String SOURCE = "kubernetes";

	/**
	 * The {@code source} tag of the Secrets this route reads (spring-cloud-kubernetes'
	 * secrets source).
	 */
	public static final String SECRET_SOURCE = "kubernetes-secret";

	private static final Log logger = LogFactory.getLog(KubernetesConfigReloader.class);

	private static final String PERMISSION_STATUS = "kubernetes.permissions";

	private static final String READ_STATUS = "kubernetes.read";

	private static final String DELETED_STATUS = "kubernetes.deleted.";

	private static final int CONSISTENT_READ_ATTEMPTS = 3;

	private static final String INVALID_STATUS = "kubernetes.invalid";

	private static final String REVOKED_STATUS = "kubernetes.permissions.revoked";

	private static final String MISSING_STATUS = "kubernetes.missing.";

	private final ConfigReloadPipeline pipeline;

	private final KubernetesConfigReader reader;

	private final ConfigMapGuard guard;

	/** What reports changes between resyncs (none in polling mode). */
	private final List<ChangeTrigger> triggers;

	/**
	 * When the watch event that asked for the pending reconcile arrived
	 * ({@link System#nanoTime()}), 0 when none is pending: a burst of events is read
	 * once.
	 */
	private final AtomicLong triggeredAt = new AtomicLong();

	private final ConfigurableEnvironment environment;

	private final KubernetesClient client;

	private final KubernetesPermissions permissions;

	private final boolean failOnMissingPermissions;

	private final Duration resyncInterval;

	private final Set<String> deleted = new HashSet<>();

	/** ConfigMaps that did not exist at start-up and have not appeared since. */
	private final Set<String> missingSinceStart = new HashSet<>();

	/** Per source, the hash last submitted and not (yet) active. */
	private final Map<String, String> lastSubmittedHashes = new HashMap<>();

	/** Fingerprint of the raw content last rejected as unreadable, reported once. */
	private @Nullable String lastRejectedContent;

	private boolean revoked;

	private volatile ScheduledExecutorService resync;

	private volatile boolean permissionsMissing;

	KubernetesConfigReloader(ConfigReloadPipeline pipeline, KubernetesConfigReader reader, ConfigMapGuard guard,
			List<ChangeTrigger> triggers, ConfigurableEnvironment environment, KubernetesClient client,
			KubernetesPermissions permissions, boolean failOnMissingPermissions, Duration resyncInterval) {
		this.pipeline = pipeline;
		this.reader = reader;
		this.guard = guard;
		this.triggers = List.copyOf(triggers);
		this.environment = environment;
		this.client = client;
		this.permissions = permissions;
		this.failOnMissingPermissions = failOnMissingPermissions;
		this.resyncInterval = resyncInterval;
	}

	/**
	 * Runs the RBAC check (once).
	 * @return whether the watch may run
	 * @throws MissingKubernetesPermissionsException when a permission is missing and
	 * start-up must fail
	 */
	public boolean verifyPermissions() {
		KubernetesPermissions.Report report = this.permissions.report();
		if (report.permitted()) {
			return true;
		}
		if (this.failOnMissingPermissions) {
			throw new MissingKubernetesPermissionsException(report);
		}
		if (!this.permissionsMissing) {
			this.permissionsMissing = true;
			logger.warn(report.message(false));
			this.pipeline.putStatus(PERMISSION_STATUS, report.summary());
		}
		return false;
	}

	/**
	 * Whether this route watches the ConfigMaps itself (event mode), so that
	 * spring-cloud-kubernetes' own ConfigMap watcher would only repeat each change.
	 * @return whether a ConfigMap watch of this route reports every change
	 */
	boolean watchesConfigMaps() {
		return this.triggers.stream().anyMatch(ConfigMapChangeTrigger.class::isInstance);
	}

	/**
	 * Whether this route watches, by name, every Secret spring-cloud-kubernetes reads
	 * (event mode, no Secret selected by labels), so that spring-cloud-kubernetes' own
	 * Secret watcher would only repeat each change.
	 * @return whether a Secret watch of this route reports every change
	 */
	boolean watchesEverySecret() {
		return this.triggers.stream()
			.anyMatch((trigger) -> trigger instanceof SecretChangeTrigger secrets && secrets.watchesEverySecret());
	}

	/**
	 * What spring-cloud-kubernetes' {@code ConfigurationUpdateStrategy} runs on a
	 * detected change.
	 */
	public void onChangeDetected() {
		if (!isRunning()) {
			// Before start the resync catches up; after stop the client is closing.
			return;
		}
		try {
			reconcile(System.nanoTime());
		}
		catch (RuntimeException ex) {
			logger.error("Reloading the configuration from the Kubernetes API failed", ex);
		}
	}

	@Override
	public @Nullable ReloadOutcome checkNow() {
		List<ReloadOutcome> outcomes = reconcile(System.nanoTime());
		return outcomes.isEmpty() ? null : outcomes.get(outcomes.size() - 1);
	}

	@Override
	public List<ReloadOutcome> checkNowPerSource() {
		return reconcile(System.nanoTime());
	}

	/**
	 * Reads the ConfigMaps with spring-cloud-kubernetes' locator, confirms with a raw
	 * read that they are still in the state they had before (the watch's cache, or a raw
	 * read) and checks that state, keeps the last good content of deleted or unreadable
	 * ones, and submits the result unless its hash is already active. Content that cannot
	 * be read completely is rejected: an empty or partial read is never a configuration.
	 * @param noticed when the change was noticed ({@link System#nanoTime()}), for the
	 * outcomes' timings
	 * @return the outcomes, one per source that changed; empty when nothing changed
	 */
	synchronized List<ReloadOutcome> reconcile(long noticed) {
		long readStart = System.nanoTime();
		// What was checked must be what spring-cloud-kubernetes read. The ConfigMaps
		// had the "before" state at some time up to the locator's read and the
		// "after" state at a time after it: when every ConfigMap has the same
		// resourceVersion in both, none changed in between (a resourceVersion is
		// never reused), so the locator read the "after" state, which is the "before"
		// state, which is checked. An update in between is read again, from the
		// "after" state on. (A ConfigMap created and deleted again between the two
		// states is not seen, as with two raw reads; its delete event reconciles again.)
		try {
			WatchedConfigMaps.Read before = reading(this.guard::past);
			for (int attempt = 0; attempt < CONSISTENT_READ_ATTEMPTS; attempt++) {
				List<PropertySource<?>> located = reading(this.reader::read);
				Attempt result = reconcile(before, located, readStart, noticed);
				if (result.outcomes() != null) {
					return result.outcomes();
				}
				before = result.after();
			}
		}
		catch (ReadFailure ex) {
			readFailed(ex.getCause());
			return List.of();
		}
		logger.debug("ConfigMaps kept changing while they were read; the next change or resync reads them again");
		return List.of();
	}

	/**
	 * One read of the locator against the state before it. When the state can be trusted
	 * and something changed, the confirming raw read runs while the pipeline validates
	 * the candidates (nothing takes effect before it confirms); otherwise it runs first.
	 */
	private Attempt reconcile(WatchedConfigMaps.Read before, List<PropertySource<?>> located, long readStart,
			long noticed) {
		long read = System.nanoTime();
		ConfigMapGuard.Verdict verdict = this.guard.inspect(before);
		List<String> deletedNow = new ArrayList<>();
		List<String> unreadable = new ArrayList<>();
		List<PropertySource<?>> candidateSources = new ArrayList<>();
		for (PropertySource<?> source : located) {
			candidateSources.add(keepLastGood(source, this.environment.getPropertySources().get(source.getName()),
					deletedNow, unreadable));
		}
		List<PropertySource<?>> configMaps = new ArrayList<>();
		List<PropertySource<?>> secrets = new ArrayList<>();
		for (PropertySource<?> source : candidateSources) {
			(this.reader.isSecrets(source) ? secrets : configMaps).add(source);
		}
		boolean trusted = verdict.problems().isEmpty() && deletedNow.isEmpty() && unreadable.isEmpty();
		List<ConfigCandidate> candidates = trusted ? candidates(secrets, configMaps, readStart, read, noticed)
				: List.of();
		if (!candidates.isEmpty()) {
			return confirmWhileValidating(before, verdict, candidates, configMaps);
		}
		// Nothing changed, or the content needs the confirmed state first.
		WatchedConfigMaps.Read after = reading(this.guard::read);
		if (!before.sameVersions(after)) {
			return Attempt.readAgain(after);
		}
		// Confirmed before anything is submitted.
		readSucceeded();
		appeared(verdict.read().missing());
		if (!verdict.problems().isEmpty()) {
			return Attempt.done(rejectContent(verdict.problems(), verdict.fingerprint()));
		}
		if (!unreadable.isEmpty()) {
			return Attempt.done(rejectContent(unreadable, verdict.fingerprint()));
		}
		clearRejectedContent();
		List<ReloadOutcome> outcomes = new ArrayList<>(recordDeletions(deletedNow));
		// Trusted content reaches here only unchanged, with nothing to submit.
		if (!trusted) {
			for (ConfigCandidate candidate : candidates(secrets, configMaps, readStart, System.nanoTime(), noticed)) {
				this.lastSubmittedHashes.put(candidate.source(), candidate.contentHash());
				outcomes.add(this.pipeline.submit(candidate));
			}
		}
		acceptIfActive(verdict, configMaps);
		return Attempt.done(outcomes);
	}

	/**
	 * Submits the candidates while the confirming raw read runs on this thread.
	 */
	private Attempt confirmWhileValidating(WatchedConfigMaps.Read before, ConfigMapGuard.Verdict verdict,
			List<ConfigCandidate> candidates, List<PropertySource<?>> configMaps) {
		List<WatchedConfigMaps.Read> after = new ArrayList<>(1);
		List<RuntimeException> failure = new ArrayList<>(1);
		Optional<List<ReloadOutcome>> outcomes = this.pipeline.submit(candidates, () -> {
			try {
				after.add(this.guard.read());
			}
			catch (RuntimeException ex) {
				failure.add(ex);
				return false;
			}
			if (!before.sameVersions(after.get(0))) {
				return false;
			}
			// Confirmed: the statuses change before anything is applied, as when the
			// raw read comes first.
			readSucceeded();
			appeared(verdict.read().missing());
			clearRejectedContent();
			recordDeletions(List.of());
			return true;
		});
		if (!failure.isEmpty()) {
			throw new ReadFailure(failure.get(0));
		}
		if (outcomes.isEmpty()) {
			return Attempt.readAgain(after.get(0));
		}
		candidates.forEach((candidate) -> this.lastSubmittedHashes.put(candidate.source(), candidate.contentHash()));
		acceptIfActive(verdict, configMaps);
		return Attempt.done(outcomes.get());
	}

	/** Remembers the shape of the checked content once it is the active one. */
	private void acceptIfActive(ConfigMapGuard.Verdict verdict, List<PropertySource<?>> configMaps) {
		if (KubernetesConfigReader.hash(configMaps).equals(this.pipeline.activeHashes().get(SOURCE))) {
			this.guard.accept(verdict.read());
		}
	}

	/**
	 * One candidate per source whose content changed: Secrets and ConfigMaps are separate
	 * sources, with their own outcomes, metrics and hashes. None for content whose hash
	 * is already active, or was already submitted and not applied (a rejection is
	 * reported once, not at every resync and every event).
	 * @param read when the read ended and parsing began ({@link System#nanoTime()})
	 */
	private List<ConfigCandidate> candidates(List<PropertySource<?>> secrets, List<PropertySource<?>> configMaps,
			long readStart, long read, long noticed) {
		List<ConfigCandidate> candidates = new ArrayList<>();
		if (!secrets.isEmpty()) {
			candidate(SECRET_SOURCE, secrets).ifPresent(candidates::add);
		}
		candidate(SOURCE, configMaps).ifPresent(candidates::add);
		Duration parse = Duration.ofNanos(System.nanoTime() - read);
		return candidates.stream()
			.map((candidate) -> candidate.withTimings(Duration.ofNanos(readStart - noticed),
					Duration.ofNanos(read - readStart), parse))
			.toList();
	}

	private Optional<ConfigCandidate> candidate(String source, List<PropertySource<?>> sources) {
		String hash = KubernetesConfigReader.hash(sources);
		if (hash.equals(this.pipeline.activeHashes().get(source))) {
			this.lastSubmittedHashes.remove(source);
			return Optional.empty();
		}
		if (hash.equals(this.lastSubmittedHashes.get(source))) {
			return Optional.empty();
		}
		ConfigCandidate.Builder candidate = ConfigCandidate.builder(source).contentHash(hash);
		for (PropertySource<?> located : sources) {
			candidate.propertySource(located);
			for (PropertySource<?> child : KubernetesConfigReader.children(located)) {
				candidate.location(child.getName());
			}
		}
		return Optional.of(candidate.build());
	}

	/**
	 * The outcomes of a read, or the newer state to read again from.
	 */
	private record Attempt(@Nullable List<ReloadOutcome> outcomes, WatchedConfigMaps.@Nullable Read after) {

		static Attempt done(List<ReloadOutcome> outcomes) {
			return new Attempt(outcomes, null);
		}

		static Attempt readAgain(WatchedConfigMaps.Read after) {
			return new Attempt(null, after);
		}

	}

	private static <T> T reading(Supplier<T> read) {
		try {
			return read.get();
		}
		catch (RuntimeException ex) {
			throw new ReadFailure(ex);
		}
	}

	/** Reading the ConfigMaps failed; reported by {@link #readFailed}. */
	private static final class ReadFailure extends RuntimeException {

		ReadFailure(RuntimeException cause) {
			super(cause);
		}

		@Override
		public synchronized RuntimeException getCause() {
			return (RuntimeException) super.getCause();
		}

	}

	/**
	 * Reads the ConfigMaps with spring-cloud-kubernetes' locator and confirms with a raw
	 * read that they are still in the state they had before (the watch's cache, or a raw
	 * read), then checks that state.
	 * @return what the locator read and the check of it, or {@code null} when the
	 * ConfigMaps kept changing while they were read
	 * @throws RuntimeException when they cannot be read
	 */
	private @Nullable ConsistentRead readConsistently() {
		// The same reads as a change (see reconcile), the confirming one first.
		WatchedConfigMaps.Read before = this.guard.past();
		for (int attempt = 0; attempt < CONSISTENT_READ_ATTEMPTS; attempt++) {
			List<PropertySource<?>> located = this.reader.read();
			WatchedConfigMaps.Read after = this.guard.read();
			if (before.sameVersions(after)) {
				return new ConsistentRead(this.guard.inspect(after), located);
			}
			before = after;
		}
		return null;
	}

	/**
	 * What spring-cloud-kubernetes' locator read, and the check of the same state.
	 */
	private record ConsistentRead(ConfigMapGuard.Verdict verdict, List<PropertySource<?>> located) {

	}

	/**
	 * Reads the ConfigMaps exactly the way a change is read (the watch's cache or a raw
	 * read, spring-cloud-kubernetes' locator, the confirming raw read and the check), so
	 * that the first change runs on warm code, and rehearses them in the pipeline,
	 * changing no state of this route.
	 */
	@Override
	public @Nullable ReloadRehearsal rehearse() {
		ConsistentRead consistent;
		try {
			consistent = readConsistently();
		}
		catch (RuntimeException ex) {
			return null; // reported by the first resync
		}
		if (consistent == null || !consistent.verdict().problems().isEmpty()) {
			return null; // the route reports it as the change it is
		}
		List<PropertySource<?>> located = consistent.located();
		if (located.isEmpty()) {
			return null;
		}
		ConfigCandidate.Builder candidate = ConfigCandidate.builder(SOURCE)
			.contentHash(KubernetesConfigReader.hash(located));
		located.forEach(candidate::propertySource);
		return this.pipeline.rehearse(candidate.build());
	}

	/**
	 * Records content that cannot be read completely as {@code rejected} (once per
	 * content) and shows it as a status line until a good read.
	 */
	private List<ReloadOutcome> rejectContent(List<String> problems, String fingerprint) {
		String reason = String.join("; ", problems) + "; keeping the last good configuration";
		this.pipeline.putStatus(INVALID_STATUS, reason);
		if (fingerprint.equals(this.lastRejectedContent)) {
			return List.of();
		}
		this.lastRejectedContent = fingerprint;
		return List.of(this.pipeline.record(SOURCE, ReloadResult.REJECTED, reason));
	}

	private void clearRejectedContent() {
		if (this.lastRejectedContent != null) {
			this.lastRejectedContent = null;
			this.pipeline.removeStatus(INVALID_STATUS);
		}
	}

	private void readFailed(RuntimeException ex) {
		if (!isRunning()) {
			return; // stopping: the client is closing
		}
		if (ex instanceof KubernetesClientException client && (client.getCode() == 403 || client.getCode() == 401)) {
			KubernetesPermissions.Report report = this.permissions.recheck();
			String line = (report.permitted() ? "Missing Kubernetes RBAC permission: the API server answered HTTP "
					+ client.getCode() + " to reading configmaps or secrets" : report.summary())
					+ "; the permission was revoked at runtime, serving the last good configuration until it is"
					+ " granted again";
			this.pipeline.putStatus(REVOKED_STATUS, line);
			if (!this.revoked) {
				this.revoked = true;
				logger.warn(line);
			}
			return;
		}
		this.pipeline.putStatus(READ_STATUS, "Could not read ConfigMaps from the Kubernetes API: " + ex.getMessage()
				+ "; serving the last good configuration");
		logger.warn("Could not read ConfigMaps from the Kubernetes API, serving the last good configuration: "
				+ ex.getMessage());
	}

	private void readSucceeded() {
		this.pipeline.removeStatus(READ_STATUS);
		if (this.revoked) {
			this.revoked = false;
			this.pipeline.removeStatus(REVOKED_STATUS);
			logger.info("The Kubernetes RBAC permission to read configmaps and secrets is granted again");
		}
	}

	/** Clears the status line of ConfigMaps missing at start-up that now exist. */
	private void appeared(List<String> missingNow) {
		for (String id : new ArrayList<>(this.missingSinceStart)) {
			if (!missingNow.contains(id)) {
				this.missingSinceStart.remove(id);
				this.pipeline.removeStatus(MISSING_STATUS + id);
				logger.info("ConfigMap " + id + " now exists; its content is applied");
			}
		}
	}

	/**
	 * At start-up: WARN about ConfigMaps that do not exist and content that
	 * spring-cloud-kubernetes could not read, which the application started without.
	 */
	private void inspectAtStart() {
		WatchedConfigMaps.Read read;
		try {
			read = this.guard.inspect().read();
		}
		catch (RuntimeException ex) {
			return; // reported by the first resync
		}
		for (String id : read.missing()) {
			this.missingSinceStart.add(id);
			String line = "ConfigMap " + id + " (spring.config.import=kubernetes:) does not exist; running without"
					+ " it, and applying it as soon as it is created";
			this.pipeline.putStatus(MISSING_STATUS + id, line);
			logger.warn(line);
		}
		List<String> problems = this.guard.startupProblems(read);
		this.guard.accept(read);
		if (!problems.isEmpty()) {
			logger.warn("Started without part of the ConfigMap content, which spring-cloud-kubernetes could not read: "
					+ String.join("; ", problems));
		}
	}

	/**
	 * The located source, except that a ConfigMap or Secret that was deleted, or that
	 * could not be read, keeps the content it has in the live Environment.
	 */
	private PropertySource<?> keepLastGood(PropertySource<?> located, @Nullable PropertySource<?> live,
			List<String> deletedNow, List<String> unreadable) {
		if (!(located instanceof CompositePropertySource) || !(live instanceof CompositePropertySource)) {
			return located;
		}
		Map<String, PropertySource<?>> liveChildren = new LinkedHashMap<>();
		KubernetesConfigReader.children(live).forEach((child) -> liveChildren.put(child.getName(), child));
		CompositePropertySource result = new CompositePropertySource(located.getName());
		boolean substituted = false;
		Set<String> seen = new HashSet<>();
		for (PropertySource<?> child : KubernetesConfigReader.children(located)) {
			seen.add(child.getName());
			PropertySource<?> liveChild = liveChildren.get(child.getName());
			if (liveChild != null && KubernetesConfigReader.properties(child).isEmpty()
					&& !KubernetesConfigReader.properties(liveChild).isEmpty() && isGone(child.getName())) {
				deletedNow.add(child.getName());
				result.addPropertySource(liveChild);
				substituted = true;
			}
			else {
				result.addPropertySource(child);
			}
		}
		for (Map.Entry<String, PropertySource<?>> liveChild : liveChildren.entrySet()) {
			if (seen.contains(liveChild.getKey())
					|| KubernetesConfigReader.properties(liveChild.getValue()).isEmpty()) {
				continue;
			}
			if (!readable(liveChild.getKey())) {
				// Not returned because the read failed (403, timeout), not because it is
				// gone: keep what works.
				deletedNow.add(liveChild.getKey());
				result.addPropertySource(liveChild.getValue());
				substituted = true;
			}
			else if (!renamed(liveChild.getKey(), seen) && !isGone(liveChild.getKey())) {
				// spring-cloud-kubernetes drops a source it failed to read (and logs it),
				// while the ConfigMap exists: never take that for "empty".
				unreadable.add("The " + describe(liveChild.getKey())
						+ " exists but spring-cloud-kubernetes read no properties from it");
			}
		}
		return substituted ? result : located;
	}

	/**
	 * Whether a source's ConfigMap is now read under another source name:
	 * spring-cloud-kubernetes names a labelled source after all the ConfigMaps it holds
	 * ({@code configmap.first.second.shop}), so one created later renames the source.
	 */
	private static boolean renamed(String sourceName, Set<String> locatedNames) {
		String[] parts = parseSourceName(sourceName);
		if (parts == null) {
			return false;
		}
		for (String located : locatedNames) {
			String[] other = parseSourceName(located);
			if (other != null && other[0].equals(parts[0]) && other[2].equals(parts[2])
					&& ("." + other[1] + ".").contains("." + parts[1] + ".")) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether the ConfigMap or Secret behind a source name
	 * ({@code configmap.<name>.<namespace>}, {@code secret.<name>.<namespace>}) no longer
	 * exists.
	 */
	private boolean isGone(String sourceName) {
		String[] parts = parseSourceName(sourceName);
		if (parts == null) {
			return false;
		}
		try {
			return switch (parts[0]) {
				case "configmap" -> this.client.configMaps().inNamespace(parts[2]).withName(parts[1]).get() == null;
				// Only whether it exists: the Secret's data is not looked at.
				case "secret" -> this.client.secrets().inNamespace(parts[2]).withName(parts[1]).get() == null;
				default -> false;
			};
		}
		catch (RuntimeException ex) {
			return true; // cannot tell: keep the last good content rather than fall back
							// to defaults
		}
	}

	/**
	 * Whether the namespace of a source can be read right now: a source missing from a
	 * successful read is gone or renamed (labelled sources are named after their
	 * ConfigMaps), one missing from a failed read is only unreadable.
	 */
	private boolean readable(String sourceName) {
		String[] parts = parseSourceName(sourceName);
		if (parts == null) {
			return true;
		}
		try {
			if ("secret".equals(parts[0])) {
				this.client.secrets().inNamespace(parts[2]).list(new ListOptionsBuilder().withLimit(1L).build());
			}
			else {
				this.client.configMaps().inNamespace(parts[2]).list(new ListOptionsBuilder().withLimit(1L).build());
			}
			return true;
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * {@code [type, name, namespace]} of a spring-cloud-kubernetes source name, or
	 * {@code null}.
	 */
	static String @Nullable [] parseSourceName(String sourceName) {
		int first = sourceName.indexOf('.');
		int last = sourceName.lastIndexOf('.');
		if (first <= 0 || last <= first + 1 || last == sourceName.length() - 1) {
			return null;
		}
		return new String[] { sourceName.substring(0, first), sourceName.substring(first + 1, last),
				sourceName.substring(last + 1) };
	}

	private static String describe(String sourceName) {
		String[] parts = parseSourceName(sourceName);
		return (parts != null) ? parts[0] + " " + parts[2] + "/" + parts[1] : sourceName;
	}

	private List<ReloadOutcome> recordDeletions(List<String> deletedNow) {
		List<ReloadOutcome> outcomes = new ArrayList<>();
		for (String name : deletedNow) {
			if (this.deleted.add(name)) {
				String reason = "The " + describe(name)
						+ " was deleted or cannot be read; keeping its last good configuration"
						+ " instead of falling back to defaults";
				this.pipeline.putStatus(DELETED_STATUS + name, reason);
				String[] parts = parseSourceName(name);
				String source = (parts != null && "secret".equals(parts[0])) ? SECRET_SOURCE : SOURCE;
				outcomes.add(this.pipeline.record(source, ReloadResult.REJECTED, reason));
			}
		}
		for (String name : new ArrayList<>(this.deleted)) {
			if (!deletedNow.contains(name)) {
				this.deleted.remove(name);
				this.pipeline.removeStatus(DELETED_STATUS + name);
				logger.info("The " + describe(name) + " is back; its content is reloaded");
			}
		}
		return outcomes;
	}

	private void resyncOnce() {
		resyncOnce(System.nanoTime());
	}

	private void resyncOnce(long noticed) {
		try {
			if (this.permissionsMissing && this.permissions.recheck().permitted()) {
				this.permissionsMissing = false;
				this.pipeline.removeStatus(PERMISSION_STATUS);
				logger
					.info("The Kubernetes RBAC permission is now granted; ConfigMap changes are applied at each resync"
							+ " (every " + this.resyncInterval + "), restart the pod to watch them again");
			}
			if (!this.permissionsMissing) {
				reconcile(noticed);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Kubernetes ConfigMap resync failed: " + ex.getMessage());
		}
	}

	@Override
	public void start() {
		verifyPermissions();
		try {
			List<PropertySource<?>> live = this.reader.live();
			List<PropertySource<?>> secrets = live.stream().filter(this.reader::isSecrets).toList();
			this.pipeline.initialize(SOURCE, KubernetesConfigReader
				.hash(live.stream().filter((source) -> !this.reader.isSecrets(source)).toList()));
			if (!secrets.isEmpty()) {
				this.pipeline.initialize(SECRET_SOURCE, KubernetesConfigReader.hash(secrets));
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not read ConfigMaps from the Kubernetes API at start-up: " + ex.getMessage());
		}
		if (!this.permissionsMissing) {
			inspectAtStart();
		}
		ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "steadypod-kubernetes-resync");
			thread.setDaemon(true);
			return thread;
		});
		logger.info("ConfigMap changes that spring-cloud-kubernetes detects through the Kubernetes API in namespaces "
				+ this.permissions.namespaces()
				+ " are validated and applied by Steadypod (source=kubernetes; Secrets: source=kubernetes-secret); resync"
				+ " every " + this.resyncInterval);
		long millis = this.resyncInterval.toMillis();
		executor.scheduleWithFixedDelay(this::resyncOnce, millis, millis, TimeUnit.MILLISECONDS);
		this.resync = executor;
		if (!this.permissionsMissing) {
			this.triggers.forEach((trigger) -> trigger.start(this::changeSeen));
		}
	}

	/**
	 * A watched ConfigMap or Secret changed: reconcile at once, once for a burst of
	 * events. spring-cloud-kubernetes' ConfigMap watcher does not run beside this one
	 * (see {@link SpringCloudKubernetesWatcherGuard}); its Secret watcher, where it runs,
	 * reads the Secrets itself before it calls the route, and whichever reconcile comes
	 * second finds the content already active.
	 */
	private void changeSeen() {
		ScheduledExecutorService executor = this.resync;
		long now = System.nanoTime();
		if (executor != null && this.triggeredAt.compareAndSet(0, now)) {
			executor.execute(() -> resyncOnce(this.triggeredAt.getAndSet(0)));
		}
	}

	@Override
	public void stop() {
		this.triggers.forEach(ChangeTrigger::stop);
		ScheduledExecutorService executor = this.resync;
		if (executor != null) {
			executor.shutdownNow();
			this.resync = null;
		}
	}

	@Override
	public boolean isRunning() {
		return this.resync != null;
	}

}
