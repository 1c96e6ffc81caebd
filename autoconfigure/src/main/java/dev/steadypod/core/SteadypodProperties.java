package dev.steadypod.core;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Switches for Steadypod as a whole.
 */
@ConfigurationProperties("steadypod")
public class SteadypodProperties {

	/**
	 * Whether Steadypod is enabled. Set to false to switch off every Steadypod feature at
	 * once (config reload, warm-up and liveness checks, metrics defaults).
	 */
	private boolean enabled = true;

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

}
