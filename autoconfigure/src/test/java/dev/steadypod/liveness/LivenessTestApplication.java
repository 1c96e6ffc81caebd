package dev.steadypod.liveness;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * A web application with a dependency health indicator that is DOWN, like a database the
 * pod cannot reach: it must never reach the liveness group.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
class LivenessTestApplication {

	@Bean
	HealthIndicator dbHealthIndicator() {
		return () -> Health.down().withDetail("error", "database unreachable").build();
	}

}
