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
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * SHA-256 over named content, each entry framed by its name and length so that moving
 * bytes from one entry to another changes the hash.
 */
public final class ContentHasher {

	private final MessageDigest digest;

	public ContentHasher() {
		try {
			this.digest = MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Adds one named entry. */
	public ContentHasher add(String name, byte[] content) {
		byte[] nameBytes = name.getBytes(StandardCharsets.UTF_8);
		this.digest.update(longBytes(nameBytes.length));
		this.digest.update(nameBytes);
		this.digest.update(longBytes(content.length));
		this.digest.update(content);
		return this;
	}

	/** The hash as 64 lower-case hex digits. */
	public String hex() {
		return HexFormat.of().formatHex(this.digest.digest());
	}

	private static byte[] longBytes(long value) {
		byte[] bytes = new byte[8];
		for (int i = 7; i >= 0; i--) {
			bytes[i] = (byte) value;
			value >>>= 8;
		}
		return bytes;
	}

}
