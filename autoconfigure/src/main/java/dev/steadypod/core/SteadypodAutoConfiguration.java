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

package dev.steadypod.core;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

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
	SteadypodInfoContributor steadypodInfoContributor(ListableBeanFactory beanFactory) {
		return new SteadypodInfoContributor(beanFactory);
	}

}
