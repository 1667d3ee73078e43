package app.triplicate.catalog;

import app.triplicate.core.CopyPolicy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Status reads the session table in its own order and sorts in Java (cheaper than H2's index walk on a large
 * catalog): the order is still the catalog's "newest first capture first, sessions without one last, the later
 * created first on a tie", the one ORDER BY first_capture DESC NULLS LAST, id DESC gives on a real H2 catalog.
 */
class StatusOrderTest {
    @TempDir
    Path tmp;

    @Test
    void sessionsComeNewestFirstWithoutCaptureLastAndTiesByNewestSession() {
        try (Catalog catalog = Catalog.open(tmp.resolve("data/catalog"))) {
            SessionRepository sessions = new SessionRepository(catalog);
            LocalDateTime may = LocalDateTime.of(2026, 5, 1, 10, 0);
            // created in an order unrelated to their dates; two ties and two without any capture time
            List<LocalDateTime> firsts = new ArrayList<>();
            firsts.add(may);
            firsts.add(null);
            firsts.add(may.plusDays(3));
            firsts.add(may.minusYears(1));
            firsts.add(may);
            firsts.add(null);
            firsts.add(may.plusNanos(10_000_000));
            firsts.add(may.plusDays(3));
            for (int i = 0; i < firsts.size(); i++) {
                long id = sessions.create("s" + i, "2026/s" + i).id();
                LocalDateTime first = firsts.get(i);
                // the capture range as an ingest leaves it (a fixture: only the range matters to the order)
                catalog.inTransaction(c -> {
                    try (PreparedStatement ps = c.prepareStatement(
                            "UPDATE session SET first_capture = ?, last_capture = ? WHERE id = ?")) {
                        ps.setObject(1, first);
                        ps.setObject(2, first);
                        ps.setLong(3, id);
                        return ps.executeUpdate();
                    }
                });
            }
            List<String> byTheCatalog = catalog.inTransaction(c -> {
                List<String> names = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT name FROM session ORDER BY first_capture DESC NULLS LAST, id DESC");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            });
            List<String> byStatus = new StatusService(catalog, new LocationRepository(catalog))
                    .sessions(new CopyPolicy(2, 1, 2)).stream().map(StatusService.SessionStatus::name).toList();
            assertEquals(List.of("s7", "s2", "s6", "s4", "s0", "s3", "s5", "s1"), byTheCatalog);
            assertEquals(byTheCatalog, byStatus);
        }
    }

    /** A session's cameras: first used first, a camera without a capture time first of all, ties by make and model. */
    @Test
    void camerasComeInTheCatalogsOrder() {
        try (Catalog catalog = Catalog.open(tmp.resolve("data/catalog"))) {
            long id = new SessionRepository(catalog).create("cams", "2026/cams").id();
            LocalDateTime t = LocalDateTime.of(2026, 5, 1, 10, 0);
            Object[][] uses = {{"Sony\tILCE-7M4", t}, {"NIKON CORPORATION\tNIKON Z 6_2", t}, {"Canon\tEOS R5", t.minusHours(1)},
                    {"Apple\tiPhone 15", null}, {"\tModel only", t.plusDays(1)}, {"samsung\tSM-S918B", null},
                    {"Canon\tEOS R6", t.plusNanos(1_000)}};
            catalog.inTransaction(c -> {
                for (Object[] use : uses) {
                    try (PreparedStatement ps = c.prepareStatement(
                            "INSERT INTO session_camera (session_id, camera_key, first_use) VALUES (?, ?, ?)")) {
                        ps.setLong(1, id);
                        ps.setString(2, (String) use[0]);
                        ps.setObject(3, use[1]);
                        ps.executeUpdate();
                    }
                }
                return null;
            });
            List<String> byTheCatalog = catalog.inTransaction(c -> {
                List<String> names = new ArrayList<>();
                try (PreparedStatement ps = c.prepareStatement(
                        "SELECT camera_key FROM session_camera ORDER BY session_id, first_use, camera_key");
                     ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        names.add(rs.getString(1));
                    }
                }
                return names;
            });
            assertEquals(List.of("Apple\tiPhone 15", "samsung\tSM-S918B", "Canon\tEOS R5", "NIKON CORPORATION\tNIKON Z 6_2",
                    "Sony\tILCE-7M4", "Canon\tEOS R6", "\tModel only"), byTheCatalog);
            List<String> cameras = new StatusService(catalog, new LocationRepository(catalog))
                    .sessions(new CopyPolicy(2, 1, 2)).getFirst().cameras();
            assertEquals(byTheCatalog.stream().map(k -> k.split("\t", -1)).map(k -> new app.triplicate.core.Camera(
                    k[0].isEmpty() ? null : k[0], k[1], null).displayName()).toList(), cameras);
        }
    }
}
