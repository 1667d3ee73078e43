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
}
