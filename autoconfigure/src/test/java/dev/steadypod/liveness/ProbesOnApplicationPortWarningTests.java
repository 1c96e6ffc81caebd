package dev.steadypod.liveness;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class ProbesOnApplicationPortWarningTests {

	@Test
	void warnsInKubernetesWhenProbesShareTheApplicationPort(CapturedOutput output) {
		start(new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes"));
		assertThat(output).contains("WARN", "Serve them on their own port by setting management.server.port");
	}

	@Test
	void staysQuietInKubernetesWhenManagementHasItsOwnPort(CapturedOutput output) {
		start(new MockEnvironment().withProperty("spring.main.cloud-platform", "kubernetes")
			.withProperty("management.server.port", "8081"));
		assertThat(output).doesNotContain("management.server.port");
	}

	@Test
	void staysQuietOutsideKubernetes(CapturedOutput output) {
		start(new MockEnvironment());
		assertThat(output).doesNotContain("management.server.port");
	}

	private static void start(MockEnvironment environment) {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			context.setEnvironment(environment);
			new ProbesOnApplicationPortWarning(environment)
				.onApplicationEvent(new ApplicationStartedEvent(new SpringApplication(), new String[0], context, null));
		}
	}

}
