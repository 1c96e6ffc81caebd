package dev.steadypod.reload;

/**
 * How a watched path is mounted.
 */
public enum MountKind {

	/**
	 * A ConfigMap or Secret volume maintained by the kubelet ({@code ..data} symlink
	 * swap).
	 */
	KUBELET_MANAGED,

	/** An ordinary file or directory. */
	PLAIN,

	/** A {@code subPath} mount of a single key: never updated by the kubelet. */
	SUBPATH

}
