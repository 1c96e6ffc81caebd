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

import java.nio.file.Path;
import java.util.List;

/**
 * A PKCS12 key store with a self-signed certificate, made by the JDK's keytool.
 */
final class SelfSignedKeyStore {

	private SelfSignedKeyStore() {
	}

	static Path create(Path directory, String password) throws Exception {
		Path keyStore = directory.resolve("server.p12");
		Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
		Process process = new ProcessBuilder(List.of(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg",
				"RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=my-service.example", "-storetype", "PKCS12",
				"-keystore", keyStore.toString(), "-storepass", password))
			.redirectErrorStream(true)
			.start();
		String out = new String(process.getInputStream().readAllBytes());
		if (process.waitFor() != 0) {
			throw new IllegalStateException("keytool failed: " + out);
		}
		return keyStore;
	}

}
