package app.triplicate.catalog;

import app.triplicate.core.Camera;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.CopyState;
import app.triplicate.core.DriveRole;
import app.triplicate.core.VerifyMethod;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One session's files and every copy of them, for the window's session view: three reads whatever the
 * session's size (the session, its files, their copies with their locations), never one per file. The copy
 * count of each file is the one the catalog keeps up to date as copies change ({@code media_file.copy_count}:
 * distinct disks with a verified copy, retired drives excluded), so the view and the dashboard agree.
 */
public final class SessionFilesService {
    private final Catalog catalog;

    public SessionFilesService(Catalog catalog) {
        this.catalog = catalog;
    }

    /**
     * A media file of the session.
     *
     * @param capture      the camera's wall-clock capture time, or null
     * @param fallbackTime the file carries no date of its own: {@code capture} is its modification time
     * @param copyCount    distinct disks holding a verified copy (retired drives and the card do not count)
     * @param offsiteCount of those, the ones flagged offsite
     * @param culled       deleted on purpose: no longer counts against the policy
     */
    public record FileEntry(long id, String libraryPath, String originalName, long size, LocalDateTime capture,
                            String captureSource, boolean fallbackTime, boolean suspiciousTime, Camera camera,
                            int copyCount, int offsiteCount, boolean culled) {

        /** The file's name in the library (the last part of its library path). */
        public String fileName() {
            int slash = libraryPath.lastIndexOf('/');
            return slash < 0 ? libraryPath : libraryPath.substring(slash + 1);
        }

        /** Below the policy's target copies or offsite copies (a culled file never is). */
        public boolean belowPolicy(CopyPolicy policy) {
            return !culled && (copyCount < policy.targetCopies() || offsiteCount < policy.offsiteCopies());
        }
    }

    /**
     * One copy of a file, with its location.
     *
     * @param path    relative to the location's library root
     * @param retired the location is retired: the copy no longer counts
     */
    public record CopyEntry(long mediaFileId, UUID locationId, String locationLabel, DriveRole role, boolean offsite,
                            boolean retired, String path, CopyState state, Instant verifiedAt, VerifyMethod method) {

        /** Counts towards the file's copy count: verified, on a drive in service. */
        public boolean counts() {
            return state == CopyState.VERIFIED && !retired;
        }
    }

    /**
     * A session with its files (by library path) and their copies (by file id, each list by location label).
     *
     * @param firstCapture   the session's first and last capture, on the importing computer's timeline
     * @param firstWallClock the session's first and last capture on the camera's own clock, as it is shown
     */
    public record SessionFiles(String id, String name, String folder, LocalDateTime firstCapture,
                               LocalDateTime lastCapture, List<FileEntry> files, Map<Long, List<CopyEntry>> copies,
                               LocalDateTime firstWallClock, LocalDateTime lastWallClock) {

        public List<CopyEntry> copiesOf(long fileId) {
            return copies.getOrDefault(fileId, List.of());
        }

        /** The files that count against the policy (not culled). */
        public List<FileEntry> counted() {
            return files.stream().filter(f -> !f.culled()).toList();
        }

        /** The session's standing: its copy count is the smallest among its counted files, as on the dashboard. */
        public CopyPolicy.Standing standing(CopyPolicy policy) {
            Map<List<Integer>, Long> buckets = new HashMap<>();
            for (FileEntry f : counted()) {
                buckets.merge(List.of(f.copyCount(), f.offsiteCount()), 1L, Long::sum);
            }
            return policy.standing(buckets.entrySet().stream()
                    .map(e -> new CopyPolicy.Bucket(e.getKey().get(0), e.getKey().get(1), e.getValue())).toList());
        }
    }

    /** The session with this stable id (as {@code status} prints it), or empty when there is none. */
    public Optional<SessionFiles> load(String stableId) {
        return catalog.inTransaction(c -> {
            long sessionId;
            String name;
            String folder;
            LocalDateTime first;
            LocalDateTime last;
            LocalDateTime firstWall;
            LocalDateTime lastWall;
            try (PreparedStatement ps = c.prepareStatement("SELECT id, name, folder, first_capture, last_capture, "
                    + "COALESCE(first_wall_clock, first_capture), COALESCE(last_wall_clock, last_capture) "
                    + "FROM session WHERE stable_id = ?")) {
                ps.setString(1, stableId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return Optional.<SessionFiles>empty();
                    }
                    sessionId = rs.getLong(1);
                    name = rs.getString(2);
                    folder = rs.getString(3);
                    first = Jdbc.local(rs, 4);
                    last = Jdbc.local(rs, 5);
                    firstWall = Jdbc.local(rs, 6);
                    lastWall = Jdbc.local(rs, 7);
                }
            }
            List<FileEntry> files = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, library_path, original_name, size, capture_local, capture_source, capture_fallback,
                           capture_suspicious, camera_make, camera_model, camera_serial, copy_count, offsite_count, culled
                    FROM media_file WHERE session_id = ? ORDER BY library_path""")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        files.add(new FileEntry(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                                Jdbc.local(rs, 5), rs.getString(6), rs.getBoolean(7), rs.getBoolean(8),
                                new Camera(rs.getString(9), rs.getString(10), rs.getString(11)), rs.getInt(12),
                                rs.getInt(13), rs.getBoolean(14)));
                    }
                }
            }
            Map<Long, List<CopyEntry>> copies = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT c.media_file_id, c.location_id, l.label, l.role, l.offsite, l.retired, c.path, c.state,
                           c.verified_at, c.verify_method
                    FROM copy c JOIN media_file m ON m.id = c.media_file_id JOIN location l ON l.id = c.location_id
                    WHERE m.session_id = ? ORDER BY c.media_file_id, l.label""")) {
                ps.setLong(1, sessionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String method = rs.getString(10);
                        CopyEntry e = new CopyEntry(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                                DriveRole.parse(rs.getString(4)), rs.getBoolean(5), rs.getBoolean(6), rs.getString(7),
                                CopyState.valueOf(rs.getString(8)), Jdbc.instant(rs, "verified_at"),
                                method == null ? null : VerifyMethod.fromWord(method));
                        copies.computeIfAbsent(e.mediaFileId(), k -> new ArrayList<>()).add(e);
                    }
                }
            }
            copies.replaceAll((k, v) -> List.copyOf(v));
            return Optional.of(new SessionFiles(stableId, name, folder, first, last, List.copyOf(files),
                    Map.copyOf(copies), firstWall, lastWall));
        });
    }
}
