package dev.steadypod.reload;

/**
 * One watched path as the {@code configreload} endpoint shows it.
 *
 * @param location the location as configured
 * @param path the absolute path
 * @param kind directory, file or config tree
 * @param mount how it is mounted
 */
public record WatchedLocationStatus(String location, String path, WatchedLocation.Kind kind, MountKind mount) {

}
