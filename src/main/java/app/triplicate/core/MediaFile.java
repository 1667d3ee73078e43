package app.triplicate.core;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One picture, video or sidecar known to the catalog, identified by its content.
 *
 * @param libraryPath          relative to the library root; chosen once, the same on every location
 * @param captureLocal         the camera's wall-clock time of capture
 * @param captureOffsetSeconds its UTC offset, or null when the camera recorded none
 * @param captureSource        which tag the time came from, or "file modification time"
 */
public record MediaFile(long id, Xxh128 hash, long size, long sessionId, String libraryPath, String originalName,
                        LocalDateTime captureLocal, Integer captureOffsetSeconds, String captureSource,
                        Instant importedAt) {
}
