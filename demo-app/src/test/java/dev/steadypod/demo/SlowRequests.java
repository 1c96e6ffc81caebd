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

package dev.steadypod.demo;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Holds a number of concurrent {@code /work} requests on the demo app for a given time: a
 * known number of requests in flight. Closing waits for all of them, so none leaks into
 * the next test.
 */
final class SlowRequests implements AutoCloseable {

	private final List<CompletableFuture<HttpResponse<String>>> responses;

	private final Duration hold;

	private SlowRequests(List<CompletableFuture<HttpResponse<String>>> responses, Duration hold) {
		this.responses = responses;
		this.hold = hold;
	}

	static SlowRequests start(int port, int count, Duration hold) {
		// One connection per request (HTTP/1.1), as independent clients would open them.
		HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
		HttpRequest request = HttpRequest
			.newBuilder(URI.create("http://127.0.0.1:" + port + "/work?ms=" + hold.toMillis()))
			.timeout(hold.plusSeconds(30))
			.build();
		return new SlowRequests(IntStream.range(0, count)
			.mapToObj((i) -> http.sendAsync(request, HttpResponse.BodyHandlers.ofString()))
			.toList(), hold);
	}

	/**
	 * Waits until every request has been answered.
	 * @return the status codes
	 * @throws Exception when a request failed or did not finish in time
	 */
	List<Integer> statusCodes() throws Exception {
		CompletableFuture.allOf(this.responses.toArray(CompletableFuture[]::new))
			.get(this.hold.toMillis() + 30_000, TimeUnit.MILLISECONDS);
		return this.responses.stream().map((response) -> response.join().statusCode()).toList();
	}

	@Override
	public void close() throws Exception {
		statusCodes();
	}

}
