package app.triplicate.catalog;

import app.triplicate.core.Camera;
import app.triplicate.core.CaptureTime;
import app.triplicate.core.Copy;
import app.triplicate.core.CopyState;
import app.triplicate.core.MediaFile;
import app.triplicate.core.VerifyMethod;
import app.triplicate.core.Xxh128;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Media files and their copies (one aggregate: a copy never exists without its file). */
public final class MediaFileRepository {
    private final Catalog catalog;

    public MediaFileRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * The media files with these bytes under this original name (SPEC.md, <i>media file</i>: the same content under
     * another name is another file). Names are compared in NFC with case ignored, as cards and file systems differ
     * in both. Oldest first.
     */
    public List<MediaFile> findByHashAndName(Xxh128 hash, String originalName) {
        String key = nameKey(originalName);
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT * FROM media_file WHERE hash = ? ORDER BY id")) {
                ps.setString(1, hash.hex());
                try (ResultSet rs = ps.executeQuery()) {
                    List<MediaFile> out = new ArrayList<>();
                    while (rs.next()) {
                        MediaFile m = map(rs);
                        if (nameKey(m.originalName()).equals(key)) {
                            out.add(m);
                        }
                    }
                    return out;
                }
            }
        });
    }

    /**
     * The form in which names and library paths are compared (NFC, case ignored): two paths with the same key
     * would meet as one on a case-insensitive or normalization-insensitive drive.
     */
    public static String nameKey(String name) {
        return java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC).toLowerCase(java.util.Locale.ROOT);
    }

    public Optional<MediaFile> findById(long id) {
        return one("SELECT * FROM media_file WHERE id = ?", id);
    }

    /**
     * Whether a media file already has this library path, or one that a case-insensitive or
     * normalization-insensitive drive (FAT, exFAT, NTFS, APFS) would take for the same name: two files whose paths
     * differ only so would meet as one on such a drive. Only the paths in the same folder are read (a prefix range
     * of the unique index on the path).
     */
    public boolean libraryPathTaken(String libraryPath) {
        String folder = libraryPath.substring(0, libraryPath.lastIndexOf('/') + 1);
        String key = nameKey(libraryPath);
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT library_path FROM media_file WHERE library_path LIKE ? ESCAPE '!'")) {
                ps.setString(1, folder.replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%");
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (nameKey(rs.getString(1)).equals(key)) {
                            return true;
                        }
                    }
                    return false;
                }
            }
        });
    }

    /**
     * Records a new media file, and widens its session's capture range to include it; the id is assigned here.
     *
     * @param shotInstant   when the file's shot was taken (its sidecars take their picture's)
     * @param shotWallClock the camera's wall-clock time of that shot: the session's first or last when the shot is
     */
    public MediaFile insert(MediaFile f, Instant shotInstant, LocalDateTime shotWallClock) {
        long id = catalog.inTransaction(c -> {
            long newId;
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO media_file (hash, size, session_id, library_path, original_name, capture_local,
                                            capture_offset_seconds, capture_source, imported_at, capture_timeline,
                                            capture_fallback, capture_suspicious, camera_make, camera_model,
                                            camera_serial)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[]{"id"})) {
                CaptureTime t = f.capture();
                ps.setString(1, f.hash().hex());
                ps.setLong(2, f.size());
                ps.setLong(3, f.sessionId());
                ps.setString(4, f.libraryPath());
                ps.setString(5, f.originalName());
                Jdbc.setLocal(ps, 6, t.local());
                ps.setObject(7, t.offset() == null ? null : t.offset().getTotalSeconds());
                ps.setString(8, t.source());
                Jdbc.setInstant(ps, 9, f.importedAt());
                Jdbc.setLocal(ps, 10, f.captureTimeline());
                ps.setBoolean(11, t.fallback());
                ps.setBoolean(12, f.suspicious());
                ps.setString(13, f.camera().make());
                ps.setString(14, f.camera().model());
                ps.setString(15, f.camera().serial());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    newId = keys.getLong(1);
                }
            }
            // every right-hand side sees the row as it was: the wall clock follows the first and last instant (the
            // timeline, the computer's local time, runs back for an hour when its clocks go back)
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE session SET first_capture = LEAST(COALESCE(first_capture, ?), ?),
                                       last_capture = GREATEST(COALESCE(last_capture, ?), ?),
                                       first_wall_clock = CASE WHEN first_instant IS NULL OR ? < first_instant
                                                          THEN ? ELSE first_wall_clock END,
                                       last_wall_clock = CASE WHEN last_instant IS NULL OR ? > last_instant
                                                         THEN ? ELSE last_wall_clock END,
                                       first_instant = LEAST(COALESCE(first_instant, ?), ?),
                                       last_instant = GREATEST(COALESCE(last_instant, ?), ?)
                    WHERE id = ?""")) {
                for (int i = 1; i <= 4; i++) {
                    Jdbc.setLocal(ps, i, f.captureTimeline());
                }
                Jdbc.setInstant(ps, 5, shotInstant);
                Jdbc.setLocal(ps, 6, shotWallClock);
                Jdbc.setInstant(ps, 7, shotInstant);
                Jdbc.setLocal(ps, 8, shotWallClock);
                for (int i = 9; i <= 12; i++) {
                    Jdbc.setInstant(ps, i, shotInstant);
                }
                ps.setLong(13, f.sessionId());
                ps.executeUpdate();
            }
            adjustBucket(c, f.sessionId(), 0, 0, 1, f.size());
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE session SET files = files + 1, bytes = bytes + ?, fallback_files = fallback_files + ? WHERE id = ?")) {
                ps.setLong(1, f.size());
                ps.setInt(2, f.capture().fallback() ? 1 : 0);
                ps.setLong(3, f.sessionId());
                ps.executeUpdate();
            }
            if (f.camera().make() != null || f.camera().model() != null) {
                try (PreparedStatement ps = c.prepareStatement("""
                        MERGE INTO session_camera s USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR), CAST(? AS TIMESTAMP)))
                            v(session_id, camera_key, first_use)
                        ON s.session_id = v.session_id AND s.camera_key = v.camera_key
                        WHEN MATCHED THEN UPDATE SET first_use = LEAST(s.first_use, v.first_use)
                        WHEN NOT MATCHED THEN INSERT VALUES (v.session_id, v.camera_key, v.first_use)""")) {
                    ps.setLong(1, f.sessionId());
                    ps.setString(2, (f.camera().make() == null ? "" : f.camera().make()) + "\t"
                            + (f.camera().model() == null ? "" : f.camera().model()));
                    Jdbc.setLocal(ps, 3, f.captureTimeline());
                    ps.executeUpdate();
                }
            }
            return newId;
        });
        return f.withId(id);
    }

    public Optional<Copy> copy(long mediaFileId, UUID locationId) {
        return copies("SELECT * FROM copy WHERE media_file_id = ? AND location_id = ?", mediaFileId, locationId)
                .stream().findFirst();
    }

    public List<Copy> copiesOf(long mediaFileId) {
        return copies("SELECT * FROM copy WHERE media_file_id = ? ORDER BY location_id", mediaFileId);
    }

    /** Records a copy proven by reading it back from the location (a drive: no second checksum). */
    public void recordVerified(long mediaFileId, UUID locationId, String path, Instant at, VerifyMethod method) {
        recordRemoteVerified(mediaFileId, locationId, path, at, method, null, null);
    }

    /**
     * Records a copy on the remote, proven by the provider's checksum or by reading it back, with its second
     * identity: the SHA-256 sent with the upload and the checksum the provider reports (if it does).
     */
    public void recordRemoteVerified(long mediaFileId, UUID locationId, String key, Instant at, VerifyMethod method,
                                     String sha256, String providerChecksum) {
        recordAllVerified(List.of(new Proof(mediaFileId, locationId, key, at, method, sha256, providerChecksum)));
    }

    /**
     * A copy proven at {@code path} (on the remote: with its SHA-256 and the provider's checksum, else null).
     *
     * @param planned the copy's path in the catalog when the check chose it, or null: when the catalog holds another
     *                path by the time the proof is recorded (a session rename moved the folder meanwhile: the same
     *                file, moved after it was read), the catalog's path is kept, not put back to where it was read
     */
    public record Proof(long mediaFileId, UUID locationId, String path, Instant at, VerifyMethod method, String sha256,
                        String providerChecksum, String planned) {
        public Proof(long mediaFileId, UUID locationId, String path, Instant at, VerifyMethod method, String sha256,
                     String providerChecksum) {
            this(mediaFileId, locationId, path, at, method, sha256, providerChecksum, null);
        }

        Proof at(String recordedPath) {
            return recordedPath.equals(path) ? this
                    : new Proof(mediaFileId, locationId, recordedPath, at, method, sha256, providerChecksum, planned);
        }
    }

    /**
     * Records many proven copies in one transaction (verify's batches): one commit, and each session's oldest
     * verification worked out once instead of once per copy, which were most of verify's catalog time.
     *
     * @return the proofs as recorded: each at the path the catalog now holds for it
     */
    public List<Proof> recordAllVerified(List<Proof> proofs) {
        if (proofs.isEmpty()) {
            return List.of();
        }
        return catalog.inTransaction(c -> {
            List<Proof> recorded = new ArrayList<>(proofs.size());
            // a copy proven for the first time (or again after it was missing or corrupt) can only bring the
            // session's oldest verification earlier; one proven again moves its own date on, which may have been
            // the oldest: only then is the oldest worked out from the copies again
            java.util.Set<Long> sessions = new java.util.HashSet<>();
            Map<Long, Instant> earliest = new java.util.HashMap<>();
            // an insert or an update, chosen by the row read first: SQL both engines accept (H2's MERGE ... KEY is
            // its own); a copy's other columns (counted) are left as they are, as before
            try (PreparedStatement prev = c.prepareStatement("""
                    SELECT c.state, m.session_id, c.path FROM copy c JOIN media_file m ON m.id = c.media_file_id
                    WHERE c.media_file_id = ? AND c.location_id = ?""");
                 PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO copy (path, state, verified_at, verify_method, session_id, sha256, provider_checksum,
                                      media_file_id, location_id)
                    VALUES (?, 'VERIFIED', ?, ?, (SELECT session_id FROM media_file WHERE id = ?), ?, ?, ?, ?)""");
                 PreparedStatement update = c.prepareStatement("""
                    UPDATE copy SET path = ?, state = 'VERIFIED', verified_at = ?, verify_method = ?,
                                    session_id = (SELECT session_id FROM media_file WHERE id = ?), sha256 = ?,
                                    provider_checksum = ?
                    WHERE media_file_id = ? AND location_id = ?""")) {
                for (Proof p : proofs) {
                    prev.setLong(1, p.mediaFileId());
                    prev.setObject(2, p.locationId());
                    boolean exists;
                    boolean again;
                    Proof r = p;
                    long sessionOfFile = 0;
                    try (ResultSet rs = prev.executeQuery()) {
                        exists = rs.next();
                        again = exists && CopyState.VERIFIED.name().equals(rs.getString(1));
                        if (exists) {
                            sessionOfFile = rs.getLong(2);
                        }
                        if (exists && p.planned() != null && !p.planned().equals(rs.getString(3))) {
                            r = p.at(rs.getString(3));
                        }
                    }
                    recorded.add(r);
                    PreparedStatement ps = exists ? update : insert;
                    ps.setString(1, r.path());
                    Jdbc.setInstant(ps, 2, p.at());
                    ps.setString(3, p.method().word());
                    ps.setLong(4, p.mediaFileId());
                    ps.setString(5, p.sha256());
                    ps.setString(6, p.providerChecksum());
                    ps.setLong(7, p.mediaFileId());
                    ps.setObject(8, p.locationId());
                    ps.executeUpdate();
                    // proven again where it was already verified: the file's verified copies are the same ones, so
                    // its counts and the drive's figures stand as they are (most of a verify, and most of its
                    // catalog time when they were worked out again for every copy)
                    Long session = again ? Long.valueOf(sessionOfFile) : refreshCountsOnly(c, p.mediaFileId());
                    if (session != null && again) {
                        sessions.add(session);
                    } else if (session != null) {
                        earliest.merge(session, p.at(), (a, b) -> a.isBefore(b) ? a : b);
                    }
                }
            }
            for (long session : sessions) {
                refreshOldestVerified(c, session);
            }
            for (Map.Entry<Long, Instant> e : earliest.entrySet()) {
                if (sessions.contains(e.getKey())) {
                    continue; // worked out from the copies above
                }
                try (PreparedStatement ps = c.prepareStatement("""
                        UPDATE session SET oldest_verified = ? WHERE id = ?
                        AND (oldest_verified IS NULL OR oldest_verified > ?)""")) {
                    Jdbc.setInstant(ps, 1, e.getValue());
                    ps.setLong(2, e.getKey());
                    Jdbc.setInstant(ps, 3, e.getValue());
                    ps.executeUpdate();
                }
            }
            return recorded;
        });
    }

    /**
     * A file to send to the remote: not culled, with no verified copy there yet.
     *
     * @param remotePath  where its earlier remote copy was recorded (missing or corrupt), or null
     * @param remoteState that copy's state, or null
     */
    public record PushCandidate(long mediaFileId, long sessionId, String libraryPath, Xxh128 hash, long size,
                                String remotePath, CopyState remoteState) {
    }

    /**
     * The files that lack a verified copy on the remote location, oldest session first so that whole
     * sessions become offsite one after another.
     *
     * @param sessionId only this session, or null for all
     */
    public List<PushCandidate> lackingVerifiedCopyAt(UUID remoteId, Long sessionId) {
        return catalog.inTransaction(c -> {
            String sql = """
                    SELECT m.id, m.session_id, m.library_path, m.hash, m.size, r.path, r.state
                    FROM media_file m LEFT JOIN copy r ON r.media_file_id = m.id AND r.location_id = ?
                    WHERE NOT m.culled AND (r.state IS NULL OR r.state <> 'VERIFIED')"""
                    + (sessionId == null ? "" : " AND m.session_id = ?") + " ORDER BY m.session_id, m.library_path";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, remoteId);
                if (sessionId != null) {
                    ps.setLong(2, sessionId);
                }
                List<PushCandidate> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String state = rs.getString(7);
                        out.add(new PushCandidate(rs.getLong(1), rs.getLong(2), rs.getString(3),
                                Xxh128.parse(rs.getString(4)), rs.getLong(5), rs.getString(6),
                                state == null ? null : CopyState.valueOf(state)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * A recorded copy at a location, with what is needed to check it.
     *
     * @param sha256           for a remote copy: the base64 SHA-256 sent with its upload, else null
     * @param providerChecksum for a remote copy: the checksum the provider reported for it, else null
     */
    public record CopyAt(long mediaFileId, long sessionId, String path, Xxh128 hash, long size, CopyState state,
                         Instant verifiedAt, boolean culled, String sha256, String providerChecksum) {
    }

    /**
     * The copies recorded at a location, oldest verification first.
     *
     * @param sessionId    only this session, or null for all
     * @param verifiedBefore only copies last verified before this instant (or never), or null for all
     */
    public List<CopyAt> copiesAt(UUID locationId, Long sessionId, Instant verifiedBefore) {
        return catalog.inTransaction(c -> {
            StringBuilder sql = new StringBuilder("""
                    SELECT c.media_file_id, m.session_id, c.path, m.hash, m.size, c.state, c.verified_at, m.culled,
                           c.sha256, c.provider_checksum
                    FROM copy c JOIN media_file m ON m.id = c.media_file_id WHERE c.location_id = ?""");
            if (sessionId != null) {
                sql.append(" AND m.session_id = ?");
            }
            if (verifiedBefore != null) {
                sql.append(" AND (c.verified_at IS NULL OR c.verified_at < ?)");
            }
            sql.append(" ORDER BY c.verified_at NULLS FIRST, c.path");
            try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
                int i = 1;
                ps.setObject(i++, locationId);
                if (sessionId != null) {
                    ps.setLong(i++, sessionId);
                }
                if (verifiedBefore != null) {
                    Jdbc.setInstant(ps, i, verifiedBefore);
                }
                List<CopyAt> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new CopyAt(rs.getLong(1), rs.getLong(2), rs.getString(3), Xxh128.parse(rs.getString(4)),
                                rs.getLong(5), CopyState.valueOf(rs.getString(6)), Jdbc.instant(rs, "verified_at"),
                                rs.getBoolean(8), rs.getString(9), rs.getString(10)));
                    }
                }
                return out;
            }
        });
    }

    /**
     * The locations that hold a copy (in any state) of a file not culled, of one session when {@code sessionId}
     * is given: what verify must reach to have checked anything.
     */
    public java.util.Set<UUID> locationsHoldingCopies(Long sessionId) {
        return catalog.inTransaction(c -> {
            String sql = "SELECT DISTINCT c.location_id FROM copy c JOIN media_file m ON m.id = c.media_file_id "
                    + "WHERE NOT m.culled" + (sessionId == null ? "" : " AND m.session_id = ?");
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                if (sessionId != null) {
                    ps.setLong(1, sessionId);
                }
                java.util.Set<UUID> out = new java.util.HashSet<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getObject(1, UUID.class));
                    }
                }
                return out;
            }
        });
    }

    /** When a location's copies were last verified (the newest check), or null. */
    public Instant lastVerifiedAt(UUID locationId) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT MAX(verified_at) FROM copy WHERE location_id = ?")) {
                ps.setObject(1, locationId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    java.time.OffsetDateTime t = rs.getObject(1, java.time.OffsetDateTime.class);
                    return t == null ? null : t.toInstant();
                }
            }
        });
    }

    public boolean isCulled(long mediaFileId) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT culled FROM media_file WHERE id = ?")) {
                ps.setLong(1, mediaFileId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() && rs.getBoolean(1);
                }
            }
        });
    }

    /** Distinct disks holding a verified copy of the file. */
    public int copyCount(long mediaFileId) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT copy_count FROM media_file WHERE id = ?")) {
                ps.setLong(1, mediaFileId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getInt(1) : 0;
                }
            }
        });
    }

    /** Re-counts every file with a copy at a location (after its offsite flag changed or it was retired). */
    public void refreshCountsAt(UUID locationId) {
        catalog.inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT media_file_id FROM copy WHERE location_id = ?")) {
                ps.setObject(1, locationId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            for (long id : ids) {
                refreshCounts(c, id);
            }
            return null;
        });
    }

    /** Files (not culled) with fewer than {@code copies} distinct disks holding a verified copy. */
    public List<Long> filesBelow(int copies) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id FROM media_file WHERE NOT culled AND copy_count < ? ORDER BY id")) {
                ps.setInt(1, copies);
                List<Long> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getLong(1));
                    }
                }
                return out;
            }
        });
    }

    /** Copies that need repair: missing, corrupt or outdated, of files not culled. */
    public List<Copy> copiesNeedingRepair() {
        return copies("SELECT c.* FROM copy c JOIN media_file m ON m.id = c.media_file_id"
                + " WHERE c.state IN ('MISSING', 'CORRUPT', 'OUTDATED') AND NOT m.culled ORDER BY c.media_file_id");
    }

    /** A copy found at another path on its drive (renamed in an editor): the catalog follows it there. */
    public void moveCopy(long mediaFileId, UUID locationId, String newPath, Instant at, VerifyMethod method) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE copy SET path = ? WHERE media_file_id = ? AND location_id = ?")) {
                ps.setString(1, newPath);
                ps.setLong(2, mediaFileId);
                ps.setObject(3, locationId);
                ps.executeUpdate();
            }
            return null;
        });
        recordVerified(mediaFileId, locationId, newPath, at, method);
    }

    /** Whether {@code hash} is an earlier version of the file (a sidecar edited since). */
    public boolean isEarlierVersion(long mediaFileId, Xxh128 hash) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT 1 FROM media_file_version WHERE media_file_id = ? AND hash = ?")) {
                ps.setLong(1, mediaFileId);
                ps.setString(2, hash.hex());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
    }

    /**
     * Records an edited sidecar: its new content becomes the current version, proven at this location; the
     * old content is kept as an earlier version, and the other locations' verified copies become outdated.
     */
    public void recordNewVersion(long mediaFileId, UUID locationId, Xxh128 newHash, long newSize, Instant at,
                                 VerifyMethod method) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    MERGE INTO media_file_version v
                    USING (SELECT id, hash, size FROM media_file WHERE id = ?) m
                    ON v.media_file_id = m.id AND v.hash = m.hash
                    WHEN MATCHED THEN UPDATE SET size = m.size, replaced_at = ?
                    WHEN NOT MATCHED THEN INSERT (media_file_id, hash, size, replaced_at)
                                          VALUES (m.id, m.hash, m.size, ?)""")) {
                ps.setLong(1, mediaFileId);
                Jdbc.setInstant(ps, 2, at);
                Jdbc.setInstant(ps, 3, at);
                ps.executeUpdate();
            }
            long session;
            long oldSize;
            int copies;
            int offsite;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT session_id, size, copy_count, offsite_count, culled FROM media_file WHERE id = ?")) {
                ps.setLong(1, mediaFileId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    session = rs.getLong(1);
                    oldSize = rs.getLong(2);
                    copies = rs.getInt(3);
                    offsite = rs.getInt(4);
                    if (!rs.getBoolean(5)) {
                        adjustBucket(c, session, copies, offsite, 0, newSize - oldSize);
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE session SET bytes = bytes + ? WHERE id = ?")) {
                ps.setLong(1, newSize - oldSize);
                ps.setLong(2, session);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE session_location sl SET bytes = bytes + ? WHERE session_id = ? AND location_id IN
                        (SELECT location_id FROM copy WHERE media_file_id = ? AND counted)""")) {
                ps.setLong(1, newSize - oldSize);
                ps.setLong(2, session);
                ps.setLong(3, mediaFileId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE media_file SET hash = ?, size = ? WHERE id = ?")) {
                ps.setString(1, newHash.hex());
                ps.setLong(2, newSize);
                ps.setLong(3, mediaFileId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE copy SET state = 'OUTDATED' WHERE media_file_id = ? AND location_id <> ?
                    AND state = 'VERIFIED'""")) {
                ps.setLong(1, mediaFileId);
                ps.setObject(2, locationId);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE copy SET state = 'VERIFIED', verified_at = ?, verify_method = ?
                    WHERE media_file_id = ? AND location_id = ?""")) {
                Jdbc.setInstant(ps, 1, at);
                ps.setString(2, method.word());
                ps.setLong(3, mediaFileId);
                ps.setObject(4, locationId);
                ps.executeUpdate();
            }
            refreshCounts(c, mediaFileId);
            return null;
        });
    }

    /** Marks a copy as holding an earlier version of its file. */
    public void markOutdated(long mediaFileId, UUID locationId) {
        setState(mediaFileId, locationId, CopyState.OUTDATED);
    }

    /** Marks a recorded copy as written but not proven: it does not count until verify reads it. */
    public void markUnverified(long mediaFileId, UUID locationId) {
        setState(mediaFileId, locationId, CopyState.UNVERIFIED);
    }

    /** Marks a recorded copy as missing (found absent at its location). */
    public void markMissing(long mediaFileId, UUID locationId) {
        setState(mediaFileId, locationId, CopyState.MISSING);
    }

    /** Marks a recorded copy as corrupt (its bytes no longer match the hash). */
    public void markCorrupt(long mediaFileId, UUID locationId) {
        setState(mediaFileId, locationId, CopyState.CORRUPT);
    }

    /**
     * Marks a copy missing or corrupt only while it is still recorded at {@code path}: a check planned before
     * another job recorded a new copy elsewhere (a push that sent it under another name) must not mark that one.
     */
    public void markFoundAt(long mediaFileId, UUID locationId, String path, CopyState state) {
        setState(mediaFileId, locationId, path, state);
    }

    private void setState(long mediaFileId, UUID locationId, CopyState state) {
        setState(mediaFileId, locationId, null, state);
    }

    /** @param path only while the copy is recorded at this path, or null for wherever it is */
    private void setState(long mediaFileId, UUID locationId, String path, CopyState state) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE copy SET state = ? WHERE media_file_id = ?"
                    + " AND location_id = ?" + (path == null ? "" : " AND path = ?"))) {
                ps.setString(1, state.name());
                ps.setLong(2, mediaFileId);
                ps.setObject(3, locationId);
                if (path != null) {
                    ps.setString(4, path);
                }
                ps.executeUpdate();
            }
            refreshCounts(c, mediaFileId);
            return null;
        });
    }

    /** Re-counts a file's distinct verified copies (and offsite ones) and moves it between its session's buckets. */
    static void refreshCounts(java.sql.Connection c, long mediaFileId) throws SQLException {
        Long session = refreshCountsOnly(c, mediaFileId);
        if (session != null) {
            refreshOldestVerified(c, session);
        }
    }

    /** When the session's oldest verified copy was proven. */
    private static void refreshOldestVerified(java.sql.Connection c, long session) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                UPDATE session SET oldest_verified =
                    (SELECT MIN(verified_at) FROM copy WHERE session_id = ? AND state = 'VERIFIED') WHERE id = ?""")) {
            ps.setLong(1, session);
            ps.setLong(2, session);
            ps.executeUpdate();
        }
    }

    /**
     * {@link #refreshCounts} without the session's oldest verification (the caller works that out once per
     * session). @return the file's session, or null when there is no such file
     */
    private static Long refreshCountsOnly(java.sql.Connection c, long mediaFileId) throws SQLException {
        long session;
        long size;
        int oldCopies;
        int oldOffsite;
        boolean culled;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT session_id, size, copy_count, offsite_count, culled FROM media_file WHERE id = ?")) {
            ps.setLong(1, mediaFileId);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                session = rs.getLong(1);
                size = rs.getLong(2);
                oldCopies = rs.getInt(3);
                oldOffsite = rs.getInt(4);
                culled = rs.getBoolean(5);
            }
        }
        java.util.List<app.triplicate.core.Location> held = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT l.id, l.device_id, l.same_device, l.offsite FROM copy c JOIN location l ON l.id = c.location_id
                WHERE c.media_file_id = ? AND c.state = 'VERIFIED' AND NOT l.retired""")) {
            ps.setLong(1, mediaFileId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    held.add(new app.triplicate.core.Location(rs.getObject(1, UUID.class), null, null, rs.getBoolean(4),
                            null, rs.getString(2), rs.getBoolean(3), null, null));
                }
            }
        }
        int copies = app.triplicate.core.CopyCount.of(held);
        int offsite = app.triplicate.core.CopyCount.of(held.stream().filter(app.triplicate.core.Location::offsite).toList());
        reconcileLocations(c, mediaFileId, session, size);
        if (copies == oldCopies && offsite == oldOffsite) {
            return session;
        }
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE media_file SET copy_count = ?, offsite_count = ? WHERE id = ?")) {
            ps.setInt(1, copies);
            ps.setInt(2, offsite);
            ps.setLong(3, mediaFileId);
            ps.executeUpdate();
        }
        if (!culled) {
            adjustBucket(c, session, oldCopies, oldOffsite, -1, -size);
            adjustBucket(c, session, copies, offsite, 1, size);
        }
        return session;
    }

    /**
     * Keeps {@code session_location} (verified copies per session and drive) in step with the file's copies:
     * a copy is counted while it is verified on a drive that is not retired.
     */
    private static void reconcileLocations(java.sql.Connection c, long mediaFileId, long session, long size)
            throws SQLException {
        List<Object[]> changes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT c.location_id, c.counted, c.state = 'VERIFIED' AND NOT l.retired FROM copy c
                JOIN location l ON l.id = c.location_id WHERE c.media_file_id = ?""")) {
            ps.setLong(1, mediaFileId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getBoolean(2) != rs.getBoolean(3)) {
                        changes.add(new Object[]{rs.getObject(1, UUID.class), rs.getBoolean(3)});
                    }
                }
            }
        }
        for (Object[] ch : changes) {
            UUID location = (UUID) ch[0];
            boolean count = (Boolean) ch[1];
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE copy SET counted = ?, session_id = ? WHERE media_file_id = ? AND location_id = ?")) {
                ps.setBoolean(1, count);
                ps.setLong(2, session);
                ps.setLong(3, mediaFileId);
                ps.setObject(4, location);
                ps.executeUpdate();
            }
            adjustLocation(c, session, location, count ? 1 : -1, count ? size : -size);
        }
    }

    static void adjustLocation(java.sql.Connection c, long session, UUID location, long files, long bytes)
            throws SQLException {
        addCounts(c, "session_location", new String[]{"session_id", "location_id"}, new Object[]{session, location},
                files, bytes);
    }

    /** Adds (or removes) files to one bucket of a session's copy-count histogram. */
    static void adjustBucket(java.sql.Connection c, long session, int copies, int offsite, long files, long bytes)
            throws SQLException {
        addCounts(c, "session_copies", new String[]{"session_id", "copy_count", "offsite_count"},
                new Object[]{session, copies, offsite}, files, bytes);
    }

    /**
     * Adds {@code files} and {@code bytes} to the row of {@code table} with the given key, creating it, and
     * removing it when it falls to no files. Only that row is touched: this runs for every copy recorded.
     */
    private static void addCounts(java.sql.Connection c, String table, String[] keyColumns, Object[] key, long files,
                                  long bytes) throws SQLException {
        String where = String.join(" = ? AND ", keyColumns) + " = ?";
        try (PreparedStatement ps = c.prepareStatement(
                "UPDATE " + table + " SET files = files + ?, bytes = bytes + ? WHERE " + where)) {
            ps.setLong(1, files);
            ps.setLong(2, bytes);
            for (int i = 0; i < key.length; i++) {
                ps.setObject(3 + i, key[i]);
            }
            if (ps.executeUpdate() == 0) {
                String marks = String.join(", ", java.util.Collections.nCopies(key.length + 2, "?"));
                try (PreparedStatement in = c.prepareStatement("INSERT INTO " + table + " ("
                        + String.join(", ", keyColumns) + ", files, bytes) VALUES (" + marks + ")")) {
                    for (int i = 0; i < key.length; i++) {
                        in.setObject(1 + i, key[i]);
                    }
                    in.setLong(key.length + 1, files);
                    in.setLong(key.length + 2, bytes);
                    in.executeUpdate();
                }
            } else if (files < 0) {
                try (PreparedStatement del = c.prepareStatement("DELETE FROM " + table + " WHERE " + where
                        + " AND files <= 0")) {
                    for (int i = 0; i < key.length; i++) {
                        del.setObject(1 + i, key[i]);
                    }
                    del.executeUpdate();
                }
            }
        }
    }

    private Optional<MediaFile> one(String sql, Object arg) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setObject(1, arg);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(map(rs)) : Optional.empty();
                }
            }
        });
    }

    private List<Copy> copies(String sql, Object... args) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    List<Copy> out = new ArrayList<>();
                    while (rs.next()) {
                        String method = rs.getString("verify_method");
                        out.add(new Copy(rs.getLong("media_file_id"), rs.getObject("location_id", UUID.class),
                                rs.getString("path"), CopyState.valueOf(rs.getString("state")),
                                Jdbc.instant(rs, "verified_at"), method == null ? null : VerifyMethod.fromWord(method)));
                    }
                    return out;
                }
            }
        });
    }

    static MediaFile map(ResultSet rs) throws SQLException {
        LocalDateTime capture = Jdbc.local(rs, "capture_local");
        LocalDateTime timeline = Jdbc.local(rs, "capture_timeline");
        Integer offset = Jdbc.integerOrNull(rs, "capture_offset_seconds");
        CaptureTime time = new CaptureTime(capture,
                offset == null ? null : ZoneOffset.ofTotalSeconds(offset), rs.getString("capture_source"),
                rs.getBoolean("capture_fallback"));
        return new MediaFile(rs.getLong("id"), Xxh128.parse(rs.getString("hash")), rs.getLong("size"),
                rs.getLong("session_id"), rs.getString("library_path"), rs.getString("original_name"), time,
                timeline, rs.getBoolean("capture_suspicious"),
                new Camera(rs.getString("camera_make"), rs.getString("camera_model"), rs.getString("camera_serial")),
                Jdbc.instant(rs, "imported_at"));
    }
}
