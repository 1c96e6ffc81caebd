package dev.steadypod.demo;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * What {@code /greeting} answers. Rebound in place when the configuration changes.
 */
@Validated
@ConfigurationProperties("demo.greeting")
public class GreetingProperties {

	/**
	 * The greeting message.
	 */
	@NotBlank
	@Size(max = 200)
	private String message = "Hello from Steadypod";

	/**
	 * Text appended by the client after the message.
	 */
	private String suffix = "!";

	public String getMessage() {
		return this.message;
	}

	public void setMessage(String message) {
		this.message = message;
	}

	public String getSuffix() {
		return this.suffix;
	}

	public void setSuffix(String suffix) {
		this.suffix = suffix;
	}

}
