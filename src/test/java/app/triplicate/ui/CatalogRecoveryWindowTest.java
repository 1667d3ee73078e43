package app.triplicate.ui;

import app.triplicate.catalog.CatalogException;
import app.triplicate.drives.DriveMarker;
import app.triplicate.drives.LostCatalogException;
import app.triplicate.files.LocalFileAccess;
import app.triplicate.settings.Home;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.Background;
import app.triplicate.wiring.Services;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The window's way back from a lost or broken catalog without a terminal: "Rebuild from the drives" beside the
 * restore runs {@code catalog rebuild} in the background, shows its steps, says what it found, and Continue opens
 * the services on the rebuilt catalog; with no drive connected it says so and changes nothing. The restore runs
 * the same way, and a catalog only this computer objects to can be kept on purpose.
 */
class CatalogRecoveryWindowTest extends UiTest {
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();
    private Background background;
    private final AtomicReference<Services> opened = new AtomicReference<>();
    private final AtomicBoolean quit = new AtomicBoolean();
    private Path base;

    @BeforeEach
    void ingestToTwoDrives() throws Exception {
        fixture.drive("A");
        fixture.drive("B");
        fixture.ingest(fixture.card("canon", "canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG"),
                "--name", "Wedding");
        base = Home.under(fixture.home()).catalogBase();
        background = new Background(failures::add);
    }

    @AfterEach
    void closeWhatTheWindowOpened() {
        background.close();
        if (opened.get() != null) {
            opened.get().close();
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void aDeletedCatalogWithoutBackupsIsRebuiltFromTheManifestsAndTheWindowOpensOnIt() throws Exception {
        deleteCatalog();
        for (Path d : List.of(drive("A"), drive("B"))) { // no backup anywhere: the manifests alone
            try (Stream<Path> s = Files.list(DriveMarker.catalogBackupsIn(d))) {
                for (Path p : s.toList()) {
                    Files.delete(p);
                }
            }
        }
        RuntimeException lost = assertThrows(RuntimeException.class, () -> Services.open(Home.under(fixture.home()),
                new LocalFileAccess(), mounts(), Clock.systemDefaultZone()));
        assertTrue(lost instanceof LostCatalogException && CatalogRecovery.offersRestore(lost), lost.toString());

        assertFalse(CatalogRecovery.offersAccept(lost), "a drive says the catalog is another's: adopt it instead");
        showRecovery(lost.getMessage(), mounts());
        assertTrue(text("#recoveryProblem").contains("This catalog is new"), text("#recoveryProblem"));
        assertFalse(lookup("#acceptButton").queryAs(Button.class).isVisible());
        clickOn("#rebuildButton");
        waitUntil("the rebuild is done", 120, () -> lookup("#continueButton").queryAs(Button.class).isVisible());

        String outcome = text("#recoveryOutcome");
        assertTrue(outcome.matches("(?s)The catalog was rebuilt from (\"A\", \"B\"|\"B\", \"A\"): their markers, "
                + "session folders and manifests \\(no backup was found\\)\\..*"), outcome);
        assertTrue(outcome.contains("1 session, 2 files; 4 copies confirmed by the manifests."), outcome);
        assertTrue(text("#rebuildStep").startsWith("Recording 4 copies"), "the last step shown: "
                + text("#rebuildStep"));
        assertFalse(lookup("#rebuildButton").queryAs(Button.class).isVisible(), "done: only Continue and Quit");

        clickOn("#continueButton");
        waitUntil("the rebuilt catalog is opened", 30, () -> opened.get() != null);
        assertEquals(2, opened.get().drives.connected().size());
        assertEquals(List.of("Wedding"), opened.get().status.sessions(opened.get().settings.load().policy()).stream().map(s -> s.name()).toList(), "the window opens on the rebuilt catalog");
        assertFalse(quit.get());
    }

    @Test
    void aCatalogThatCannotBeOpenedIsMovedAsideAndRebuiltFromTheNewestBackup() throws Exception {
        Files.writeString(base.resolveSibling("catalog.mv.db"), "garbage", StandardCharsets.UTF_8);
        CatalogException broken = assertThrows(CatalogException.class, () -> Services.open(
                Home.under(fixture.home()), new LocalFileAccess(), mounts(), Clock.systemDefaultZone()));

        showRecovery(broken.getMessage(), mounts());
        clickOn("#rebuildButton");
        waitUntil("the rebuild is done", 120, () -> lookup("#continueButton").queryAs(Button.class).isVisible());
        String outcome = text("#recoveryOutcome");
        assertTrue(outcome.contains("the newest backup, from drive"), outcome);
        assertTrue(outcome.contains("The catalog it replaced is in " + base.resolveSibling("catalog.broken-")),
                outcome);
        clickOn("#continueButton");
        waitUntil("the rebuilt catalog is opened", 30, () -> opened.get() != null);
        assertEquals(2, opened.get().drives.connected().size());
    }

    @Test
    void theRestoreRunsInTheBackgroundAndContinueOpensTheRestoredCatalog() throws Exception {
        deleteCatalog();
        showRecovery("lost", mounts());
        clickOn("#restoreButton");
        waitUntil("the restore is done", 60, () -> lookup("#continueButton").queryAs(Button.class).isVisible());
        assertTrue(text("#recoveryOutcome").startsWith("The catalog was restored from drive \""),
                text("#recoveryOutcome"));
        clickOn("#continueButton");
        waitUntil("the restored catalog is opened", 30, () -> opened.get() != null);
        assertEquals(List.of("Wedding"), opened.get().status.sessions(opened.get().settings.load().policy())
                .stream().map(s -> s.name()).toList());
    }

    @Test
    void withNoDriveConnectedTheRebuildSaysSoAndChangesNothing() throws Exception {
        deleteCatalog();
        byte[] before = Files.readAllBytes(Home.under(fixture.home()).catalogMemoryFile());

        showRecovery("lost", List.of(fixture.root().resolve("nowhere")));
        clickOn("#rebuildButton");
        waitUntil("the rebuild refused", 60, () -> !lookup("#rebuildButton").queryAs(Button.class).isDisabled());
        assertTrue(text("#recoveryOutcome").contains("No drive was found in " + fixture.root().resolve("nowhere")),
                text("#recoveryOutcome"));
        assertFalse(lookup("#continueButton").queryAs(Button.class).isVisible());
        assertFalse(Files.exists(base.resolveSibling("catalog.mv.db")), "no catalog was made");
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(Home.under(fixture.home())
                .catalogMemoryFile())), "this computer still remembers the lost catalog");

        clickOn("#quitButton");
        assertTrue(quit.get());
    }

    @Test
    void aNewCatalogOnlyThisComputerObjectsToIsKeptOnPurpose() throws Exception {
        deleteCatalog();
        List<Path> nothingMounted = List.of(fixture.root().resolve("nowhere")); // every drive in a drawer
        RuntimeException lost = assertThrows(RuntimeException.class, () -> Services.open(Home.under(fixture.home()),
                new LocalFileAccess(), nothingMounted, Clock.systemDefaultZone()));
        assertTrue(CatalogRecovery.offersAccept(lost), lost.toString());

        showRecovery(lost.getMessage(), true, nothingMounted);
        clickOn("#acceptButton");
        waitUntil("the kept catalog is opened", 30, () -> opened.get() != null);
        assertEquals(List.of(), opened.get().status.sessions(opened.get().settings.load().policy()),
                "a new, empty catalog, kept on purpose");
        String noted = Files.readString(Home.under(fixture.home()).catalogMemoryFile());
        opened.get().close();
        opened.set(null);
        // the next start passes: this computer now remembers the new catalog
        try (Services again = Services.open(Home.under(fixture.home()), new LocalFileAccess(), nothingMounted,
                Clock.systemDefaultZone())) {
            assertTrue(noted.contains(again.backups.identity().id().toString()), noted);
        }
    }

    private void showRecovery(String problem, List<Path> mountRoots) throws Exception {
        showRecovery(problem, false, mountRoots);
    }

    private void showRecovery(String problem, boolean offerAccept, List<Path> mountRoots) throws Exception {
        CatalogRecovery recovery = new CatalogRecovery(Home.under(fixture.home()), mountRoots, Clock.systemUTC());
        FxToolkit.setupFixture(() -> {
            CatalogRecoveryView view = new CatalogRecoveryView(recovery, problem, offerAccept, background,
                    opened::set, () -> quit.set(true));
            stage.setScene(new Scene(view.node(), 900, 600));
            stage.show();
        });
    }

    private List<Path> mounts() {
        return List.of(fixture.root().resolve("drives"));
    }

    private Path drive(String label) {
        return fixture.root().resolve("drives").resolve(label);
    }

    private String text(String id) {
        return lookup(id).queryAs(Label.class).getText();
    }

    private void deleteCatalog() throws Exception {
        try (Stream<Path> files = Files.list(base.getParent())) {
            for (Path p : files.filter(p -> p.getFileName().toString().startsWith("catalog.")).toList()) {
                Files.delete(p);
            }
        }
    }
}
