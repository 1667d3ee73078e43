package app.triplicate.verify;

import java.time.Instant;

/**
 * Something a check found. Checks report findings to a sink; they do not throw (the caller decides how
 * to show them).
 *
 * @param drive the drive label
 * @param path  the library path, or null for findings about a whole drive
 * @param lastVerified for NOT_CONNECTED: when the drive's copies were last verified
 */
public record Finding(Kind kind, String drive, String path, String detail, Instant lastVerified) {

    public enum Kind {
        /** The copy is not where the catalog says. */
        MISSING,
        /** The copy's bytes no longer match the recorded hash. */
        CORRUPT,
        /** The copy could not be read (I/O error). */
        UNREADABLE,
        /** A file in a library folder that the catalog does not know. */
        UNTRACKED,
        /** The drive is registered but not connected: its copies were not checked. */
        NOT_CONNECTED;

        /** Missing, corrupt and unreadable copies make a check fail (exit 1). */
        public boolean isProblem() {
            return this == MISSING || this == CORRUPT || this == UNREADABLE;
        }
    }
}
