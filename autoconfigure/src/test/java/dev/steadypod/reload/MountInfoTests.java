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

import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MountInfoTests {

	// Shaped like a pod's /proc/self/mountinfo: the ConfigMap volume is a directory
	// mount, the
	// subPath key is a bind mount of a single file, and one mount point has an escaped
	// space.
	private static final String SAMPLE = """
			1391 1253 0:345 / / rw,relatime master:402 - overlay overlay rw,lowerdir=/var/lib/l1,upperdir=/u,workdir=/w
			1392 1391 0:348 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw
			1401 1391 259:1 /var/lib/kubelet/pods/8c1d/volumes/kubernetes.io~configmap/config /etc/config ro,relatime - ext4 /dev/nvme0n1p1 rw
			1402 1391 259:1 /var/lib/kubelet/pods/8c1d/volume-subpaths/config/app/0 /app/config/application.yaml ro,relatime - ext4 /dev/nvme0n1p1 rw
			1403 1391 259:1 /data /mnt/with\\040space rw,relatime - ext4 /dev/nvme0n1p1 rw
			""";

	@Test
	void fileThatIsItsOwnMountPointIsASubPathMount() {
		MountInfo mounts = MountInfo.parse(SAMPLE);
		assertThat(mounts.isMountPoint(Path.of("/app/config/application.yaml"))).isTrue();
		assertThat(mounts.isMountPoint(Path.of("/etc/config/application.yaml"))).isFalse();
	}

	@Test
	void volumeDirectoryIsAMountPointAndOctalEscapesAreDecoded() {
		MountInfo mounts = MountInfo.parse(SAMPLE);
		assertThat(mounts.isMountPoint(Path.of("/etc/config"))).isTrue();
		assertThat(mounts.isMountPoint(Path.of("/mnt/with space"))).isTrue();
	}

	@Test
	void emptyOrGarbledTextHasNoMountPoints() {
		assertThat(MountInfo.parse("").isMountPoint(Path.of("/"))).isFalse();
		assertThat(MountInfo.parse("not a mount table").isMountPoint(Path.of("/"))).isFalse();
	}

	@Test
	void thisProcessMountTableIsReadable() {
		assertThat(MountInfo.read().isMountPoint(Path.of("/"))).isTrue();
	}

}
