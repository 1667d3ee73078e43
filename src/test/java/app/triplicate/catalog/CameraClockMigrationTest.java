package app.triplicate.catalog;

import app.triplicate.core.CopyPolicy;
import app.triplicate.core.Session;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.ZoneId;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A catalog written before sessions were shown by the camera's clock (migrations up to V7): the upgrade keeps every
 * session's name and folder and finds its first and last wall-clock time in the files it already holds.
 */
class CameraClockMigrationTest {
    @TempDir
    Path tmp;

    @Test
    void sessionsMadeBeforeTheRuleKeepTheirNamesAndFoldersAndAreShownByTheCamerasClock() throws Exception {
        Path base = tmp.resolve("catalog");
        String url = "jdbc:h2:file:" + base.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE";
        Flyway.configure().dataSource(url, "triplicate", "").locations(Catalog.migrations("h2")).target("7").load()
                .migrate();
        try (Connection c = DriverManager.getConnection(url, "triplicate", "");
             Statement st = c.createStatement()) {
            // imported in Tokyo: 10:03 at -06:00 was named and foldered by the computer's 01:03 the next day
            st.executeUpdate("""
                    INSERT INTO session (id, stable_id, name, folder, created_at, first_capture, last_capture, files, bytes)
                    VALUES (1, 'sold0001', '2020-04-18 Night', '2020/2020-04-18 Night', TIMESTAMP WITH TIME ZONE
                            '2020-05-01 10:00:00+09:00', TIMESTAMP '2020-04-18 01:03:42', TIMESTAMP '2020-04-18 02:40:00', 3, 30)""");
            st.executeUpdate("""
                    INSERT INTO media_file (hash, size, session_id, library_path, original_name, capture_local,
                                            capture_offset_seconds, capture_source, imported_at, capture_timeline,
                                            capture_fallback)
                    VALUES ('00000000000000000000000000000001', 10, 1, '2020/2020-04-18 Night/IMG_3581.JPG',
                            'IMG_3581.JPG', TIMESTAMP '2020-04-17 10:03:42', -21600, 'EXIF:ExifIFD:DateTimeOriginal',
                            TIMESTAMP WITH TIME ZONE '2020-05-01 10:00:00+09:00', TIMESTAMP '2020-04-18 01:03:42', FALSE),
                           ('00000000000000000000000000000002', 10, 1, '2020/2020-04-18 Night/IMG_3581.xmp',
                            'IMG_3581.xmp', TIMESTAMP '2020-05-01 09:00:00', 32400, 'file modification time',
                            TIMESTAMP WITH TIME ZONE '2020-05-01 10:00:00+09:00', TIMESTAMP '2020-04-18 01:03:42', TRUE),
                           ('00000000000000000000000000000003', 10, 1, '2020/2020-04-18 Night/IMG_3600.JPG',
                            'IMG_3600.JPG', TIMESTAMP '2020-04-17 11:40:00', -21600, 'EXIF:ExifIFD:DateTimeOriginal',
                            TIMESTAMP WITH TIME ZONE '2020-05-01 10:00:00+09:00', TIMESTAMP '2020-04-18 02:40:00', FALSE)""");
        }

        try (Catalog catalog = Catalog.open(base)) {
            StatusService.SessionStatus s = new StatusService(catalog, new LocationRepository(catalog))
                    .sessions(CopyPolicy.DEFAULT).get(0);
            assertEquals("2020-04-18 Night", s.name(), "a name chosen before the rule is kept");
            assertEquals("2020/2020-04-18 Night", s.folder(), "and so is its folder");
            assertEquals(LocalDateTime.parse("2020-04-18T01:03:42"), s.firstCapture(), "the timeline is unchanged");
            assertEquals(LocalDateTime.parse("2020-04-17T10:03:42"), s.firstWallClock(),
                    "the picture's own time, not its sidecar's file date");
            assertEquals(LocalDateTime.parse("2020-04-17T11:40:00"), s.lastWallClock());
            SessionFilesService.SessionFiles files = new SessionFilesService(catalog).load("sold0001").orElseThrow();
            assertEquals(LocalDateTime.parse("2020-04-17T10:03:42"), files.firstWallClock());
            assertEquals(LocalDateTime.parse("2020-04-17T11:40:00"), files.lastWallClock());
            // its instants: the timeline read in this computer's zone, the one it was made in
            Session session = new SessionRepository(catalog).findById(1).orElseThrow();
            assertEquals(LocalDateTime.parse("2020-04-18T01:03:42").atZone(ZoneId.systemDefault()).toInstant(),
                    session.firstInstant());
            assertEquals(LocalDateTime.parse("2020-04-18T02:40:00").atZone(ZoneId.systemDefault()).toInstant(),
                    session.lastInstant());
        }
    }
}
