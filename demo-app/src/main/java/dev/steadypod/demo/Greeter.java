package dev.steadypod.demo;

import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.stereotype.Component;

/**
 * Takes a snapshot of the greeting when it is created. Being {@code @RefreshScope}, it is
 * re-created after a configuration change: the second rebinding style, beside the
 * in-place rebinding of {@link GreetingProperties}.
 */
@Component
@RefreshScope
public class Greeter {

	private final Greeting greeting;

	public Greeter(GreetingProperties properties) {
		this.greeting = new Greeting(properties.getMessage(), properties.getSuffix());
	}

	public Greeting greeting() {
		return this.greeting;
	}

	/**
	 * The body of {@code /greeting}.
	 *
	 * @param message the configured message
	 * @param suffix the configured suffix
	 */
	public record Greeting(String message, String suffix) {
	}

}
