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

package dev.steadypod.demo.chart;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;

/**
 * Reads the one protobuf body Helm sends: its release record, a Secret that client-go's
 * typed client writes as {@code application/vnd.kubernetes.protobuf}, which fabric8's
 * mock API server only understands as JSON. The wire format is Kubernetes' envelope (the
 * magic {@code k8s\0}, then a {@code runtime.Unknown} whose field 2 holds the object)
 * around the generated {@code v1.Secret} message; only the fields a release record uses
 * are read (name, namespace, labels, annotations, data, type).
 */
final class KubernetesProtobuf {

	private static final byte[] MAGIC = { 'k', '8', 's', 0 };

	private KubernetesProtobuf() {
	}

	/**
	 * The Secret in a protobuf body.
	 * @throws IllegalArgumentException when the body is not a Kubernetes protobuf Secret
	 */
	static Secret secret(byte[] body) {
		for (int i = 0; i < MAGIC.length; i++) {
			if (body.length < MAGIC.length || body[i] != MAGIC[i]) {
				throw new IllegalArgumentException("Not a Kubernetes protobuf body");
			}
		}
		Reader unknown = new Reader(body, MAGIC.length, body.length);
		String kind = null;
		byte[] raw = null;
		while (unknown.more()) {
			int field = unknown.tag();
			if (field == 1) {
				Reader typeMeta = unknown.message();
				while (typeMeta.more()) {
					if (typeMeta.tag() == 2) {
						kind = typeMeta.string();
					}
					else {
						typeMeta.skip();
					}
				}
			}
			else if (field == 2) {
				raw = unknown.bytes();
			}
			else {
				unknown.skip();
			}
		}
		if (!"Secret".equals(kind) || raw == null) {
			throw new IllegalArgumentException("Not a Secret: " + kind);
		}
		return secret(new Reader(raw, 0, raw.length));
	}

	private static Secret secret(Reader secret) {
		SecretBuilder builder = new SecretBuilder();
		Map<String, String> data = new LinkedHashMap<>();
		while (secret.more()) {
			switch (secret.tag()) {
				case 1 -> metadata(secret.message(), builder);
				case 2 -> {
					Reader entry = secret.message();
					String key = null;
					byte[] value = new byte[0];
					while (entry.more()) {
						switch (entry.tag()) {
							case 1 -> key = entry.string();
							case 2 -> value = entry.bytes();
							default -> entry.skip();
						}
					}
					data.put(key, Base64.getEncoder().encodeToString(value));
				}
				case 3 -> builder.withType(secret.string());
				default -> secret.skip();
			}
		}
		return builder.withData(data).build();
	}

	private static void metadata(Reader metadata, SecretBuilder builder) {
		Map<String, String> labels = new LinkedHashMap<>();
		Map<String, String> annotations = new LinkedHashMap<>();
		String name = null;
		String namespace = null;
		while (metadata.more()) {
			switch (metadata.tag()) {
				case 1 -> name = metadata.string();
				case 3 -> namespace = metadata.string();
				case 11 -> entry(metadata.message(), labels);
				case 12 -> entry(metadata.message(), annotations);
				default -> metadata.skip();
			}
		}
		builder.withNewMetadata()
			.withName(name)
			.withNamespace(namespace)
			.withLabels(labels)
			.withAnnotations(annotations)
			.endMetadata();
	}

	private static void entry(Reader entry, Map<String, String> into) {
		String key = null;
		String value = "";
		while (entry.more()) {
			switch (entry.tag()) {
				case 1 -> key = entry.string();
				case 2 -> value = entry.string();
				default -> entry.skip();
			}
		}
		into.put(key, value);
	}

	/** Protobuf wire format: varints, and length-delimited fields. */
	private static final class Reader {

		private final byte[] buffer;

		private final int end;

		private int position;

		private int wireType;

		Reader(byte[] buffer, int start, int end) {
			this.buffer = buffer;
			this.position = start;
			this.end = end;
		}

		boolean more() {
			return this.position < this.end;
		}

		/** Reads a field's key: returns its number and remembers its wire type. */
		int tag() {
			long key = varint();
			this.wireType = (int) (key & 7);
			return (int) (key >>> 3);
		}

		String string() {
			return new String(bytes(), StandardCharsets.UTF_8);
		}

		byte[] bytes() {
			int length = length();
			ByteArrayOutputStream out = new ByteArrayOutputStream(length);
			out.write(this.buffer, this.position, length);
			this.position += length;
			return out.toByteArray();
		}

		Reader message() {
			int length = length();
			Reader message = new Reader(this.buffer, this.position, this.position + length);
			this.position += length;
			return message;
		}

		void skip() {
			switch (this.wireType) {
				case 0 -> varint();
				case 1 -> this.position += 8;
				case 2 -> {
					// The length first: it moves the position past its own varint.
					int length = length();
					this.position += length;
				}
				case 5 -> this.position += 4;
				default -> throw new IllegalArgumentException("Unsupported wire type " + this.wireType);
			}
		}

		private int length() {
			if (this.wireType != 2) {
				throw new IllegalArgumentException("Not a length-delimited field");
			}
			int length = (int) varint();
			if (length < 0 || this.position + length > this.end) {
				throw new IllegalArgumentException("Truncated protobuf");
			}
			return length;
		}

		private long varint() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				if (this.position >= this.end) {
					throw new IllegalArgumentException("Truncated protobuf");
				}
				byte b = this.buffer[this.position++];
				value |= (long) (b & 0x7f) << shift;
				if ((b & 0x80) == 0) {
					return value;
				}
			}
			throw new IllegalArgumentException("Malformed varint");
		}

	}

}
