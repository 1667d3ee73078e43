package app.triplicate.catalog;

import app.triplicate.settings.Home;
import app.triplicate.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 16: a second process shares the catalog (the window open all day, cron's commands beside it). What still
 * holds the file for itself alone (a 0.1.0 process, a restore in progress) still refuses the others clearly.
 */
class CatalogLockTest {

    @Test
    void aSecondProcessUsesTheCatalogTheFirstHasOpen(@TempDir Path home) throws Exception {
        try (Catalog held = Catalog.open(Home.under(home).catalogBase())) {
            Process child = ChildJvm.start(home, "status", "--json");
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, child.exitValue(), err);
            assertTrue(out.contains("\"schemaVersion\""), out);
            new LocationRepository(held).all(); // and the first goes on using it
        }
    }

    @Test
    void aProcessHoldingTheCatalogAloneGivesOthersAClearMessageAndExitCode3(@TempDir Path home) throws Exception {
        Path base = Home.under(home).catalogBase();
        Catalog.open(base).close();
        // how 0.1.0, or a restore replacing the catalog, holds the file: not shared
        try (Connection alone = EmbeddedCatalog.connectAlone(base, "")) {
            Process child = ChildJvm.start(home, "status");
            assertTrue(child.waitFor(60, TimeUnit.SECONDS));
            String err = new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(3, child.exitValue(), err);
            assertTrue(err.contains("open in another Triplicate process"), err);
            assertFalse(err.contains("\tat "), "no stack trace for the user: " + err);
        }
    }

    @Test
    void migrationsCreateTheSchemaOnceAndReopen(@TempDir Path home) {
        Path base = Home.under(home).catalogBase();
        try (Catalog c = Catalog.open(base)) {
            new LocationRepository(c).all();
        }
        try (Catalog c = Catalog.open(base)) {
            assertEquals(0, new SessionRepository(c).all().size());
        }
    }
}
