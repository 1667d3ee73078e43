package app.triplicate.files;

import app.triplicate.testing.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A small-file write killed before its rename leaves a temporary file (never read as content); the next run
 * deletes such leftovers beside the settings and beside each drive's marker, but not one another process may
 * still be writing (a fresh one), nor anything that is not Triplicate's own temporary name.
 */
class SmallFileLeftoversTest {
    @TempDir
    Path tmp;

    private static Path leftover(Path dir, String target, Duration age) throws Exception {
        Path p = SmallFile.temporaryFor(dir.resolve(target));
        Files.createDirectories(dir);
        Files.writeString(p, "{\"cut\": ");
        Files.setLastModifiedTime(p, FileTime.from(Instant.now().minus(age)));
        return p;
    }

    @Test
    void leftoversOfKilledWritesAreDeletedBesideTheSettingsAndTheDriveMarkers() throws Exception {
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        Path a = cli.addDrive(tmp.resolve("a"), "A");
        Path settingsDir = app.triplicate.settings.Home.under(tmp.resolve("home")).configDir();
        Path oldSetting = leftover(settingsDir, "settings.json", Duration.ofHours(2));
        Path freshSetting = leftover(settingsDir, "remote.json", Duration.ofSeconds(5));
        Path oldMarker = leftover(a.resolve(".triplicate"), "drive.json", Duration.ofHours(2));
        Path notOurs = a.resolve(".triplicate/.notes.txt.triplicate-tmp.keep");
        Files.writeString(notOurs, "someone else's");

        cli.expect(0, "drive", "list");

        assertFalse(Files.exists(oldSetting), "an old leftover beside the settings is deleted");
        assertTrue(Files.exists(freshSetting), "a fresh one may belong to a write still going on");
        assertFalse(Files.exists(oldMarker), "an old leftover beside the drive's marker is deleted");
        assertTrue(Files.exists(notOurs), "only Triplicate's own temporary names are touched");
        assertTrue(Files.exists(a.resolve(".triplicate/drive.json")), "the marker itself stays");
    }
}
