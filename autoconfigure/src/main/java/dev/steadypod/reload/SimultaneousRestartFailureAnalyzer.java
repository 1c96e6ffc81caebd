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

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains why {@code on-restart-required=shutdown} stops start-up on Kubernetes and what
 * to use instead.
 */
class SimultaneousRestartFailureAnalyzer extends AbstractFailureAnalyzer<SimultaneousRestartException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, SimultaneousRestartException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Set steadypod.reload.on-restart-required=rolling-restart (one rollout of the Deployment, one pod at a"
						+ " time within its maxUnavailable; the Helm chart value configReload.onRestartRequired grants"
						+ " the RBAC it needs), or =log and restart with 'kubectl rollout restart'.",
				cause);
	}

}
