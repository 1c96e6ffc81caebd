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

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.context.SmartLifecycle;

/**
 * Watches the directories that hold the watched config files (never the files themselves:
 * the kubelet swaps a {@code ..data} symlink, so a file's inode never changes), debounces
 * bursts of events (except the kubelet's atomic {@code ..data} swap, which is checked at
 * once), re-hashes the files and hands real changes to the {@link ConfigReloadPipeline}.
 * A periodic re-hash covers file systems that lose events. One daemon thread; stops with
 * the context.
 */
public class ConfigFileWatcher implements SmartLifecycle, ConfigReloadCheck {

	private static final Log logger = LogFactory.getLog(ConfigFileWatcher.class);

	/** Upper bound on how long a continuous event storm can postpone a check. */
	private static final int MAX_DEBOUNCE_FACTOR = 5;

	/**
	 * The symlink the kubelet renames into place as the last step of writing a new
	 * payload.
	 */
	private static final String KUBELET_DATA_LINK = "..data";

	private final ConfigReloadPipeline pipeline;

	private final MountedConfigReader reader;

	private final List<WatchedLocation> locations;

	private final ReloadProperties properties;

	private final MountInfo mountInfo;

	/**
	 * The {@code source} tag of this watcher's changes: {@code file} or {@code secret}.
	 */
	private final String source;

	private final Map<Path, WatchKey> registrations = new LinkedHashMap<>();

	private final Object checkLock = new Object();

	private volatile WatchService watchService;

	private volatile Thread thread;

	private volatile boolean running;

	private String lastSeenHash;

	/**
	 * Set when a read raced with a change of the files: the watcher thread checks again
	 * shortly.
	 */
	private volatile boolean readAgain;

	private Set<Path> activeFiles = Set.of();

	public ConfigFileWatcher(ConfigReloadPipeline pipeline, MountedConfigReader reader, List<WatchedLocation> locations,
			ReloadProperties properties, MountInfo mountInfo) {
		this(pipeline, reader, locations, properties, mountInfo, MountedConfigReader.SOURCE);
	}

	/**
	 * A watcher whose changes are reported with {@code source}.
	 * @param pipeline the pipeline
	 * @param reader reads the files
	 * @param locations what to watch
	 * @param properties the reload settings
	 * @param mountInfo the mount table
	 * @param source {@code file}, or {@code secret} for mounted Secrets
	 */
	public ConfigFileWatcher(ConfigReloadPipeline pipeline, MountedConfigReader reader, List<WatchedLocation> locations,
			ReloadProperties properties, MountInfo mountInfo, String source) {
		this.source = source;
		this.pipeline = pipeline;
		this.reader = reader;
		this.locations = List.copyOf(locations);
		this.properties = properties;
		this.mountInfo = mountInfo;
	}

	@Override
	public void start() {
		MountedConfigReader.Snapshot snapshot = this.reader.read(this.locations);
		synchronized (this.checkLock) {
			this.lastSeenHash = snapshot.hash();
			this.activeFiles = paths(snapshot);
		}
		baseline(snapshot);
		for (WatchedLocationStatus status : watchedPaths()) {
			if (status.mount() == MountKind.SUBPATH) {
				logger.warn(status.path() + " is a subPath mount: the kubelet never updates it, so changes to its"
						+ " ConfigMap or Secret will not reach this pod. Mount it whole, as a directory, instead.");
			}
		}
		try {
			this.watchService = FileSystems.getDefault().newWatchService();
		}
		catch (IOException ex) {
			logger.warn("No file-system events available, relying on the poll every "
					+ this.properties.getPollInterval() + ": " + ex.getMessage());
		}
		registerDirectories();
		this.running = true;
		Thread watcher = new Thread(this::run,
				"steadypod-config-watcher" + (MountedConfigReader.SOURCE.equals(this.source) ? "" : "-" + this.source));
		watcher.setDaemon(true);
		this.thread = watcher;
		watcher.start();
		logger.info("Watching " + this.locations.stream().map(WatchedLocation::location).toList()
				+ " for configuration changes (source=" + this.source + ")");
	}

	/**
	 * The baseline is what the Environment loaded, not what is on disk now: a swap that
	 * landed between Boot's config loading and this start is applied now.
	 */
	private void baseline(MountedConfigReader.Snapshot snapshot) {
		if (!snapshot.problems().isEmpty()) {
			this.pipeline.record(this.source, ReloadResult.REJECTED, String.join("; ", snapshot.problems()));
			return;
		}
		try {
			this.pipeline.baseline(this.reader.toCandidate(snapshot, this.source));
		}
		catch (MountedConfigReader.InvalidConfigException ex) {
			this.pipeline.record(this.source, ReloadResult.REJECTED, ex.getMessage());
		}
		catch (UncheckedIOException ex) {
			// The kubelet is swapping right now: its events make the watcher read again.
			this.pipeline.initialize(this.source, snapshot.hash());
			this.readAgain = true;
		}
	}

	@Override
	public void stop() {
		this.running = false;
		WatchService service = this.watchService;
		if (service != null) {
			try {
				service.close();
			}
			catch (IOException ex) {
				// closing anyway
			}
		}
		Thread watcher = this.thread;
		if (watcher != null) {
			watcher.interrupt();
			try {
				watcher.join(2000);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Reads the files now and submits them if they changed (the endpoint's write
	 * operation).
	 */
	@Override
	public ReloadOutcome checkNow() {
		return checkNow(System.nanoTime());
	}

	/**
	 * Reads the files and submits them if they changed.
	 * @param noticed when the change was noticed ({@link System#nanoTime()}), for the
	 * outcome's timings
	 */
	private ReloadOutcome checkNow(long noticed) {
		synchronized (this.checkLock) {
			long readStart = System.nanoTime();
			MountedConfigReader.Snapshot snapshot = this.reader.read(this.locations);
			long read = System.nanoTime();
			if (snapshot.hash().equals(this.lastSeenHash)) {
				return null;
			}
			if (!snapshot.problems().isEmpty()) {
				this.lastSeenHash = snapshot.hash();
				return this.pipeline.record(this.source, ReloadResult.REJECTED, String.join("; ", snapshot.problems()));
			}
			Set<Path> missing = new LinkedHashSet<>(this.activeFiles);
			missing.removeAll(paths(snapshot));
			missing.removeIf(this::isConfigTreeFile);
			if (!missing.isEmpty()) {
				this.lastSeenHash = snapshot.hash();
				return this.pipeline.record(this.source, ReloadResult.REJECTED,
						"deleted: " + missing + " (a deleted file is not applied; restore it or restart to drop it)");
			}
			ConfigCandidate candidate;
			try {
				candidate = this.reader.toCandidate(snapshot, this.source);
			}
			catch (MountedConfigReader.InvalidConfigException ex) {
				this.lastSeenHash = snapshot.hash();
				return this.pipeline.record(this.source, ReloadResult.REJECTED, ex.getMessage());
			}
			catch (UncheckedIOException ex) {
				// A file vanished while it was read: the kubelet is still removing the
				// old payload. The hash
				// stays unseen, so the events of that removal (or the next poll) read the
				// files again.
				logger.debug("Watched files changed while being read; reading them again: " + ex.getMessage());
				this.readAgain = true;
				return null;
			}
			this.lastSeenHash = snapshot.hash();
			candidate = candidate.withTimings(Duration.ofNanos(readStart - noticed), Duration.ofNanos(read - readStart),
					Duration.ofNanos(System.nanoTime() - read));
			ReloadOutcome outcome = this.pipeline.submit(candidate);
			if (outcome.result() == ReloadResult.APPLIED || outcome.result() == ReloadResult.UNCHANGED) {
				this.activeFiles = paths(snapshot);
			}
			return outcome;
		}
	}

	@Override
	public @Nullable ReloadRehearsal rehearse() {
		MountedConfigReader.Snapshot snapshot = this.reader.read(this.locations);
		if (!snapshot.problems().isEmpty() || snapshot.files().isEmpty()) {
			return null;
		}
		try {
			return this.pipeline.rehearse(this.reader.toCandidate(snapshot, this.source));
		}
		catch (MountedConfigReader.InvalidConfigException | UncheckedIOException ex) {
			return null; // the watcher reports it as the change it is
		}
	}

	/** Each watched path with the kind of mount it is. */
	@Override
	public List<WatchedLocationStatus> watchedPaths() {
		List<WatchedLocationStatus> statuses = new ArrayList<>();
		for (WatchedLocation location : this.locations) {
			Path path = location.absolutePath();
			statuses.add(new WatchedLocationStatus(location.location(), path.toString(), location.kind(),
					mountKind(location)));
			if (location.kind() == WatchedLocation.Kind.DIRECTORY) {
				for (Path file : this.reader.candidateFiles(location)) {
					if (Files.exists(file) && this.mountInfo.isMountPoint(file)) {
						statuses.add(new WatchedLocationStatus(location.location(), file.toAbsolutePath().toString(),
								WatchedLocation.Kind.FILE, MountKind.SUBPATH));
					}
				}
			}
		}
		return statuses;
	}

	private MountKind mountKind(WatchedLocation location) {
		Path path = location.absolutePath();
		if (location.kind() == WatchedLocation.Kind.FILE && Files.exists(path) && this.mountInfo.isMountPoint(path)) {
			return MountKind.SUBPATH;
		}
		// An items: projection with a nested path (conf/app.yaml) puts the file one or
		// more directories below the volume's ..data link.
		Path directory = (location.kind() == WatchedLocation.Kind.FILE) ? path.getParent() : path;
		for (Path current = directory; current != null; current = current.getParent()) {
			if (Files.isSymbolicLink(current.resolve(KUBELET_DATA_LINK))) {
				return MountKind.KUBELET_MANAGED;
			}
		}
		return MountKind.PLAIN;
	}

	private boolean isConfigTreeFile(Path path) {
		return this.locations.stream()
			.anyMatch((location) -> location.kind() == WatchedLocation.Kind.CONFIG_TREE
					&& path.startsWith(location.path()));
	}

	private void run() {
		long debounceNanos = this.properties.getDebounce().toNanos();
		long pollNanos = this.properties.getPollInterval().toNanos();
		long nextPoll = System.nanoTime() + pollNanos;
		long pendingSince = 0;
		long checkAt = 0;
		// When a check last found changed files: only those count as a storm to coalesce.
		long lastCheck = System.nanoTime() - debounceNanos;
		while (this.running) {
			try {
				long now = System.nanoTime();
				long wakeAt = (checkAt != 0) ? Math.min(checkAt, nextPoll) : nextPoll;
				WatchKey key = poll(Math.max(0, wakeAt - now));
				now = System.nanoTime();
				if (key != null) {
					boolean dataSwapped = drain(key);
					if (pendingSince == 0) {
						pendingSince = now;
					}
					if (dataSwapped && now - lastCheck >= debounceNanos) {
						// The kubelet's rename of ..data is the commit point of an atomic
						// update: nothing
						// partial is left to wait for, so check at once unless a check
						// just ran (a storm).
						checkAt = now;
					}
					else {
						// Trailing debounce, capped so that a continuous storm cannot
						// postpone the check forever.
						checkAt = Math.min(now + debounceNanos, pendingSince + MAX_DEBOUNCE_FACTOR * debounceNanos);
					}
				}
				if (checkAt != 0 && now >= checkAt) {
					long noticed = (pendingSince != 0) ? pendingSince : now;
					checkAt = 0;
					pendingSince = 0;
					if (check(noticed)) {
						lastCheck = now;
					}
					if (this.readAgain) {
						this.readAgain = false;
						checkAt = now + debounceNanos;
					}
				}
				if (now >= nextPoll) {
					nextPoll = now + pollNanos;
					registerDirectories();
					check(now);
				}
			}
			catch (ClosedWatchServiceException | InterruptedException ex) {
				return;
			}
			catch (RuntimeException ex) {
				if (!this.running) {
					return; // stopped while a check was waiting for its outcome
				}
				logger.warn("Configuration check failed; will retry", ex);
			}
		}
	}

	private WatchKey poll(long nanos) throws InterruptedException {
		WatchService service = this.watchService;
		if (service == null) {
			TimeUnit.NANOSECONDS.sleep(Math.min(nanos, TimeUnit.MILLISECONDS.toNanos(50)));
			return null;
		}
		return service.poll(nanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Consumes the pending events; answers whether one of them was a kubelet
	 * {@code ..data} swap.
	 */
	private boolean drain(WatchKey key) {
		boolean dataSwapped = false;
		boolean created = false;
		WatchKey next = key;
		while (next != null) {
			for (WatchEvent<?> event : next.pollEvents()) {
				if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && event.context() instanceof Path name) {
					dataSwapped |= KUBELET_DATA_LINK.equals(name.toString());
					created = true;
				}
			}
			if (!next.reset()) {
				// The directory went away (or was replaced): re-register what exists now.
				registerDirectories();
			}
			next = this.watchService.poll();
		}
		if (created) {
			// A watched directory may have just appeared: watch it now, not at the next
			// poll.
			registerDirectories();
		}
		return dataSwapped;
	}

	/** Checks the files; answers whether they had changed since the last check. */
	private boolean check(long noticed) {
		ReloadOutcome outcome = checkNow(noticed);
		if (outcome != null && logger.isDebugEnabled()) {
			logger.debug("Configuration check: " + outcome);
		}
		return outcome != null;
	}

	/**
	 * Registers each directory that holds watched files, or its nearest existing
	 * ancestor.
	 */
	private synchronized void registerDirectories() {
		WatchService service = this.watchService;
		if (service == null) {
			return;
		}
		Set<Path> directories = new LinkedHashSet<>();
		for (WatchedLocation location : this.locations) {
			Path path = location.absolutePath();
			if (location.kind() == WatchedLocation.Kind.FILE) {
				directories.add(existingAncestor(path.getParent()));
			}
			else {
				directories.add(existingAncestor(path));
				if (path.getParent() != null) {
					directories.add(existingAncestor(path.getParent()));
				}
				if (location.kind() == WatchedLocation.Kind.CONFIG_TREE && Files.isDirectory(path)) {
					for (Path file : this.reader.candidateFiles(location)) {
						directories.add(file.getParent().toAbsolutePath().normalize());
					}
				}
			}
		}
		for (Path directory : directories) {
			if (directory == null) {
				continue;
			}
			WatchKey existing = this.registrations.get(directory);
			if (existing != null && existing.isValid()) {
				continue;
			}
			try {
				this.registrations.put(directory, directory.register(service, StandardWatchEventKinds.ENTRY_CREATE,
						StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY));
			}
			catch (IOException | ClosedWatchServiceException ex) {
				logger.debug("Cannot watch " + directory + ": " + ex.getMessage());
			}
		}
	}

	private static Path existingAncestor(Path path) {
		Path current = path;
		while (current != null && !Files.isDirectory(current)) {
			current = current.getParent();
		}
		return current;
	}

	private static Set<Path> paths(MountedConfigReader.Snapshot snapshot) {
		Set<Path> paths = new LinkedHashSet<>();
		snapshot.files().forEach((file) -> paths.add(file.path()));
		return paths;
	}

}
