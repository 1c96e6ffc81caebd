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

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

/**
 * What is shown of a content hash outside the process (endpoint, metric, logs): an
 * HMAC-SHA256 of it, so that a low-entropy secret in the configuration cannot be found by
 * hashing guesses. The key is random per process unless
 * {@code steadypod.reload.fingerprint-key} gives one shared by all replicas (then equal
 * configurations show equal fingerprints across pods).
 */
final class ContentFingerprint {

	private static final int HEX_DIGITS = 16;

	private final SecretKeySpec key;

	private final boolean shared;

	ContentFingerprint(@Nullable String sharedKey) {
		byte[] bytes;
		this.shared = StringUtils.hasText(sharedKey);
		if (this.shared) {
			bytes = sharedKey.getBytes(StandardCharsets.UTF_8);
		}
		else {
			bytes = new byte[32];
			new SecureRandom().nextBytes(bytes);
		}
		this.key = new SecretKeySpec(bytes, "HmacSHA256");
	}

	/** Whether the key is shared by the replicas (set), not random per process. */
	boolean shared() {
		return this.shared;
	}

	/** The fingerprint of a content hash: 16 hex digits of its HMAC. */
	@Nullable String of(@Nullable String contentHash) {
		if (contentHash == null) {
			return null;
		}
		try {
			Mac mac = Mac.getInstance("HmacSHA256");
			mac.init(this.key);
			byte[] digest = mac.doFinal(contentHash.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
		}
		catch (GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
