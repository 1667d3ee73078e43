package app.triplicate.ledger;

import app.triplicate.catalog.CullRepository;
import app.triplicate.catalog.FigureCheck;
import app.triplicate.catalog.MassChangeRepository;
import app.triplicate.catalog.MassChangeRepository.MassChange;
import app.triplicate.catalog.MediaFileRepository;
import app.triplicate.core.VerifyMethod;
import app.triplicate.core.Xxh128;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The one place that turns evidence about a copy into its state (verified, missing, corrupt, outdated, edited,
 * moved) and, with it, the kept per-session figures (ARCHITECTURE.md, 11). Ingest, verify, repair, cull, push and
 * the window call it; the repositories below it only store what it decided ({@code ArchitectureTest} keeps it so).
 * <p>
 * Its rules: bytes count only once proven at their path; a copy is missing only while its location is provably
 * there; a changed sidecar is an edit only when {@link SidecarEdit} finds it plausible; and a verify that finds many
 * copies of one location changed at once ({@link Pass}) records a mass change instead of treating them one by one.
 */
public final class Ledger {
    private static final Logger log = LoggerFactory.getLogger(Ledger.class);

    /** Evidence, asked for right before a copy is recorded missing, that its location is still there. */
    @FunctionalInterface
    public interface Presence {
        boolean stillThere();
    }

    private final MediaFileRepository mediaFiles;
    private final CullRepository culls;
    private final MassChangeRepository massChanges;
    private final FigureCheck figures;
    private final Clock clock;

    public Ledger(MediaFileRepository mediaFiles, CullRepository culls, MassChangeRepository massChanges,
                  FigureCheck figures, Clock clock) {
        this.mediaFiles = mediaFiles;
        this.culls = culls;
        this.massChanges = massChanges;
        this.figures = figures;
        this.clock = clock;
    }

    /** The ledger over a catalog's own repositories. */
    public static Ledger over(app.triplicate.catalog.Catalog catalog, Clock clock) {
        return new Ledger(new MediaFileRepository(catalog), new CullRepository(catalog), new MassChangeRepository(catalog),
                new FigureCheck(catalog), clock);
    }

    /** Bytes read back from a drive at {@code path} matched the file's hash (ingest, repair, verify). */
    public void proven(long mediaFileId, UUID locationId, String path, VerifyMethod method) {
        mediaFiles.recordVerified(mediaFileId, locationId, path, clock.instant(), method);
    }

    /** Many proven copies at once (verify's batches): one transaction. */
    void provenAll(List<MediaFileRepository.Proof> proofs) {
        mediaFiles.recordAllVerified(proofs);
    }

    Instant now() {
        return clock.instant();
    }

    /** A copy on the remote proven by the provider's checksum or by reading it back, with its second identity. */
    public void provenOffsite(long mediaFileId, UUID locationId, String key, VerifyMethod method, String sha256,
                              String providerChecksum) {
        mediaFiles.recordRemoteVerified(mediaFileId, locationId, key, clock.instant(), method, sha256, providerChecksum);
    }

    /**
     * A copy not found at {@code path}: recorded missing only when {@code presence} holds right now (a drive that
     * went away has lost nothing), and only while the copy is still recorded at that path.
     *
     * @return whether it was recorded missing
     */
    public boolean absent(long mediaFileId, UUID locationId, String path, Presence presence) {
        if (!presence.stillThere()) {
            return false;
        }
        mediaFiles.markFoundAt(mediaFileId, locationId, path, app.triplicate.core.CopyState.MISSING);
        return true;
    }

    /** The copy's bytes at {@code path} no longer match its hash. */
    public void corrupt(long mediaFileId, UUID locationId, String path) {
        mediaFiles.markFoundAt(mediaFileId, locationId, path, app.triplicate.core.CopyState.CORRUPT);
    }

    /** The copy holds an earlier version of an edited sidecar. */
    public void outdated(long mediaFileId, UUID locationId) {
        mediaFiles.markOutdated(mediaFileId, locationId);
    }

    /** The copy's bytes were found, proven, at another path on its drive (renamed there): the catalog follows. */
    public void moved(long mediaFileId, UUID locationId, String newPath, VerifyMethod method) {
        mediaFiles.moveCopy(mediaFileId, locationId, newPath, clock.instant(), method);
    }

    /** Whether {@code hash} is an earlier version of the file (a sidecar edited since). */
    public boolean isEarlierVersion(long mediaFileId, Xxh128 hash) {
        return mediaFiles.isEarlierVersion(mediaFileId, hash);
    }

    /**
     * Why a sidecar's changed bytes are not a plausible edit (then they are damage), or empty when they are one.
     *
     * @param lastVerified when the copy was last proven
     */
    public Optional<String> implausibleEdit(Path file, Instant lastVerified) throws IOException {
        return SidecarEdit.implausible(file, lastVerified);
    }

    /**
     * A plausible edit (see {@link #implausibleEdit}): its new bytes become the current version, proven here; the
     * old ones are kept as an earlier version and the other locations' copies become outdated.
     */
    public void edited(long mediaFileId, UUID locationId, Xxh128 newHash, long newSize, VerifyMethod method) {
        mediaFiles.recordNewVersion(mediaFileId, locationId, newHash, newSize, clock.instant(), method);
    }

    /**
     * A file culled on purpose; its copies gone from the connected drives in {@code absentAt} (provably there) are
     * recorded missing. @return false when it was culled already
     */
    public boolean culled(long mediaFileId, List<UUID> absentAt) {
        return culls.markCulled(mediaFileId, absentAt);
    }

    /** A location's offsite flag changed or it was retired: every copy there is counted again. */
    public void locationChanged(UUID locationId) {
        mediaFiles.refreshCountsAt(locationId);
    }

    /** Every kept figure that disagrees with its recount ({@code catalog check}). Changes nothing. */
    public List<FigureCheck.Drift> checkFigures() {
        return figures.check();
    }

    /** Recounts the kept figures from the copies and rewrites those that drifted ({@code catalog check --fix}). */
    public List<FigureCheck.Drift> fixFigures() {
        return figures.fix();
    }

    /** One verify's pass over one location: the changes it finds are settled together (the canary). */
    public Pass pass(UUID locationId, String label) {
        return new Pass(this, locationId, label);
    }

    /** The mass changes the user has not confirmed yet: while there is one, repair writes nothing. */
    public List<MassChange> standingMassChanges() {
        return massChanges.standing();
    }

    /** Hides a mass change's banner in the window; repair still refuses until it is confirmed. */
    public void dismissMassChange(long id) {
        massChanges.dismiss(id, clock.instant());
    }

    /** The user knows the cause of every standing mass change: repair may go ahead. */
    public List<MassChange> confirmMassChanges() {
        List<MassChange> standing = massChanges.standing();
        for (MassChange m : standing) {
            massChanges.confirm(m.id(), clock.instant());
            log.warn("mass change on {} ({} of {} copies, found {}) confirmed by the user: repair may go ahead",
                    m.label(), m.changed(), m.checked(), m.foundAt());
        }
        return standing;
    }

    void recordMassChange(UUID locationId, int changed, int checked) {
        massChanges.record(locationId, changed, checked, clock.instant());
    }
}
