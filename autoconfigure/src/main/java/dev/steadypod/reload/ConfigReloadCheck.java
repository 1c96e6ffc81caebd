package dev.steadypod.reload;

import java.util.List;

/**
 * A reload route that can be asked to look for changes right now (the
 * {@code configreload} endpoint's write operation) and that reports what it watches.
 */
public interface ConfigReloadCheck {

	/**
	 * Looks for a change now and submits it.
	 * @return the outcome, or {@code null} when nothing changed since the last check
	 */
	ReloadOutcome checkNow();

	/** What this route watches, for the endpoint. */
	default List<WatchedLocationStatus> watchedPaths() {
		return List.of();
	}

}
