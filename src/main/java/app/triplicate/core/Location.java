package app.triplicate.core;

import java.time.Instant;
import java.util.UUID;

/**
 * Somewhere a copy can live. In this version every location is a drive: a folder recognised by its
 * identity marker, on a physical device recorded as {@code deviceId}.
 *
 * @param sameDevice the user asserted this folder is a separate copy although it shares a device with
 *                   another registered drive ({@code drive add --same-device})
 */
public record Location(UUID id, String label, DriveRole role, boolean offsite, String registeredPath,
                       String deviceId, boolean sameDevice, Instant createdAt, Instant lastSeenAt) {
}
