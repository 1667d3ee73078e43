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
        NOT_CONNECTED,
        /** A missing copy's content was found at another path on the same drive; the catalog follows it. */
        MOVED,
        /** An .xmp (or other sidecar) was edited: the new content is recorded as the current version. */
        SIDECAR_CHANGED,
        /** The copy holds an earlier version of an edited sidecar; repair brings it up to date. */
        OUTDATED;

        /** Missing, corrupt and unreadable copies make a check fail (exit 1). */
        public boolean isProblem() {
            return this == MISSING || this == CORRUPT || this == UNREADABLE;
        }
    }
}
