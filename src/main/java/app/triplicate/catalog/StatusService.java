package app.triplicate.catalog;

import app.triplicate.core.Camera;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.Location;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Per session: files, bytes, dates, copy count and verified copies per location. */
public final class StatusService {
    private final Catalog catalog;
    private final LocationRepository locations;

    public StatusService(Catalog catalog, LocationRepository locations) {
        this.catalog = catalog;
        this.locations = locations;
    }

    public record LocationCopies(UUID locationId, String label, long verifiedFiles, long verifiedBytes) {
    }

    /**
     * @param standing       copy count (the smallest number of verified copies among the session's files,
     *                       distinct disks only), offsite copies, and what falls short of the policy
     * @param cameras        the cameras used, by name
     * @param fallbackFiles  files with no capture date of their own (placed by modification time)
     * @param oldestVerified the oldest last-verified time among the session's verified copies
     * @param remote         the session's verified copies on the current remote, or null when none
     * @param firstCapture   the first capture on the importing computer's timeline (what sessions are ordered by)
     * @param firstWallClock the first and last capture on the camera's own clock: what the session is shown by
     */
    public record SessionStatus(String id, String name, String folder, LocalDateTime firstCapture,
                                LocalDateTime lastCapture, long files, long bytes, CopyPolicy.Standing standing,
                                int targetCopies, List<LocationCopies> locations, List<String> cameras,
                                long fallbackFiles, java.time.Instant oldestVerified, long culledFiles,
                                LocationCopies remote, LocalDateTime firstWallClock, LocalDateTime lastWallClock) {
        public int copyCount() {
            return standing.copyCount();
        }

        /**
         * Due for a verify: its oldest verification is older than the scrub interval. Shown, never an exit reason
         * (SPEC.md section 4); a session with no verified copy is not due but below the policy.
         */
        public boolean due(java.time.Duration scrubInterval, java.time.Instant now) {
            return oldestVerified != null && oldestVerified.isBefore(now.minus(scrubInterval));
        }

        /**
         * "offsite verified" when every counted file has a verified copy on the remote; else "offsite drive"
         * when every file has a verified offsite copy (on a drive flagged offsite, or partly on the remote);
         * else "uploading n%" when part of the session is verified on the remote (n by bytes: the rest is
         * queued for the next push); else "none".
         */
        public String offsiteState() {
            long counted = files - culledFiles;
            // every counted file offsite (the standing) and as many verified on the remote: the remote's figure
            // alone also counts copies of culled files, which must not make up for a kept file missing there
            if (remote != null && counted > 0 && remote.verifiedFiles() >= counted && standing.offsiteCount() > 0) {
                return "offsite verified";
            }
            if (standing.offsiteCount() > 0) {
                return "offsite drive";
            }
            if (remote != null && remote.verifiedFiles() > 0 && bytes > 0) {
                return "uploading " + Math.min(99, remote.verifiedBytes() * 100 / bytes) + "%";
            }
            return "none";
        }
    }

    private record CameraRow(long sessionId, String key, LocalDateTime firstUse) {
    }

    /**
     * The cameras of every session, by session, first used first, then by key. On H2 read in the table's own order
     * and sorted here in H2's own order (nulls first, strings as Java compares them): ORDER BY made it walk an index,
     * look up every row and spill the sort to a temporary file. A server sorts as its collation says: left to it.
     */
    private List<CameraRow> cameraRows(java.sql.Connection c) throws java.sql.SQLException {
        List<CameraRow> rows = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT session_id, camera_key, first_use FROM session_camera"
                + (catalog.embedded() ? "" : " ORDER BY session_id, first_use, camera_key"));
             ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                rows.add(new CameraRow(rs.getLong(1), rs.getString(2), Jdbc.local(rs, 3)));
            }
        }
        if (catalog.embedded()) {
            rows.sort(java.util.Comparator.comparingLong(CameraRow::sessionId)
                    .thenComparing(CameraRow::firstUse,
                            java.util.Comparator.nullsFirst(java.util.Comparator.<LocalDateTime>naturalOrder()))
                    .thenComparing(CameraRow::key));
        }
        return rows;
    }

    /** Reads only per-session figures kept up to date as files and copies change: a few rows per session. */
    public List<SessionStatus> sessions(CopyPolicy policy) {
        Map<UUID, Location> byId = new HashMap<>();
        locations.all().forEach(l -> byId.put(l.id(), l));
        Optional<Location> remote = locations.currentRemote();
        remote.ifPresent(l -> byId.put(l.id(), l));
        return catalog.inTransaction(c -> {
            Map<Long, List<CopyPolicy.Bucket>> buckets = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT session_id, copy_count, offsite_count, files FROM session_copies");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    buckets.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new CopyPolicy.Bucket(rs.getInt(2), rs.getInt(3), rs.getLong(4)));
                }
            }
            Map<Long, List<LocationCopies>> perLocation = new HashMap<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT session_id, location_id, files, bytes FROM session_location");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID loc = rs.getObject(2, UUID.class);
                    Location l = byId.get(loc);
                    perLocation.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                            .add(new LocationCopies(loc, l == null ? loc.toString() : l.label(), rs.getLong(3),
                                    rs.getLong(4)));
                }
            }
            Map<Long, List<String>> cameras = new HashMap<>();
            for (CameraRow row : cameraRows(c)) {
                String[] key = row.key().split("\t", -1);
                String name = new Camera(key[0].isEmpty() ? null : key[0],
                        key.length < 2 || key[1].isEmpty() ? null : key[1], null).displayName();
                List<String> list = cameras.computeIfAbsent(row.sessionId(), k -> new ArrayList<>());
                if (!list.contains(name)) {
                    list.add(name);
                }
            }
            // read in the table's own order and sorted here: ORDER BY made H2 walk the first_capture index and
            // look up every row by its key, five times the cost of the scan on 10,000 sessions
            record Row(long id, LocalDateTime firstCapture, SessionStatus status) {
            }
            List<Row> rows = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("""
                    SELECT id, stable_id, name, folder, files, bytes, first_capture, last_capture, fallback_files,
                           oldest_verified, culled_files, COALESCE(first_wall_clock, first_capture),
                           COALESCE(last_wall_clock, last_capture)
                    FROM session""");
                 ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    long id = rs.getLong(1);
                    java.time.OffsetDateTime oldest = rs.getObject(10, java.time.OffsetDateTime.class);
                    List<LocationCopies> locs = perLocation.getOrDefault(id, List.of()).stream()
                            .sorted(java.util.Comparator.comparing(LocationCopies::label)).toList();
                    LocalDateTime firstCapture = Jdbc.local(rs, 7);
                    rows.add(new Row(id, firstCapture, new SessionStatus(rs.getString(2), rs.getString(3),
                            rs.getString(4), firstCapture, Jdbc.local(rs, 8),
                            rs.getLong(5), rs.getLong(6), policy.standing(buckets.getOrDefault(id, List.of())),
                            policy.targetCopies(), locs, cameras.getOrDefault(id, List.of()), rs.getLong(9),
                            oldest == null ? null : oldest.toInstant(), rs.getLong(11),
                            remote.flatMap(r -> locs.stream().filter(l -> l.locationId().equals(r.id())).findFirst())
                                    .orElse(null), Jdbc.local(rs, 12), Jdbc.local(rs, 13))));
                }
            }
            // ORDER BY first_capture DESC NULLS LAST, id DESC
            rows.sort(java.util.Comparator.comparing(Row::firstCapture,
                            java.util.Comparator.nullsFirst(java.util.Comparator.<LocalDateTime>naturalOrder()))
                    .thenComparingLong(Row::id).reversed());
            List<SessionStatus> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(r.status()));
            return out;
        });
    }
}
