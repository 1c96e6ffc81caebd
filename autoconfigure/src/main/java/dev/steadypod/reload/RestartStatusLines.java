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

/**
 * Shows the restart policy's start-up problem and its latest request as status lines of
 * the {@code configreload} endpoint.
 */
final class RestartStatusLines implements RestartListener {

	private static final String PROBLEM = "restart-policy";

	private static final String REQUEST = "restart-request";

	private final ConfigReloadPipeline pipeline;

	RestartStatusLines(ConfigReloadPipeline pipeline) {
		this.pipeline = pipeline;
	}

	@Override
	public void onRestartRequest(RestartRequest request) {
		this.pipeline.putStatus(REQUEST, request.summary());
	}

	@Override
	public void onProblem(String problem) {
		if (problem.isEmpty()) {
			this.pipeline.removeStatus(PROBLEM);
		}
		else {
			this.pipeline.putStatus(PROBLEM, problem);
		}
	}

}
