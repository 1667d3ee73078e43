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
import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Media files and their copies (one aggregate: a copy never exists without its file). */
public final class MediaFileRepository {
    private final Catalog catalog;

    public MediaFileRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    public Optional<MediaFile> findByHash(Xxh128 hash) {
        return one("SELECT * FROM media_file WHERE hash = ?", hash.hex());
    }

    public Optional<MediaFile> findById(long id) {
        return one("SELECT * FROM media_file WHERE id = ?", id);
    }

    public boolean libraryPathTaken(String libraryPath) {
        return one("SELECT * FROM media_file WHERE library_path = ?", libraryPath).isPresent();
    }

    /** Records a new media file, and widens its session's capture range to include it; the id is assigned here. */
    public MediaFile insert(MediaFile f) {
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
                ps.setTimestamp(6, Jdbc.timestamp(t.local()));
                ps.setObject(7, t.offset() == null ? null : t.offset().getTotalSeconds());
                ps.setString(8, t.source());
                Jdbc.setInstant(ps, 9, f.importedAt());
                ps.setTimestamp(10, Jdbc.timestamp(f.captureTimeline()));
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
            try (PreparedStatement ps = c.prepareStatement("""
                    UPDATE session SET first_capture = LEAST(COALESCE(first_capture, ?), ?),
                                       last_capture = GREATEST(COALESCE(last_capture, ?), ?)
                    WHERE id = ?""")) {
                Timestamp t = Jdbc.timestamp(f.captureTimeline());
                ps.setTimestamp(1, t);
                ps.setTimestamp(2, t);
                ps.setTimestamp(3, t);
                ps.setTimestamp(4, t);
                ps.setLong(5, f.sessionId());
                ps.executeUpdate();
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

    /** Records a copy proven by reading it back from the location. */
    public void recordVerified(long mediaFileId, UUID locationId, String path, Instant at, VerifyMethod method) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    MERGE INTO copy (media_file_id, location_id, path, state, verified_at, verify_method)
                    KEY (media_file_id, location_id) VALUES (?, ?, ?, 'VERIFIED', ?, ?)""")) {
                ps.setLong(1, mediaFileId);
                ps.setObject(2, locationId);
                ps.setString(3, path);
                Jdbc.setInstant(ps, 4, at);
                ps.setString(5, method.word());
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Marks a recorded copy as missing (found absent at its location). */
    public void markMissing(long mediaFileId, UUID locationId) {
        catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE copy SET state = 'MISSING' WHERE media_file_id = ? AND location_id = ?")) {
                ps.setLong(1, mediaFileId);
                ps.setObject(2, locationId);
                ps.executeUpdate();
            }
            return null;
        });
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
        Timestamp capture = rs.getTimestamp("capture_local");
        Timestamp timeline = rs.getTimestamp("capture_timeline");
        Integer offset = Jdbc.integerOrNull(rs, "capture_offset_seconds");
        CaptureTime time = new CaptureTime(capture == null ? null : capture.toLocalDateTime(),
                offset == null ? null : ZoneOffset.ofTotalSeconds(offset), rs.getString("capture_source"),
                rs.getBoolean("capture_fallback"));
        return new MediaFile(rs.getLong("id"), Xxh128.parse(rs.getString("hash")), rs.getLong("size"),
                rs.getLong("session_id"), rs.getString("library_path"), rs.getString("original_name"), time,
                timeline == null ? null : timeline.toLocalDateTime(), rs.getBoolean("capture_suspicious"),
                new Camera(rs.getString("camera_make"), rs.getString("camera_model"), rs.getString("camera_serial")),
                Jdbc.instant(rs, "imported_at"));
    }
}
