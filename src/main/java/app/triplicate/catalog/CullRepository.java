package app.triplicate.catalog;

import app.triplicate.core.MediaFile;
import app.triplicate.core.Xxh128;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Culled files: rejects the photographer deleted on purpose. A culled file leaves its session's copy-count
 * histogram ({@code session_copies}), so it no longer counts against the policy; its copy records stay, so
 * its copies elsewhere are still known (and never deleted).
 */
public final class CullRepository {
    private final Catalog catalog;

    public CullRepository(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * A media file as found through one of its copies (or its library path), with its session.
     *
     * @param copyPath the copy's path relative to the library root of the location it was found at, or the
     *                 library path when it was found by that
     */
    public record Candidate(long mediaFileId, String libraryPath, String copyPath, long size, Xxh128 hash,
                            String sessionId, String sessionName, boolean culled) {
    }

    private static final String CANDIDATE = """
            SELECT m.id, m.library_path, %s, m.size, m.hash, s.stable_id, s.name, m.culled
            FROM media_file m JOIN session s ON s.id = m.session_id""";

    /** Every copy recorded at a location (whatever its state), by path. */
    public List<Candidate> copiesAt(UUID locationId) {
        return candidates(CANDIDATE.formatted("c.path") + " JOIN copy c ON c.media_file_id = m.id"
                + " WHERE c.location_id = ? ORDER BY c.path", locationId);
    }

    /** The file whose copy at {@code locationId} is recorded at {@code copyPath}. */
    public Optional<Candidate> findAt(UUID locationId, String copyPath) {
        return candidates(CANDIDATE.formatted("c.path") + " JOIN copy c ON c.media_file_id = m.id"
                + " WHERE c.location_id = ? AND c.path = ?", locationId, copyPath).stream().findFirst();
    }

    /** The file with this library path, or else the one file with a copy at this path on some location. */
    public Optional<Candidate> findByLibraryPath(String path) {
        Optional<Candidate> byLibrary = candidates(CANDIDATE.formatted("m.library_path")
                + " WHERE m.library_path = ?", path).stream().findFirst();
        if (byLibrary.isPresent()) {
            return byLibrary;
        }
        List<Candidate> byCopy = candidates(CANDIDATE.formatted("c.path") + " JOIN copy c ON c.media_file_id = m.id"
                + " WHERE c.path = ?", path);
        return byCopy.stream().map(Candidate::mediaFileId).distinct().count() == 1
                ? Optional.of(byCopy.get(0)) : Optional.empty();
    }

    /**
     * Marks a file culled and takes it out of its session's copy-count histogram, in one transaction.
     * Idempotent: a file already culled is left as it is.
     *
     * @param absentAt locations where the file's copy is known to be gone (deleted there), whose copies are
     *                 recorded as missing in the same transaction
     * @return whether the file was culled now (false: it already was, or is unknown)
     */
    public boolean markCulled(long mediaFileId, Collection<UUID> absentAt) {
        return catalog.inTransaction(c -> {
            long session;
            long size;
            int copies;
            int offsite;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT session_id, size, copy_count, offsite_count, culled FROM media_file WHERE id = ?")) {
                ps.setLong(1, mediaFileId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next() || rs.getBoolean(5)) {
                        return false;
                    }
                    session = rs.getLong(1);
                    size = rs.getLong(2);
                    copies = rs.getInt(3);
                    offsite = rs.getInt(4);
                }
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "UPDATE session SET culled_files = culled_files + 1 WHERE id = ?")) {
                ps.setLong(1, session);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE media_file SET culled = TRUE WHERE id = ?")) {
                ps.setLong(1, mediaFileId);
                ps.executeUpdate();
            }
            // the bucket it was counted in is the one its current counts name
            MediaFileRepository.adjustBucket(c, session, copies, offsite, -1, -size);
            if (!absentAt.isEmpty()) {
                for (UUID location : absentAt) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE copy SET state = 'MISSING' WHERE media_file_id = ? AND location_id = ?")) {
                        ps.setLong(1, mediaFileId);
                        ps.setObject(2, location);
                        ps.executeUpdate();
                    }
                }
                // keeps the file's own counts true; a culled file is in no bucket, so none moves
                MediaFileRepository.refreshCounts(c, mediaFileId);
            }
            return true;
        });
    }

    public boolean markCulled(long mediaFileId) {
        return markCulled(mediaFileId, List.of());
    }

    /** How many of a session's files are culled. */
    public long culledCount(long sessionId) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT COUNT(*) FROM media_file WHERE session_id = ? AND culled")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Culled files per session, by the session's stable id (sessions without any are absent). */
    public Map<String, Long> culledCounts() {
        return catalog.inTransaction(c -> {
            Map<String, Long> out = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT s.stable_id, COUNT(*) FROM media_file m JOIN session s ON s.id = m.session_id
                    WHERE m.culled GROUP BY s.stable_id""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getString(1), rs.getLong(2));
                }
            }
            return out;
        });
    }

    /** A session's file, and whether it is culled. */
    public record SessionFile(MediaFile file, boolean culled) {
    }

    /** A session's files, by library path. */
    public List<SessionFile> filesOf(long sessionId) {
        return catalog.inTransaction(c -> {
            List<SessionFile> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT * FROM media_file WHERE session_id = ? ORDER BY library_path")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SessionFile(MediaFileRepository.map(rs), rs.getBoolean("culled")));
                    }
                }
            }
            return out;
        });
    }

    private List<Candidate> candidates(String sql, Object... args) {
        return catalog.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                for (int i = 0; i < args.length; i++) {
                    ps.setObject(i + 1, args[i]);
                }
                List<Candidate> out = new ArrayList<>();
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(candidate(rs));
                    }
                }
                return out;
            }
        });
    }

    private static Candidate candidate(ResultSet rs) throws SQLException {
        return new Candidate(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), Xxh128.parse(rs.getString(5)),
                rs.getString(6), rs.getString(7), rs.getBoolean(8));
    }
}
