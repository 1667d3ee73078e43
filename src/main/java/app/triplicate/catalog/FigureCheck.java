package app.triplicate.catalog;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The full recount of the figures the catalog keeps up to date as copies change (per session: files, bytes,
 * fallback and culled files, oldest verification; per session and drive: verified copies; per session: the
 * copy-count histogram; per file: its copy counts; per copy: whether it is counted). Each is recounted from the
 * files and copies themselves and compared with the kept one; {@link #fix} rewrites what disagrees in one
 * transaction. Status reads only the kept figures, so one that drifted would show a wrong standing for good.
 */
public final class FigureCheck {

    /** One kept figure that disagrees with its recount: {@code figure} says which, in words, naming the place. */
    public record Drift(String figure, String kept, String recounted) {
    }

    /** A copy is counted while verified on a location that is not retired; locations on one device count once. */
    private static final String COUNTING_KEY = "CASE WHEN l.same_device OR l.device_id IS NULL "
            + "THEN 'location:' || CAST(l.id AS VARCHAR) ELSE 'device:' || l.device_id END";

    private static final String FILE_COUNTS = """
            SELECT m.id, m.library_path, m.copy_count, m.offsite_count,
                   COALESCE(r.copies, 0) AS copies, COALESCE(r.offsite, 0) AS offsite
            FROM media_file m LEFT JOIN (
                SELECT c.media_file_id, COUNT(DISTINCT %1$s) AS copies,
                       COUNT(DISTINCT CASE WHEN l.offsite THEN %1$s END) AS offsite
                FROM copy c JOIN location l ON l.id = c.location_id
                WHERE c.state = 'VERIFIED' AND NOT l.retired GROUP BY c.media_file_id) r ON r.media_file_id = m.id
            WHERE m.copy_count <> COALESCE(r.copies, 0) OR m.offsite_count <> COALESCE(r.offsite, 0)
            ORDER BY m.id""".formatted(COUNTING_KEY);

    private static final String COUNTED_FLAGS = """
            SELECT m.library_path, l.label, c.counted FROM copy c JOIN location l ON l.id = c.location_id
            JOIN media_file m ON m.id = c.media_file_id
            WHERE c.counted <> (c.state = 'VERIFIED' AND NOT l.retired) OR c.session_id IS DISTINCT FROM m.session_id
            ORDER BY m.id, l.label""";

    private static final String SESSION_FIGURES = """
            SELECT s.id, s.name, s.stable_id, s.files, s.bytes, s.fallback_files, s.culled_files, s.oldest_verified,
                (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id) AS r_files,
                (SELECT COALESCE(SUM(m.size), 0) FROM media_file m WHERE m.session_id = s.id) AS r_bytes,
                (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id AND m.capture_fallback) AS r_fallback,
                (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id AND m.culled) AS r_culled,
                (SELECT MIN(c.verified_at) FROM copy c JOIN media_file m ON m.id = c.media_file_id
                 WHERE m.session_id = s.id AND c.state = 'VERIFIED') AS r_oldest
            FROM session s ORDER BY s.id""";

    private static final String KEPT_LOCATIONS = "SELECT session_id, location_id, files, bytes FROM session_location";
    private static final String RECOUNTED_LOCATIONS = """
            SELECT m.session_id, c.location_id, COUNT(*), SUM(m.size) FROM copy c
            JOIN media_file m ON m.id = c.media_file_id JOIN location l ON l.id = c.location_id
            WHERE c.state = 'VERIFIED' AND NOT l.retired GROUP BY m.session_id, c.location_id""";

    private static final String KEPT_HISTOGRAM =
            "SELECT session_id, copy_count || '/' || offsite_count, files, bytes FROM session_copies";
    private static final String RECOUNTED_HISTOGRAM = """
            SELECT session_id, copy_count || '/' || offsite_count, COUNT(*), SUM(size) FROM media_file
            WHERE NOT culled GROUP BY session_id, copy_count, offsite_count""";

    private final Catalog catalog;

    public FigureCheck(Catalog catalog) {
        this.catalog = catalog;
    }

    /** Every kept figure that disagrees with its recount; empty when all agree. Changes nothing. */
    public List<Drift> check() {
        return catalog.inTransaction(FigureCheck::drifts);
    }

    /**
     * Rewrites every kept figure from the files and copies in one transaction (all or nothing), and returns the
     * ones that had drifted. The per-file counts come first: the histogram is made of them.
     */
    public List<Drift> fix() {
        return catalog.inTransaction(c -> {
            List<Drift> found = drifts(c);
            if (found.isEmpty()) {
                return found;
            }
            try (Statement st = c.createStatement()) {
                st.executeUpdate("""
                        UPDATE copy c SET
                            counted = (c.state = 'VERIFIED'
                                       AND NOT (SELECT l.retired FROM location l WHERE l.id = c.location_id)),
                            session_id = (SELECT m.session_id FROM media_file m WHERE m.id = c.media_file_id)""");
                List<long[]> files = new ArrayList<>();
                try (ResultSet rs = st.executeQuery(FILE_COUNTS)) {
                    while (rs.next()) {
                        files.add(new long[]{rs.getLong("id"), rs.getLong("copies"), rs.getLong("offsite")});
                    }
                }
                try (PreparedStatement ps = c.prepareStatement(
                        "UPDATE media_file SET copy_count = ?, offsite_count = ? WHERE id = ?")) {
                    for (long[] f : files) {
                        ps.setLong(1, f[1]);
                        ps.setLong(2, f[2]);
                        ps.setLong(3, f[0]);
                        ps.executeUpdate();
                    }
                }
                st.executeUpdate("DELETE FROM session_location");
                st.executeUpdate("INSERT INTO session_location (session_id, location_id, files, bytes) "
                        + RECOUNTED_LOCATIONS);
                st.executeUpdate("DELETE FROM session_copies");
                st.executeUpdate("""
                        INSERT INTO session_copies (session_id, copy_count, offsite_count, files, bytes)
                        SELECT session_id, copy_count, offsite_count, COUNT(*), SUM(size) FROM media_file
                        WHERE NOT culled GROUP BY session_id, copy_count, offsite_count""");
                st.executeUpdate("""
                        UPDATE session s SET
                            files = (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id),
                            bytes = (SELECT COALESCE(SUM(m.size), 0) FROM media_file m WHERE m.session_id = s.id),
                            fallback_files = (SELECT COUNT(*) FROM media_file m
                                              WHERE m.session_id = s.id AND m.capture_fallback),
                            culled_files = (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id AND m.culled),
                            oldest_verified = (SELECT MIN(c.verified_at) FROM copy c JOIN media_file m
                                               ON m.id = c.media_file_id
                                               WHERE m.session_id = s.id AND c.state = 'VERIFIED')""");
            }
            return found;
        });
    }

    private static List<Drift> drifts(Connection c) throws SQLException {
        List<Drift> out = new ArrayList<>();
        Map<Long, String> sessions = new HashMap<>();
        try (Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery(SESSION_FIGURES)) {
                while (rs.next()) {
                    String session = "session '" + rs.getString("name") + "' (" + rs.getString("stable_id") + ")";
                    sessions.put(rs.getLong("id"), session);
                    compare(out, session + " files", rs.getLong("files"), rs.getLong("r_files"));
                    compare(out, session + " bytes", rs.getLong("bytes"), rs.getLong("r_bytes"));
                    compare(out, session + " files dated by modification time", rs.getLong("fallback_files"),
                            rs.getLong("r_fallback"));
                    compare(out, session + " culled files", rs.getLong("culled_files"), rs.getLong("r_culled"));
                    compare(out, session + " oldest verification", Jdbc.instant(rs, "oldest_verified"),
                            Jdbc.instant(rs, "r_oldest"));
                }
            }
            Map<String, String> labels = new HashMap<>();
            try (ResultSet rs = st.executeQuery("SELECT id, label FROM location")) {
                while (rs.next()) {
                    labels.put(rs.getString(1), rs.getString(2));
                }
            }
            compareTables(out, st, KEPT_LOCATIONS, RECOUNTED_LOCATIONS,
                    (session, location) -> sessions.get(session) + " verified copies on "
                            + labels.getOrDefault(location, location));
            compareTables(out, st, KEPT_HISTOGRAM, RECOUNTED_HISTOGRAM,
                    (session, bucket) -> sessions.get(session) + " files with " + bucket.replace("/", " copies, ")
                            + " offsite");
            try (ResultSet rs = st.executeQuery(FILE_COUNTS)) {
                while (rs.next()) {
                    String file = "file " + rs.getString("library_path");
                    compare(out, file + " copy count", rs.getLong("copy_count"), rs.getLong("copies"));
                    compare(out, file + " offsite copy count", rs.getLong("offsite_count"), rs.getLong("offsite"));
                }
            }
            try (ResultSet rs = st.executeQuery(COUNTED_FLAGS)) {
                while (rs.next()) {
                    boolean counted = rs.getBoolean("counted");
                    out.add(new Drift("copy of " + rs.getString(1) + " on " + rs.getString(2) + " counted in its "
                            + "session", counted ? "counted" : "not counted", counted ? "not counted" : "counted"));
                }
            }
        }
        return out;
    }

    private interface Place {
        String name(long session, String key);
    }

    /** Compares two queries of (session, key, files, bytes), naming each row that is not in both alike. */
    private static void compareTables(List<Drift> out, Statement st, String keptSql, String recountedSql, Place place)
            throws SQLException {
        Map<String, long[]> kept = figures(st, keptSql);
        Map<String, long[]> recounted = figures(st, recountedSql);
        for (String key : new TreeSet<>(union(kept, recounted))) {
            long[] k = kept.getOrDefault(key, new long[2]);
            long[] r = recounted.getOrDefault(key, new long[2]);
            if (k[0] != r[0] || k[1] != r[1]) {
                int tab = key.indexOf('\t');
                out.add(new Drift(place.name(Long.parseLong(key.substring(0, tab)), key.substring(tab + 1)),
                        k[0] + " files, " + k[1] + " bytes", r[0] + " files, " + r[1] + " bytes"));
            }
        }
    }

    private static java.util.Set<String> union(Map<String, long[]> a, Map<String, long[]> b) {
        java.util.Set<String> keys = new java.util.HashSet<>(a.keySet());
        keys.addAll(b.keySet());
        return keys;
    }

    private static Map<String, long[]> figures(Statement st, String sql) throws SQLException {
        Map<String, long[]> out = new HashMap<>();
        try (ResultSet rs = st.executeQuery(sql)) {
            while (rs.next()) {
                out.put(rs.getLong(1) + "\t" + rs.getString(2), new long[]{rs.getLong(3), rs.getLong(4)});
            }
        }
        return out;
    }

    private static void compare(List<Drift> out, String figure, long kept, long recounted) {
        if (kept != recounted) {
            out.add(new Drift(figure, Long.toString(kept), Long.toString(recounted)));
        }
    }

    private static void compare(List<Drift> out, String figure, Instant kept, Instant recounted) {
        if (!Objects.equals(kept, recounted)) {
            out.add(new Drift(figure, String.valueOf(kept), String.valueOf(recounted)));
        }
    }
}
