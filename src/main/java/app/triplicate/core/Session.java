package app.triplicate.core;

import java.time.Instant;
import java.time.LocalDateTime;

/**
 * A group of media files shot together, named by the user.
 *
 * @param stableId     the short id {@code status} prints and commands accept
 * @param folder       the session's folder relative to the library root
 * @param firstCapture the first capture time on the local timeline (null while the session is empty)
 * @param firstInstant when its first shot was taken (null while the session is empty)
 */
public record Session(long id, String stableId, String name, String folder, LocalDateTime firstCapture,
                      LocalDateTime lastCapture, Instant firstInstant, Instant lastInstant) {
}
