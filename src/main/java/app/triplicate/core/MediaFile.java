package app.triplicate.core;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * One picture, video or sidecar known to the catalog, identified by its content.
 *
 * @param libraryPath     relative to the library root; chosen once, the same on every location
 * @param capture         when it was taken, and where that came from
 * @param captureTimeline the capture time on the local timeline of the computer that imported it
 * @param suspicious      the camera clock looks wrong (before 1980 or after the import day)
 */
public record MediaFile(long id, Xxh128 hash, long size, long sessionId, String libraryPath, String originalName,
                        CaptureTime capture, LocalDateTime captureTimeline, boolean suspicious, Camera camera,
                        Instant importedAt) {

    public MediaFile withId(long newId) {
        return new MediaFile(newId, hash, size, sessionId, libraryPath, originalName, capture, captureTimeline,
                suspicious, camera, importedAt);
    }
}
