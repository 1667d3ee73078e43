package app.triplicate.testing;

import app.triplicate.catalog.Catalog;
import app.triplicate.settings.Home;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * Recounts, from the files and copies themselves, the per-session figures the catalog keeps up to date
 * incrementally, and fails when they disagree: a test that ends with this proves the bookkeeping of every
 * operation it ran.
 */
public final class CatalogFigures {
    private CatalogFigures() {
    }

    private static final String[][] CHECKS = {
            {"session files, bytes, fallback and culled counts", """
                SELECT s.id FROM session s WHERE s.files <> (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id)
                   OR s.bytes <> (SELECT COALESCE(SUM(size), 0) FROM media_file m WHERE m.session_id = s.id)
                   OR s.fallback_files <> (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id AND m.capture_fallback)
                   OR s.culled_files <> (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id AND m.culled)"""},
            {"oldest verification per session", """
                SELECT s.id FROM session s WHERE s.oldest_verified IS DISTINCT FROM
                   (SELECT MIN(c.verified_at) FROM copy c JOIN media_file m ON m.id = c.media_file_id
                    WHERE m.session_id = s.id AND c.state = 'VERIFIED')"""},
            {"verified copies per session and drive", """
                (SELECT m.session_id, c.location_id, COUNT(*), SUM(m.size) FROM copy c
                   JOIN media_file m ON m.id = c.media_file_id JOIN location l ON l.id = c.location_id
                   WHERE c.state = 'VERIFIED' AND NOT l.retired GROUP BY m.session_id, c.location_id)
                EXCEPT (SELECT session_id, location_id, files, bytes FROM session_location)
                UNION
                (SELECT session_id, location_id, files, bytes FROM session_location)
                EXCEPT (SELECT m.session_id, c.location_id, COUNT(*), SUM(m.size) FROM copy c
                   JOIN media_file m ON m.id = c.media_file_id JOIN location l ON l.id = c.location_id
                   WHERE c.state = 'VERIFIED' AND NOT l.retired GROUP BY m.session_id, c.location_id)"""},
            {"copy-count histogram", """
                (SELECT session_id, copy_count, offsite_count, COUNT(*), SUM(size) FROM media_file WHERE NOT culled
                   GROUP BY session_id, copy_count, offsite_count)
                EXCEPT (SELECT session_id, copy_count, offsite_count, files, bytes FROM session_copies)"""},
            {"per-file copy counts (distinct drives, not retired)", """
                SELECT m.id FROM media_file m WHERE m.copy_count <> (SELECT COUNT(DISTINCT c.location_id) FROM copy c
                   JOIN location l ON l.id = c.location_id WHERE c.media_file_id = m.id AND c.state = 'VERIFIED'
                   AND NOT l.retired)"""},
    };

    /** Every test drive is registered --same-device, so distinct drives are distinct counting keys here. */
    public static void assertConsistent(Path home) throws Exception {
        List<String> wrong = new ArrayList<>();
        try (Catalog catalog = Catalog.open(Home.under(home).catalogBase())) {
            catalog.inTransaction(c -> {
                for (String[] check : CHECKS) {
                    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(check[1])) {
                        if (rs.next()) {
                            wrong.add(check[0] + " (first: " + rs.getObject(1) + ")");
                        }
                    }
                }
                return null;
            });
        }
        if (!wrong.isEmpty()) {
            throw new AssertionError("catalog figures disagree with a recount: " + wrong);
        }
    }
}
