package dev.steadypod.core;

import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Steadypod's root auto-configuration: binds {@code steadypod.*} and describes the
 * starter in {@code /actuator/info}.
 */
@AutoConfiguration
@ConditionalOnSteadypodEnabled
@EnableConfigurationProperties(SteadypodProperties.class)
public final class SteadypodAutoConfiguration {

	@Bean
	@ConditionalOnClass(InfoContributor.class)
	@ConditionalOnMissingBean(name = "steadypodInfoContributor")
	SteadypodInfoContributor steadypodInfoContributor(Environment environment) {
		return new SteadypodInfoContributor(environment);
	}

}
