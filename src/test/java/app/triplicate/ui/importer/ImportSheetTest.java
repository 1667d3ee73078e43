package app.triplicate.ui.importer;

import app.triplicate.testing.Cards;
import app.triplicate.ui.MainWindow;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import sheet's choices and refusals: split and merge change the sessions the import creates; a drive too
 * small refuses the start and says which and by how much; bad input says what is wrong and starts nothing.
 */
class ImportSheetTest extends ImportUiTest {
    @Test
    void splitAndMergeChangeTheSessionsTheImportCreates() throws Exception {
        Path work = fixture.drive("Work SSD");
        Path card = fixture.card("CANON", "canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG",
                "apple_iphonexr_IMG_3581.JPG", "polaroid_pdc640m_POL_0132.JPG");
        MainWindow window = showMainWindow(fixture.openContext());
        fx(() -> window.importFrom(card));
        waitForPlan();
        assertTrue(present("#session-name-2"));
        List<String> flags = lookup("#session-flags-2").queryAs(javafx.scene.layout.VBox.class).getChildren().stream()
                .map(n -> ((Label) n).getText()).toList();
        assertEquals("1 file with a capture time to check:", flags.get(0), "the Polaroid has no capture date");
        assertTrue(flags.get(1).startsWith("polaroid_pdc640m_POL_0132.JPG — no capture date in the file; placed by "
                + "its modification time"), flags.get(1));
        assertTrue(lookup("#merge-2").queryButton().isDisabled(), "the last session has no next one");

        // merge the iPhone picture (April) into the Canon session (February)
        clickOn("#merge-0");
        waitUntil("two sessions remain", 10, () -> !present("#session-name-2") && present("#session-name-1"));
        assertTrue(text("#session-files-0").startsWith("3 files, all new"), text("#session-files-0"));

        // split it again, at the suggested place: the longest pause, before the iPhone picture
        clickOn("#split-0");
        assertTrue(lookup("#split-choice-0").queryComboBox().getValue().toString().contains("IMG_3581"),
                "the suggested split is at the longest pause");
        clickOn("#split-confirm-0");
        waitUntil("three sessions again", 10, () -> present("#session-name-2"));
        assertTrue(text("#session-files-0").startsWith("2 files"), text("#session-files-0"));

        // and merge the first two for good, then import: one folder holds the Canon and the iPhone pictures
        clickOn("#merge-0");
        waitUntil("two sessions", 10, () -> !present("#session-name-2"));
        clickOn("#session-name-0").push(KeyCode.CONTROL, KeyCode.A).write("Trip");
        clickOn("#import-start"); // the typed name counts without Enter
        waitUntil("the import ends", 60, () -> present("#card-verdict"));
        Path trip = work.resolve("Triplicate/2020/2020-02-18 Trip");
        assertTrue(Files.isRegularFile(trip.resolve("canon_eosrp__MG_0635.JPG")));
        assertTrue(Files.isRegularFile(trip.resolve("apple_iphonexr_IMG_3581.JPG")));
        assertEquals("Not safe to format yet", text("#card-verdict"), "one drive is one copy; two are needed");
        assertTrue(text("#card-verdict-detail").startsWith("4 files of 4 still lack the 2 verified copies"),
                text("#card-verdict-detail"));
    }

    @Test
    void aDriveWithoutRoomRefusesToStartAndSaysWhichAndByHowMuch() throws Exception {
        Path tiny = Files.createDirectories(tmp.resolve("drives/Tiny"));
        Process mount = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=5m", "tmpfs", tiny.toString())
                .redirectErrorStream(true).start();
        boolean mounted = mount.waitFor(10, TimeUnit.SECONDS) && mount.exitValue() == 0;
        if (!mounted) {
            System.out.println("ImportFlowTest: cannot mount a tmpfs here ("
                    + new String(mount.getInputStream().readAllBytes()).strip()
                    + "); the room check is covered by ImportPlanModelTest only");
        }
        Assumptions.assumeTrue(mounted, "mounting a small tmpfs drive needs root");
        cleanups.add(() -> {
            try {
                new ProcessBuilder("umount", "-l", tiny.toString()).start().waitFor(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        fixture.drive("Work SSD");
        fixture.drive("Tiny");
        Path card = fixture.root().resolve("cards/BIG");
        for (int i = 1; i <= 2; i++) {
            Cards.randomFile(card.resolve(String.format("DCIM/100CANON/IMG_%04d.CR2", i)), 4_000_000, i);
        }
        MainWindow window = showMainWindow(fixture.openContext());
        fx(() -> window.importFrom(card));
        waitForPlan();

        String blocker = text("#import-blocker");
        assertTrue(blocker.startsWith("Not enough room on Tiny: this import needs 8.00 MB there, "), blocker);
        assertTrue(blocker.endsWith(" short)."), blocker);
        assertTrue(lookup("#import-start").queryButton().isDisabled());
        assertTrue(text("#drive-detail-1").contains("needs 8.00 MB ("), text("#drive-detail-1"));

        clickOn("#drive-1"); // copy to Work SSD only
        assertEquals("", text("#import-blocker"));
        assertFalse(lookup("#import-start").queryButton().isDisabled());
        clickOn("#drive-1");
        assertTrue(lookup("#import-start").queryButton().isDisabled());
        assertEquals(List.of(), Cards.filesUnder(tiny.resolve("Triplicate")), "nothing was written");
    }

    @Test
    void badInputSaysWhatIsWrongAndStartsNothing() throws Exception {
        Path work = fixture.drive("Work SSD");
        Path empty = Files.createDirectories(fixture.root().resolve("cards/EMPTY/DCIM"));
        Files.writeString(empty.resolve("notes.txt"), "not a picture");
        Path gone = fixture.root().resolve("cards/PULLED_OUT");
        Path card = fixture.card("NIKON", "nikon_d3100_DSC_0008.JPG");
        MainWindow window = showMainWindow(fixture.openContext());

        fx(() -> window.importFrom(gone));
        waitUntil("the sheet says the card is gone", 10, () -> present("#import-message"));
        assertEquals("The card " + gone + " does not exist (is it inserted and mounted?).", text("#import-message"));
        assertTrue(lookup("#import-start").queryButton().isDisabled());
        clickOn("#import-close");

        fx(() -> window.importFrom(empty.getParent()));
        waitUntil("the sheet says there is nothing to import", 10, () -> present("#import-message"));
        assertEquals("No pictures or videos found in " + empty.getParent() + ". (1 other file, none of them a picture "
                + "or video.)", text("#import-message"));
        assertTrue(lookup("#import-start").queryButton().isDisabled());
        clickOn("#import-close");

        // the drive is unplugged: the card is readable, but there is nowhere to copy to
        Files.walk(work).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        fx(() -> window.importFrom(card));
        waitForPlan();
        assertTrue(present("#drives-none"));
        assertEquals("Not connected: Work SSD", text("#drives-missing"));
        assertTrue(text("#import-blocker").startsWith("No destination drive is connected."), text("#import-blocker"));
        assertTrue(lookup("#import-start").queryButton().isDisabled());
    }
}
