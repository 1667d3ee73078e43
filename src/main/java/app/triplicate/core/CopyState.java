package app.triplicate.core;

/** The state of one copy of a media file at one location (SPEC.md, "copy"). */
public enum CopyState {
    /** Read back from the location and matched the recorded hash. */
    VERIFIED,
    /** Written, not yet proven. */
    UNVERIFIED,
    MISSING,
    CORRUPT,
    /** Holds an earlier version of a sidecar that was edited elsewhere; repair brings it up to date. */
    OUTDATED
}
