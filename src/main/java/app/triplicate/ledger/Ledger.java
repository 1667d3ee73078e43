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

    /**
     * Told of what the ledger records about the bytes of copies, after it is recorded (the manifests write it down,
     * SPEC.md: <i>manifest</i>). Paths are relative to the location's library root. A witness must not throw; if it
     * does, the failure is logged and the ledger's own record stands.
     */
    public interface Witness {
        /**
         * The copy's bytes at {@code path} were read and matched {@code hash}; null when the prover compared them
         * with the file's current hash (ingest and repair write only the current version).
         */
        void proven(long mediaFileId, UUID locationId, String path, Xxh128 hash);

        /** The copy's bytes at {@code path} no longer match. */
        void corrupt(long mediaFileId, UUID locationId, String path);

        /** A plausible edit: {@code newHash} is the file's new version, proven at {@code path}. */
        void edited(long mediaFileId, UUID locationId, String path, Xxh128 newHash, long newSize);

        /** The copy's bytes were found, proven, at {@code to} instead of {@code from}. */
        void moved(long mediaFileId, UUID locationId, String from, String to);

        /** The file was culled on purpose and its copy at {@code path} is gone from that location. */
        void culled(long mediaFileId, UUID locationId, String path);
    }

    private static final Witness NO_WITNESS = new Witness() {
        @Override
        public void proven(long mediaFileId, UUID locationId, String path, Xxh128 hash) {
        }

        @Override
        public void corrupt(long mediaFileId, UUID locationId, String path) {
        }

        @Override
        public void edited(long mediaFileId, UUID locationId, String path, Xxh128 newHash, long newSize) {
        }

        @Override
        public void moved(long mediaFileId, UUID locationId, String from, String to) {
        }

        @Override
        public void culled(long mediaFileId, UUID locationId, String path) {
        }
    };

    private final MediaFileRepository mediaFiles;
    private final CullRepository culls;
    private final MassChangeRepository massChanges;
    private final FigureCheck figures;
    private final Clock clock;
    private volatile Witness witness = NO_WITNESS;

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

    /** From now on, {@code w} is told what is recorded (one witness: the composition root sets it once). */
    public void witnessedBy(Witness w) {
        this.witness = w == null ? NO_WITNESS : w;
    }

    private void tell(String what, Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            log.warn("the record of {} was kept, but telling it to the manifests failed", what, e);
        }
    }

    /** Bytes read back from a drive at {@code path} matched the file's hash (ingest, repair, verify). */
    public void proven(long mediaFileId, UUID locationId, String path, VerifyMethod method) {
        proven(mediaFileId, locationId, path, method, null);
    }

    /**
     * As {@link #proven(long, UUID, String, VerifyMethod)}, with the hash the bytes were read as: a check planned
     * before a sidecar's edit was adopted elsewhere proves the earlier version, and its manifest must say so.
     */
    public void proven(long mediaFileId, UUID locationId, String path, VerifyMethod method, Xxh128 hash) {
        mediaFiles.recordVerified(mediaFileId, locationId, path, clock.instant(), method);
        tell(path, () -> witness.proven(mediaFileId, locationId, path, hash));
    }

    /**
     * Many proven copies at once (verify's batches): one transaction; then the manifests hear of each copy proven
     * against a hash (on a drive or on the remote).
     */
    void provenAll(List<Pass.Proven> proven) {
        List<MediaFileRepository.Proof> recorded = mediaFiles.recordAllVerified(
                proven.stream().map(Pass.Proven::proof).toList());
        for (int i = 0; i < proven.size(); i++) {
            Xxh128 hash = proven.get(i).hash();
            if (hash != null) {
                MediaFileRepository.Proof f = recorded.get(i); // at the path recorded, where the manifest belongs
                tell(f.path(), () -> witness.proven(f.mediaFileId(), f.locationId(), f.path(), hash));
            }
        }
    }

    Instant now() {
        return clock.instant();
    }

    /**
     * {@code catalog rebuild}: the copy's drive manifest records it proven at {@code at} (its generation's hash
     * date). It counts as of then, and the manifests are not told (they are where this came from).
     */
    public void provenByManifest(long mediaFileId, UUID locationId, String path, Instant at) {
        mediaFiles.recordAllVerified(List.of(new MediaFileRepository.Proof(mediaFileId, locationId, path, at,
                VerifyMethod.MANIFEST, null, null)));
    }

    /**
     * {@code catalog rebuild}: a copy the restored catalog counted that its drive's manifest does not confirm (no
     * entry with the catalog's hash, or no file): it does not count until verify proves it.
     */
    public void unconfirmed(long mediaFileId, UUID locationId) {
        mediaFiles.markUnverified(mediaFileId, locationId);
    }

    /**
     * A copy on the remote proven by the provider's checksum or by reading it back, with its second identity;
     * {@code hash} is the XXH128 it was uploaded and checked as (its manifest on the remote records it).
     */
    public void provenOffsite(long mediaFileId, UUID locationId, String key, VerifyMethod method, String sha256,
                              String providerChecksum, Xxh128 hash) {
        mediaFiles.recordRemoteVerified(mediaFileId, locationId, key, clock.instant(), method, sha256, providerChecksum);
        tell(key, () -> witness.proven(mediaFileId, locationId, key, hash));
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
        tell(path, () -> witness.corrupt(mediaFileId, locationId, path));
    }

    /** The copy holds an earlier version of an edited sidecar. */
    public void outdated(long mediaFileId, UUID locationId) {
        mediaFiles.markOutdated(mediaFileId, locationId);
    }

    /** The copy's bytes were found, proven, at another path on its drive (renamed there): the catalog follows. */
    public void moved(long mediaFileId, UUID locationId, String newPath, VerifyMethod method) {
        Optional<String> from = mediaFiles.copy(mediaFileId, locationId).map(app.triplicate.core.Copy::path);
        mediaFiles.moveCopy(mediaFileId, locationId, newPath, clock.instant(), method);
        from.filter(f -> !f.equals(newPath)).ifPresent(f -> tell(newPath, () -> witness.moved(mediaFileId, locationId,
                f, newPath)));
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
        mediaFiles.copy(mediaFileId, locationId).ifPresent(c -> tell(c.path(), () -> witness.edited(mediaFileId,
                locationId, c.path(), newHash, newSize)));
    }

    /**
     * A file culled on purpose; its copies gone from the connected drives in {@code absentAt} (provably there) are
     * recorded missing. @return false when it was culled already
     */
    public boolean culled(long mediaFileId, List<UUID> absentAt) {
        List<app.triplicate.core.Copy> gone = mediaFiles.copiesOf(mediaFileId).stream()
                .filter(c -> absentAt.contains(c.locationId())).toList();
        boolean now = culls.markCulled(mediaFileId, absentAt);
        for (app.triplicate.core.Copy c : gone) {
            tell(c.path(), () -> witness.culled(mediaFileId, c.locationId(), c.path()));
        }
        return now;
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
