package app.triplicate.core;

import java.time.Instant;
import java.util.UUID;

/** The bytes of one media file at one location. */
public record Copy(long mediaFileId, UUID locationId, String path, CopyState state, Instant verifiedAt,
                   VerifyMethod method) {
}
