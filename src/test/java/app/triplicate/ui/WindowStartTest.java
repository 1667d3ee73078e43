package app.triplicate.ui;

import app.triplicate.catalog.Catalog;
import app.triplicate.settings.Home;
import app.triplicate.testing.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code triplicate --home DIR} with no subcommand, in a separate JVM with no desktop session: it goes to the
 * window (not to the command line's "Missing required subcommand"), and a catalog in use by another process is
 * shared, not refused.
 */
class WindowStartTest {

    @Test
    void aSecondWindowOnACatalogInUseSharesItInsteadOfRefusing(@TempDir Path home) throws Exception {
        // the catalog is shared (the window and the command line at once): a second window gets past it and,
        // here without a desktop, says only that
        try (Catalog held = Catalog.open(Home.under(home).catalogBase())) {
            Result r = run(home);
            assertEquals(3, r.exit(), r.err());
            assertTrue(r.err().contains("window needs a desktop session"), r.err());
            assertFalse(r.err().contains("open in another Triplicate process or window"), r.err());
            assertFalse(r.err().contains("\tat "), "no stack trace on the console: " + r.err());
            assertFalse(r.err().contains("Exception"), r.err());
        }
    }

    @Test
    void onlyAHomeGoesToTheWindowWhichSaysWhenThereIsNoDesktop(@TempDir Path home) throws Exception {
        Result r = run(home);
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("window needs a desktop session"), r.err());
        assertFalse(r.err().contains("Missing required subcommand"), r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    @Test
    void aCatalogThatCannotBeOpenedNamesTheRestoreWhenThereIsNoDesktop(@TempDir Path home) throws Exception {
        Path base = Home.under(home).catalogBase();
        java.nio.file.Files.createDirectories(base.getParent());
        java.nio.file.Files.writeString(base.resolveSibling("catalog.mv.db"), "not a database");
        Result r = run(home);
        assertEquals(3, r.exit(), r.err());
        assertTrue(r.err().contains("'triplicate catalog restore'"), "the way back, in one message: " + r.err());
        assertFalse(r.err().contains("\tat "), r.err());
    }

    private record Result(int exit, String err) {
    }

    private static Result run(Path home) throws Exception {
        Process child = ChildJvm.startWithoutDisplay(home);
        child.getOutputStream().close();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child JVM ended");
        return new Result(child.exitValue(), new String(child.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    }
}
