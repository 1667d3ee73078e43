package app.triplicate.catalog;

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

    /** Records a new media file; its id is assigned here. */
    public MediaFile insert(MediaFile f) {
        long id = catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("""
                    INSERT INTO media_file (hash, size, session_id, library_path, original_name, capture_local,
                                            capture_offset_seconds, capture_source, imported_at)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)""", new String[]{"id"})) {
                ps.setString(1, f.hash().hex());
                ps.setLong(2, f.size());
                ps.setLong(3, f.sessionId());
                ps.setString(4, f.libraryPath());
                ps.setString(5, f.originalName());
                ps.setTimestamp(6, Jdbc.timestamp(f.captureLocal()));
                ps.setObject(7, f.captureOffsetSeconds());
                ps.setString(8, f.captureSource());
                Jdbc.setInstant(ps, 9, f.importedAt());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
        return new MediaFile(id, f.hash(), f.size(), f.sessionId(), f.libraryPath(), f.originalName(),
                f.captureLocal(), f.captureOffsetSeconds(), f.captureSource(), f.importedAt());
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
        return new MediaFile(rs.getLong("id"), Xxh128.parse(rs.getString("hash")), rs.getLong("size"),
                rs.getLong("session_id"), rs.getString("library_path"), rs.getString("original_name"),
                capture == null ? null : capture.toLocalDateTime(), Jdbc.integerOrNull(rs, "capture_offset_seconds"),
                rs.getString("capture_source"), Jdbc.instant(rs, "imported_at"));
    }
}
