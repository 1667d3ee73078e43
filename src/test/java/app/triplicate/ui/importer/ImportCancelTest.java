package app.triplicate.ui.importer;

import app.triplicate.testing.Cards;
import app.triplicate.ui.MainWindow;
import app.triplicate.ui.common.AppContext;
import javafx.scene.control.Label;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Stopping an import half-way through the sheet leaves only whole, proven files under final names, and the next
 * import of the card completes it.
 */
class ImportCancelTest extends ImportUiTest {
    @Test
    void cancellingMidImportLeavesNoPartialFilesAndTheNextImportCompletes() throws Exception {
        Path work = fixture.drive("Work SSD");
        Path backup = fixture.drive("Backup A");
        Path card = fixture.root().resolve("cards/CANCEL_ME");
        // more files than a drive proves in one batch (32), each read back slowly (120 ms): the card is read
        // well ahead of the drives, so Cancel lands while the first batch is being read back
        int files = 40;
        for (int i = 1; i <= files; i++) {
            Cards.randomFile(card.resolve(String.format("DCIM/100CANON/IMG_%04d.CR2", i)), 1_000_000 + i, i);
        }
        AppContext context = slowContext();
        MainWindow window = showMainWindow(context);
        fx(() -> window.importFrom(card));
        waitForPlan();
        clickOn("#import-start");

        // cancel at a seeded progress point: after the card's third file has been read
        Pattern read = Pattern.compile("^Read (\\d+) of");
        waitUntil("three files are read", 30, () -> {
            Optional<Label> l = lookup("#import-progress-text").tryQueryAs(Label.class);
            Matcher m = l.map(x -> read.matcher(x.getText())).orElse(null);
            return m != null && m.find() && Integer.parseInt(m.group(1)) >= 3;
        });
        assertEquals(1, context.jobs().running().size());
        assertTrue(context.jobs().running().get(0).messageProperty().get().matches("Importing CANCEL_ME \\d+%"),
                context.jobs().running().get(0).messageProperty().get());
        clickOn("#import-cancel");
        waitUntil("the import stops", 60, () -> present("#card-verdict"));
        assertEquals("Import stopped", text("#import-result"));
        assertTrue(text("#import-stopped").contains("import this card again to carry on"), text("#import-stopped"));
        assertEquals("Not safe to format yet", text("#card-verdict"));
        assertFalse(context.jobs().busy());

        // nothing partial under a final name: each file there is whole, and the copy really stopped early
        for (Path drive : List.of(work, backup)) {
            for (Path f : finalFiles(drive)) {
                assertEquals(-1L, Files.mismatch(f, card.resolve("DCIM/100CANON").resolve(f.getFileName())),
                        f + " is not a whole copy");
            }
        }
        int copied = finalFiles(work).size();
        assertTrue(copied < files, "cancelled mid-way, but " + copied + " of " + files + " files were copied");

        clickOn("#import-close");
        fx(() -> window.importFrom(card));
        waitForPlan();
        clickOn("#import-start");
        waitUntil("the second import ends", 60, () -> present("#card-verdict"));
        assertEquals("Import complete", text("#import-result"));
        assertEquals("Safe to format", text("#card-verdict"));
        for (Path drive : List.of(work, backup)) {
            assertSameBytes(card, drive);
            assertEquals(files, finalFiles(drive).size());
            assertEquals(files, Cards.filesUnder(drive.resolve("Triplicate")).size(), "no temporary file is left");
        }
    }
}
