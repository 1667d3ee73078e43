package app.triplicate.ui.importer;

import app.triplicate.testing.Cards;
import app.triplicate.ui.MainWindow;
import javafx.scene.control.Label;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window imports a card's other files (a GPS log) with its pictures, says so, and counts them in the verdict. */
class ImportOtherFilesTest extends ImportUiTest {

    private List<String> lines(String query) {
        return lookup(query).queryAs(VBox.class).getChildren().stream().filter(n -> n instanceof Label)
                .map(n -> ((Label) n).getText()).toList();
    }

    @Test
    void aGpsLogIsCopiedIntoOtherFilesAndTheVerdictCountsIt() throws Exception {
        Path work = fixture.drive("Work SSD");
        Path backup = fixture.drive("Backup A");
        Path card = fixture.card("CANON", "canon_eosrp__MG_0635.JPG");
        Path track = Cards.randomFile(card.resolve("GPS/track.log"), 2_000, 1);
        Cards.randomFile(card.resolve("MISC/AUTPRINT.MRK"), 100, 2);
        MainWindow window = showMainWindow(fixture.openContext());
        fx(() -> window.importFrom(card));
        waitForPlan();
        assertTrue(lines("#import-problems").stream().anyMatch(l -> l.equals("1 other file (not a picture or video) "
                + "will be copied too, into the \"Other files\" folder of the session of the nearest picture: "
                + "GPS/track.log")), lines("#import-problems").toString());

        clickOn("#import-start");
        waitUntil("the import ends", 60, () -> present("#card-verdict"));
        assertEquals("Safe to format", text("#card-verdict"));
        assertEquals("Every file on the card (1 picture or video and 1 other file) has at least 2 verified copies on "
                + "separate drives.", text("#card-verdict-detail"));
        assertTrue(lines("#summary-warnings").contains("1 other file (not a picture or video) was copied too, into "
                + "the session's \"Other files\" folder"), lines("#summary-warnings").toString());
        for (Path drive : List.of(work, backup)) {
            // the session folder's name is the session's (its part of day follows the naming rules)
            List<String> copies = Cards.filesUnder(drive.resolve("Triplicate")).stream()
                    .filter(f -> f.endsWith("/Other files/track.log")).toList();
            assertEquals(1, copies.size(), copies.toString());
            assertArrayEquals(Files.readAllBytes(track), Files.readAllBytes(drive.resolve("Triplicate").resolve(copies.get(0))));
        }
    }
}
