package dev.steadypod.reload;

import java.util.Locale;

/**
 * How a configuration change ended; the {@code result} tag of
 * {@code steadypod.config.reloads}.
 */
public enum ReloadResult {

	/** Validated and applied. */
	APPLIED,

	/** Refused before anything was applied: the old configuration is still served. */
	REJECTED,

	/** Validated but the apply failed and was rolled back. */
	FAILED,

	/** Same content or no effective property change: nothing to do. */
	UNCHANGED;

	/** The lower-case tag value. */
	public String tag() {
		return name().toLowerCase(Locale.ROOT);
	}

}
