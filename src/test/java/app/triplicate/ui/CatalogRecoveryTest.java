package app.triplicate.ui;

import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.CatalogException;
import app.triplicate.drives.LostCatalogException;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.wiring.Services;
import app.triplicate.settings.Home;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the window offers when the catalog cannot be used (the dialog's choice and words, and the restore behind
 * it), without a window: a catalog that cannot be opened or is lost gets "Restore the newest backup from a drive";
 * a catalog open in another window does not.
 */
class CatalogRecoveryTest {

    @Test
    void aCatalogThatCannotBeOpenedIsOfferedTheRestoreAndTheRestoreOpens(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        CliHarness cli = new CliHarness(home);
        cli.addDrive(tmp.resolve("drives/a"), "A");
        Cards.randomFile(tmp.resolve("card/DCIM/100CANON/IMG_0001.CR2"), 2000, 1);
        cli.expect(0, "ingest", tmp.resolve("card").toString(), "--session", "Wedding", "--progress", "none");
        Path base = Home.under(home).catalogBase();
        Files.writeString(base.resolveSibling("catalog.mv.db"), "garbage", StandardCharsets.UTF_8);

        CatalogException broken = assertThrows(CatalogException.class, () -> Catalog.open(base));
        assertTrue(CatalogRecovery.offersRestore(broken), broken.getMessage());
        assertTrue(broken.getMessage().contains("triplicate catalog restore"), "the way out names the restore: "
                + broken.getMessage());
        String question = CatalogRecovery.question();
        assertTrue(question.contains("Restore the newest backup from a drive: "), question);
        assertTrue(question.contains("Rebuild from the drives: the newest backup there checked against the "
                + "manifests"), question);

        CatalogRecovery.Outcome outcome = new CatalogRecovery(Home.under(home), List.of(tmp.resolve("drives")),
                Clock.systemUTC()).restore();
        assertTrue(outcome.restored(), outcome.message());
        assertTrue(outcome.message().contains("restored from drive \"A\""), outcome.message());
        assertTrue(cli.expect(0, "status").out().contains("Wedding"));
    }

    @Test
    void aDeletedCatalogStopsTheWindowsServicesAndTheRestoreOpensThemAgain(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Path drives = tmp.resolve("drives");
        CliHarness cli = new CliHarness(home);
        cli.addDrive(drives.resolve("a"), "A");
        Cards.randomFile(tmp.resolve("card/DCIM/100CANON/IMG_0001.CR2"), 2000, 1);
        cli.expect(0, "ingest", tmp.resolve("card").toString(), "--session", "Wedding", "--progress", "none");
        Path base = Home.under(home).catalogBase();
        Files.delete(base.resolveSibling("catalog.mv.db"));

        // what Desktop does before the window opens: the same services, with the drives under the mount places
        RuntimeException lost = assertThrows(RuntimeException.class, () -> Services.open(Home.under(home),
                new LocalFileAccess(), List.of(drives), Clock.systemUTC()));
        assertTrue(lost instanceof LostCatalogException, lost.toString());
        assertTrue(CatalogRecovery.offersRestore(lost));
        assertTrue(lost.getMessage().contains("Drive \"A\""), lost.getMessage());

        CatalogRecovery.Outcome outcome = new CatalogRecovery(Home.under(home), List.of(drives), Clock.systemUTC())
                .restore();
        assertTrue(outcome.restored(), outcome.message());
        try (Services services = Services.open(Home.under(home), new LocalFileAccess(), List.of(drives),
                Clock.systemUTC())) {
            assertTrue(services.drives.connected().size() == 1, "the window opens on the restored catalog");
        }
    }

    @Test
    void withoutABackupTheRestoreSaysWhyAndChangesNothing(@TempDir Path tmp) throws Exception {
        Path home = tmp.resolve("home");
        Path base = Home.under(home).catalogBase();
        Files.createDirectories(base.getParent());
        Files.writeString(base.resolveSibling("catalog.mv.db"), "garbage", StandardCharsets.UTF_8);
        CatalogRecovery.Outcome outcome = new CatalogRecovery(Home.under(home), List.of(tmp.resolve("drives")),
                Clock.systemUTC()).restore();
        assertFalse(outcome.restored());
        assertTrue(outcome.message().contains("No catalog backup was found"), outcome.message());
        assertTrue(Files.exists(base.resolveSibling("catalog.mv.db")), "the catalog is where it was");
    }

    @Test
    void aLostCatalogIsOfferedTheRestoreButOneInUseIsNot() {
        assertTrue(CatalogRecovery.offersRestore(new LostCatalogException("lost")));
        CatalogException inUse = new CatalogException("open in another window",
                new SQLException("Database may be already in use", "90020", 90020));
        assertFalse(CatalogRecovery.offersRestore(inUse), "a catalog in use is fine where it is");
    }
}
