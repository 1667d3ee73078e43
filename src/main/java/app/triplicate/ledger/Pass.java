package app.triplicate.ledger;

import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.core.CopyState;
import app.triplicate.core.VerifyMethod;
import app.triplicate.core.Xxh128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * One verify's pass over one location: copies found good are recorded at once; copies found changed (corrupt,
 * damaged sidecars, moved, missing, edited) are held until {@link #settle}, which decides whether they are a mass
 * change (SPEC.md): more than {@value #MASS_CHANGED}, or more than 1% and at least {@value #MASS_MINIMUM}, of the
 * copies checked there, counting only copies that were good when the check began (one already known corrupt or
 * missing did not change in this run). Then they are not treated one by one: nothing is adopted as an edit or followed to a new
 * name, the last good hashes stay, the copies are recorded as not good (the count is never higher than the truth),
 * and a mass change is recorded, which stops repair until the user confirms.
 * <p>
 * Safe for several workers of one pass (the remote's lane).
 */
public final class Pass {
    private static final Logger log = LoggerFactory.getLogger(Pass.class);

    /** More changed copies than this in one pass is a mass change, whatever the share. */
    public static final int MASS_CHANGED = 50;
    /** Below {@link #MASS_CHANGED}, a share above 1% is a mass change only from this many copies on. */
    public static final int MASS_MINIMUM = 5;

    /** What was found wrong with one copy. */
    public enum Kind {
        /** Bytes that no longer match (a photo, RAW or video; or a sidecar whose change is not a plausible edit). */
        CORRUPT,
        /** Not at its path on a location provably there. */
        MISSING,
        /** Its bytes found at another path on the drive. */
        MOVED,
        /** A sidecar plausibly edited: never counted as a change, but not adopted during a mass change either. */
        EDITED
    }

    /**
     * One change, held until the pass settles.
     *
     * @param known the copy was recorded so already (found corrupt or missing by an earlier check): not a change
     *              of this run, so it does not count towards a mass change
     */
    public record Change(Kind kind, long mediaFileId, String path, String newPath, Xxh128 newHash, long newSize,
                         VerifyMethod method, boolean known) {
        /** @param state the copy's recorded state when the check began */
        public static Change corrupt(long mediaFileId, String path, CopyState state) {
            return new Change(Kind.CORRUPT, mediaFileId, path, null, null, 0, null, state == CopyState.CORRUPT);
        }

        /** @param state the copy's recorded state when the check began */
        public static Change missing(long mediaFileId, String path, CopyState state) {
            return new Change(Kind.MISSING, mediaFileId, path, null, null, 0, null, state == CopyState.MISSING);
        }

        public static Change moved(long mediaFileId, String path, String newPath, VerifyMethod method) {
            return new Change(Kind.MOVED, mediaFileId, path, newPath, null, 0, method, false);
        }

        public static Change edited(long mediaFileId, String path, Xxh128 newHash, long newSize, VerifyMethod method) {
            return new Change(Kind.EDITED, mediaFileId, path, null, newHash, newSize, method, false);
        }

        boolean counts() {
            return kind != Kind.EDITED && !known;
        }
    }

    /**
     * How the pass settled.
     *
     * @param massChange   the changes were a mass change: recorded as such, none adopted or followed
     * @param changed      the copies that count towards a mass change (every new change but plausible edits)
     * @param checked      the copies checked in the pass
     * @param notRecorded  copies not recorded missing because the location was gone by then (they keep their standing)
     */
    public record Settlement(boolean massChange, int changed, long checked, int notRecorded) {
    }

    private final Ledger ledger;
    private final UUID locationId;
    private final String label;
    private final List<Change> changes = new ArrayList<>();
    private final List<Proven> proven = new ArrayList<>();

    Pass(Ledger ledger, UUID locationId, String label) {
        this.ledger = ledger;
        this.locationId = locationId;
        this.label = label;
    }

    /**
     * A copy read back at its path matched its hash. Recorded in batches of {@value #BATCH} (and when the pass
     * settles): one transaction per batch instead of one per copy, which was most of verify's catalog time. A kill
     * loses at most one batch of proofs, which the next verify proves again; nothing is counted that was not proven.
     *
     * @param planned the copy's path when the check chose it ({@code path} unless a session rename moved it since)
     */
    public void good(long mediaFileId, String planned, String path, VerifyMethod method, Xxh128 hash) {
        prove(new Proven(new MediaFileRepository.Proof(mediaFileId, locationId, path, ledger.now(), method, null, null,
                planned), hash));
    }

    /**
     * A copy on the remote proven by the provider's checksum or read back, with its second identity; {@code hash} is
     * the XXH128 it was checked as (the remote's manifest records it).
     */
    public void goodOffsite(long mediaFileId, String key, VerifyMethod method, String sha256, String providerChecksum,
                            Xxh128 hash) {
        prove(new Proven(new MediaFileRepository.Proof(mediaFileId, locationId, key, ledger.now(), method, sha256,
                providerChecksum), hash));
    }

    /** Proofs recorded together. */
    static final int BATCH = 64;

    /** A proof waiting for its batch, with the hash the bytes were read as (for the manifests). */
    record Proven(MediaFileRepository.Proof proof, Xxh128 hash) {
    }

    private void prove(Proven proof) {
        List<Proven> full = null;
        synchronized (this) {
            proven.add(proof);
            if (proven.size() >= BATCH) {
                full = List.copyOf(proven);
                proven.clear();
            }
        }
        if (full != null) {
            record(full);
        }
    }

    /** Records the proofs not yet recorded. */
    public void flush() {
        List<Proven> rest;
        synchronized (this) {
            rest = List.copyOf(proven);
            proven.clear();
        }
        record(rest);
    }

    /** Proofs of a batch the catalog did not take (its server went away): counted for the user, never recorded. */
    private int notTaken;

    private void record(List<Proven> batch) {
        try {
            ledger.provenAll(batch);
        } catch (RuntimeException e) {
            synchronized (this) {
                notTaken += batch.size();
            }
            throw e;
        }
    }

    /**
     * The copies this pass proved that are not recorded: those waiting for their batch and those of a batch the
     * catalog did not take. The next verify proves them again.
     */
    public synchronized int unrecorded() {
        return notTaken + proven.size();
    }

    /** A copy holds an earlier version of its edited sidecar: a known state, recorded at once. */
    public void outdated(long mediaFileId) {
        ledger.outdated(mediaFileId, locationId);
    }

    /** Holds a change until {@link #settle}. */
    public synchronized void found(Change change) {
        changes.add(change);
    }

    /** The changes held so far, in the order found. */
    public synchronized List<Change> changes() {
        return List.copyOf(changes);
    }

    /** Whether {@code changed} of {@code checked} copies in one pass is a mass change (SPEC.md). */
    public static boolean isMassChange(long changed, long checked) {
        return changed > MASS_CHANGED || (changed >= MASS_MINIMUM && changed * 100 > checked);
    }

    /**
     * Decides and records what the pass found.
     *
     * @param checked  the copies checked in the pass (good or not)
     * @param presence asked right before each copy is recorded missing
     */
    public synchronized Settlement settle(long checked, Ledger.Presence presence) {
        flush();
        // while an earlier mass change on this location is not confirmed, every copy still found changed belongs to
        // it (known or not): the alarm is repeated, and nothing is adopted or followed, until the user confirms
        boolean standing = ledger.standingMassChanges().stream().anyMatch(m -> m.locationId().equals(locationId));
        int changed = (int) changes.stream().filter(c -> standing ? c.kind() != Kind.EDITED : c.counts()).count();
        boolean mass = standing ? changed > 0 : isMassChange(changed, checked);
        int notRecorded = 0;
        if (mass) {
            ledger.recordMassChange(locationId, changed, (int) checked);
            log.warn("mass change on {}: {} of {} copies checked changed at once; none adopted, followed or repaired",
                    label, changed, checked);
        }
        for (Change c : changes) {
            switch (c.kind()) {
                case CORRUPT -> ledger.corrupt(c.mediaFileId(), locationId, c.path());
                case MISSING -> notRecorded += ledger.absent(c.mediaFileId(), locationId, c.path(), presence) ? 0 : 1;
                case MOVED -> {
                    if (mass) { // not followed to a name ransomware may have given it: not at its path, so not good
                        notRecorded += ledger.absent(c.mediaFileId(), locationId, c.path(), presence) ? 0 : 1;
                    } else {
                        ledger.moved(c.mediaFileId(), locationId, c.newPath(), c.method());
                    }
                }
                case EDITED -> {
                    if (!mass) {
                        ledger.edited(c.mediaFileId(), locationId, c.newHash(), c.newSize(), c.method());
                    }
                }
            }
            if (mass) {
                log.warn("mass change on {}: {} {}{}", label, c.path(), c.kind().name().toLowerCase(java.util.Locale.ROOT),
                        c.newPath() == null ? "" : " (found as " + c.newPath() + ")");
            }
        }
        return new Settlement(mass, changed, checked, notRecorded);
    }
}
