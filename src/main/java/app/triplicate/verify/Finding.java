package app.triplicate.verify;

import java.time.Instant;

/**
 * Something a check found. Checks report findings to a sink; they do not throw (the caller decides how
 * to show them).
 *
 * @param drive the drive label, or the remote's ("Remote sftp://photo@nas:22/backup")
 * @param path  the library path (on the remote: the object's key under its base), or null for findings about
 *              a whole drive or the whole remote
 * @param lastVerified for NOT_CONNECTED (and a remote that refused): when its copies were last verified
 */
public record Finding(Kind kind, String drive, String path, String detail, Instant lastVerified) {

    /** How the detail of a {@link Kind#NOT_CONNECTED} finding starts when the drive went away during the check. */
    public static final String DISCONNECTED_DURING_VERIFY = "disconnected during verify";

    /**
     * A drive that went away while it was being checked: the copies not yet checked keep their standing (nothing is
     * called missing on a drive that is not there), and the run must say it could not finish (exit 1).
     */
    public static Finding disconnectedDuringVerify(String drive, long unchecked, Instant lastVerified) {
        return new Finding(Kind.NOT_CONNECTED, drive, null, DISCONNECTED_DURING_VERIFY + ": " + (unchecked == 1
                ? "1 copy not checked keeps its standing" : unchecked + " copies not checked keep their standing")
                + "; connect it and verify again", lastVerified);
    }

    /**
     * Many copies on one location changed at once (SPEC.md: <i>mass change</i>): reported as one finding, not copy by
     * copy; nothing was repaired or adopted, and repair waits for the user's confirmation.
     */
    public static Finding massChange(String drive, long changed, long checked, Instant lastVerified) {
        return new Finding(Kind.MASS_CHANGE, drive, null, massChangeWords(drive, changed, checked), lastVerified);
    }

    /** The mass change in plain words, the same on the command line and in the window. */
    public static String massChangeWords(String drive, long changed, long checked) {
        return "Many copies changed at once on " + drive + ": " + app.triplicate.core.Words.number(changed) + " of "
                + app.triplicate.core.Words.number(checked) + ". This looks like ransomware or a failing drive. "
                + "Nothing was repaired. Find the cause (disconnect the drive, check the computer); then repair with "
                + "\"triplicate repair --confirm-mass-change\" or confirm it in the window.";
    }

    /** This drive went away mid-run (see {@link #disconnectedDuringVerify}). */
    public boolean disconnectedDuringRun() {
        return kind == Kind.NOT_CONNECTED && detail != null && detail.startsWith(DISCONNECTED_DURING_VERIFY);
    }

    public enum Kind {
        /** The copy is not where the catalog says. */
        MISSING,
        /** The copy's bytes no longer match the recorded hash. */
        CORRUPT,
        /**
         * The copy could not be read (I/O error); with no path, the remote refused (credentials, host key,
         * missing bucket or folder), so none of its copies could be checked.
         */
        UNREADABLE,
        /** A file in a library folder that the catalog does not know. */
        UNTRACKED,
        /**
         * The drive is registered but not connected, or the remote could not be reached (detail "not
         * reachable; ..."): its copies were not checked. A drive that went away during the check says so
         * ({@link #disconnectedDuringRun()}), and that makes the check fail.
         */
        NOT_CONNECTED,
        /** A missing copy's content was found at another path on the same drive; the catalog follows it. */
        MOVED,
        /** An .xmp (or other sidecar) was edited: the new content is recorded as the current version. */
        SIDECAR_CHANGED,
        /** The copy holds an earlier version of an edited sidecar; repair brings it up to date. */
        OUTDATED,
        /**
         * Many copies of one location changed at once (a possible ransomware attack or failing drive): they were
         * recorded as not good, none was adopted or followed, and repair refuses until the user confirms.
         */
        MASS_CHANGE;

        /** Missing, corrupt and unreadable copies, and a mass change, make a check fail (exit 1). */
        public boolean isProblem() {
            return this == MISSING || this == CORRUPT || this == UNREADABLE || this == MASS_CHANGE;
        }
    }
}
