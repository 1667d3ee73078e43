package app.triplicate.ui.importer;

import app.triplicate.testing.Cards;
import app.triplicate.ui.MainWindow;
import app.triplicate.ui.common.AppContext;
import app.triplicate.testing.WindowOnlyNavigator;
import app.triplicate.ui.common.Theme;
import app.triplicate.ui.dashboard.SessionRow;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.input.ClipboardContent;
import javafx.scene.input.Dragboard;
import javafx.scene.input.KeyCode;
import javafx.scene.input.TransferMode;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The import flow through the real window: a folder dropped on the main window opens the sheet with the proposed
 * sessions; a rename, the copy to two drives, and "Safe to format". A card inserted while the window is open is
 * offered for import. Real catalog, real ingest, real files.
 */
class ImportFlowTest extends ImportUiTest {
    @Test
    void droppingAFolderOnTheWindowOpensTheSheetAndImportingMakesTheCardSafeToFormat() throws Exception {
        Path work = fixture.drive("Work SSD", "--role", "working");
        Path backup = fixture.drive("Backup A");
        Path card = fixture.card("EOS_DIGITAL", "canon_eosrp__MG_0635.JPG", "canon_eosrp__MG_0636.JPG",
                "apple_iphonexr_IMG_3581.JPG", "apple_iphonexr_IMG_3582.JPG", "nikon_d3100_DSC_0008.JPG");
        AppContext context = fixture.openContext();
        assertEquals(2, context.settings().policy().copiesBeforeFormat(), "two drives make a card safe to format");
        MainWindow window = showMainWindow(context);

        // a test-only drag source that drags the card folder as a file. It sits in the main window's own scene:
        // under headless Monocle, drag events reach only the window where the drag began, so a source in a
        // second stage never reaches the main window (tried: its drag ends without a single DRAG_OVER there)
        Label source = new Label("EOS_DIGITAL");
        FxToolkit.setupFixture(() -> {
            source.setId("drag-source");
            source.getStyleClass().add("drag-source");
            source.setManaged(false);
            source.setOnDragDetected(e -> {
                Dragboard db = source.startDragAndDrop(TransferMode.COPY);
                ClipboardContent content = new ClipboardContent();
                content.putFiles(List.of(card.toFile()));
                db.setContent(content);
                e.consume();
            });
            BorderPane root = (BorderPane) window.root();
            root.getChildren().add(source);
            source.resizeRelocate(root.getWidth() / 2 + 40, root.getHeight() / 2 + 40, 160, 30); // a short drag
        });
        drag(source).dropTo(window.root());

        waitUntil("the import sheet opens", 10, () -> present("#import-sheet"));
        assertTrue(present("#import-reading") || present("#session-name-0"), "it reads capture times first");
        waitForPlan();
        assertEquals("Import EOS_DIGITAL", text("#import-title"));
        assertTrue(text("#session-name-0").startsWith("2020-02-18 "), text("#session-name-0"));
        assertTrue(text("#session-name-1").startsWith("2020-04-17 "), text("#session-name-1"));
        assertTrue(text("#session-name-2").startsWith("2020-07-15 "), text("#session-name-2"));
        assertFalse(present("#session-name-3"));
        assertTrue(text("#session-files-0").startsWith("2 files, all new · "), text("#session-files-0"));
        assertTrue(text("#session-files-2").startsWith("1 file, all new · "), text("#session-files-2"));
        assertTrue(text("#session-when-1").endsWith("iPhone XR"), text("#session-when-1"));
        assertEquals("new session", text("#session-kind-1"));
        assertTrue(text("#drive-detail-0").startsWith("working · " + work), text("#drive-detail-0"));
        assertTrue(lookup("#drive-1").queryAs(CheckBox.class).isSelected());
        assertEquals("", text("#import-blocker"));

        // rename the iPhone session
        doubleClickOn("#session-name-1").push(KeyCode.CONTROL, KeyCode.A).write("Garden").push(KeyCode.ENTER);
        waitUntil("the session is renamed", 10, () -> text("#session-name-1").equals("Garden")
                && !lookup("#import-start").queryButton().isDisabled());

        clickOn("#import-start");
        waitUntil("the import ends with a verdict", 60, () -> present("#card-verdict"));
        Label verdict = lookup("#card-verdict").queryAs(Label.class);
        assertEquals("Safe to format", verdict.getText());
        assertTrue(verdict.getStyleClass().contains("success"), verdict.getStyleClass().toString());
        assertEquals("Import complete", text("#import-result"));
        assertEquals("Copied 5 files to Work SSD and Backup A.", text("#summary-copied"));
        assertEquals("No file was already there.", text("#summary-already"));
        assertTrue(text("#card-verdict-detail").contains("at least 2 verified copies"), text("#card-verdict-detail"));

        for (Path drive : List.of(work, backup)) {
            assertSameBytes(card, drive);
            assertTrue(Files.isRegularFile(drive.resolve("Triplicate/2020/2020-04-17 Garden/apple_iphonexr_IMG_3581.JPG")));
        }
        assertFalse(context.jobs().busy());
        waitUntil("the dashboard lists the new sessions", 20, () -> window.dashboard().allRows().size() == 3);
        assertTrue(window.dashboard().allRows().stream().map(SessionRow::name).anyMatch("Garden"::equals));
    }

    @Test
    void aCardInsertedWhileTheWindowIsOpenIsOfferedForImport() throws Exception {
        fixture.drive("Work SSD");
        AppContext context = fixture.openContext();
        Path media = Files.createDirectories(fixture.root().resolve("media"));
        Files.createDirectories(media.resolve("OLD_CARD/DCIM"));
        Stage s = stage;
        ImportFlow[] flow = new ImportFlow[1];
        FxToolkit.setupFixture(() -> {
            Theme.apply(context.settings().theme());
            context.setNavigator(new WindowOnlyNavigator(s));
            Scene scene = new Scene(new StackPane(new Label("Triplicate")), 900, 600);
            Theme.style(scene);
            s.setScene(scene);
            s.show();
            flow[0] = new ImportFlow(context);
        });
        cleanups.add(() -> interact(flow[0]::dispose));
        waitUntil("the watcher has had its first look", 10, () -> flow[0].watcher().polls() >= 1);

        Path inserted = media.resolve("EOS_DIGITAL");
        Files.createDirectories(inserted.resolve("DCIM/100CANON"));
        Files.copy(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"), inserted.resolve("DCIM/100CANON/_MG_0635.JPG"));

        waitUntil("a notification offers the card", 15, () -> importAction().isPresent());
        assertTrue(lookup(n -> n instanceof Label l && l.getText() != null
                && l.getText().equals("Card EOS_DIGITAL inserted")).tryQuery().isPresent());
        assertTrue(lookup(n -> n instanceof Label l && "Card OLD_CARD inserted".equals(l.getText())).tryQuery().isEmpty(),
                "a card that was there before is not offered");
        clickOn(importAction().orElseThrow());
        waitForPlan();
        assertEquals(1, flow[0].sheets().size());
        assertEquals(inserted.toAbsolutePath().normalize(), flow[0].sheets().get(0).card());
        assertEquals("Import EOS_DIGITAL", text("#import-title"));
    }

    private Optional<Button> importAction() {
        return lookup(n -> n instanceof Button b && "Import".equals(b.getText())).tryQueryAs(Button.class);
    }

}
