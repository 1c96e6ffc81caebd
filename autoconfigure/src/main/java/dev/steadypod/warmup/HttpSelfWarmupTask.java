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

package dev.steadypod.warmup;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import dev.steadypod.core.SteadypodEnvironment;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerSslBundle;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.util.StringUtils;
import org.springframework.web.client.RestClient;

/**
 * Calls the application's own endpoints before readiness opens, so the JIT compiles the
 * request path and the pools fill before the first real user arrives. It speaks to the
 * application the way the application serves: HTTPS when {@code server.ssl} is enabled
 * (trusting the server's own certificate, or the SSL bundle named by
 * {@code steadypod.warmup.http.ssl-bundle}) and under
 * {@code server.servlet.context-path}. Connections are opened per run and nothing
 * outlives it.
 */
class HttpSelfWarmupTask implements WarmupTask {

	private final WarmupProperties.Http properties;

	private final Environment environment;

	private final @Nullable SslBundles sslBundles;

	HttpSelfWarmupTask(WarmupProperties.Http properties, Environment environment, @Nullable SslBundles sslBundles) {
		this.properties = properties;
		this.environment = environment;
		this.sslBundles = sslBundles;
	}

	@Override
	public String name() {
		return "http-self-warm-up";
	}

	@Override
	public void run() throws Exception {
		int port = SteadypodEnvironment.applicationPort(this.environment)
			.orElseThrow(() -> new IllegalStateException("The application port is not known yet"));
		// Unset server.ssl means plain HTTP (an unbound Ssl would default to enabled).
		Ssl ssl = Binder.get(this.environment).bind("server.ssl", Ssl.class).orElse(null);
		boolean https = Ssl.isEnabled(ssl);
		String contextPath = this.environment.getProperty("server.servlet.context-path", "");
		String base = (https ? "https" : "http") + "://" + host() + ":" + port + contextPath;
		RestClient client = RestClient.builder()
			.requestFactory(new SelfCallRequestFactory((ssl != null && https) ? sslContext(ssl) : null))
			.baseUrl(base)
			.build();
		List<String> failures = new ArrayList<>();
		for (String path : this.properties.getPaths()) {
			String relative = path.startsWith("/") ? path : "/" + path;
			for (int i = 0; i < this.properties.getRequests(); i++) {
				HttpStatusCode status = client.get()
					.uri(relative)
					.exchange((request, response) -> response.getStatusCode());
				if (status.isError()) {
					failures.add("GET " + contextPath + relative + " answered " + status.value());
					break;
				}
			}
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException(String.join("; ", failures));
		}
	}

	private String host() {
		// The server may be bound to one interface only; otherwise loopback reaches it.
		InetAddress bound = Binder.get(this.environment).bind("server.address", InetAddress.class).orElse(null);
		InetAddress address = (bound != null && !bound.isAnyLocalAddress()) ? bound : InetAddress.getLoopbackAddress();
		String literal = address.getHostAddress();
		return literal.contains(":") ? "[" + literal + "]" : literal;
	}

	private SSLContext sslContext(Ssl ssl) throws GeneralSecurityException, IOException {
		String clientBundle = this.properties.getSslBundle();
		if (StringUtils.hasText(clientBundle)) {
			if (this.sslBundles == null) {
				throw new IllegalStateException("steadypod.warmup.http.ssl-bundle is set but there are no SSL bundles");
			}
			return this.sslBundles.getBundle(clientBundle).createSslContext();
		}
		SslBundle server = WebServerSslBundle.get(ssl, this.sslBundles);
		KeyStore keyStore = server.getStores().getKeyStore();
		if (keyStore == null) {
			throw new IllegalStateException("The server's SSL configuration has no key store to trust; set "
					+ "steadypod.warmup.http.ssl-bundle to a bundle that trusts the server's certificate");
		}
		// Trust exactly the server's own certificates: the call goes to this process.
		KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
		trusted.load(null, null);
		for (String alias : Collections.list(keyStore.aliases())) {
			Certificate certificate = keyStore.getCertificate(alias);
			if (certificate != null) {
				trusted.setCertificateEntry(alias, certificate);
			}
		}
		TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
		trustManagers.init(trusted);
		SSLContext context = SSLContext.getInstance(server.getProtocol());
		context.init(null, trustManagers.getTrustManagers(), null);
		return context;
	}

	/**
	 * One connection per request, TLS trusting the application's certificate.
	 */
	private final class SelfCallRequestFactory extends SimpleClientHttpRequestFactory {

		private final @Nullable SSLContext sslContext;

		SelfCallRequestFactory(@Nullable SSLContext sslContext) {
			this.sslContext = sslContext;
			setConnectTimeout(HttpSelfWarmupTask.this.properties.getTimeout());
			setReadTimeout(HttpSelfWarmupTask.this.properties.getTimeout());
		}

		@Override
		protected void prepareConnection(HttpURLConnection connection, String httpMethod) throws IOException {
			super.prepareConnection(connection, httpMethod);
			if (this.sslContext != null && connection instanceof HttpsURLConnection https) {
				https.setSSLSocketFactory(this.sslContext.getSocketFactory());
				// The host is a loopback address, which no certificate names; the trust
				// above is pinned to the application's own certificate instead.
				https.setHostnameVerifier((hostname, session) -> true);
			}
		}

	}

}
