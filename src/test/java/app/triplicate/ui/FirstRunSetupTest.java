package app.triplicate.ui;

import app.triplicate.core.DriveRole;
import app.triplicate.drives.DriveMarker;
import app.triplicate.drives.DriveService.DriveState;
import app.triplicate.settings.Home;
import app.triplicate.settings.Settings;
import app.triplicate.settings.SettingsStore;
import app.triplicate.testing.MainWindows;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.FolderChoices;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.VBox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A new user: no drive registered, so the window opens on the first-run page, and Start leads to the dashboard. */
class FirstRunSetupTest extends UiTest {
    private MainWindow window;

    @AfterEach
    void disposeWindow() {
        if (window != null) {
            fx(window::dispose);
        }
    }

    @Test
    void registersADriveSavesThePolicyAndStarts() throws Exception {
        AppContext context = fixture.openContext();
        window = MainWindows.show(context, stage);
        waitUntil("the first-run page appears", 10, () -> lookup("#first-run-done").tryQuery().isPresent());
        assertTrue(lookup("#sessions-table").tryQuery().filter(Node::isVisible).isEmpty(), "not the dashboard");
        assertTrue(lookup("#nav-sessions").query().isDisabled(), "nowhere else to go before the first drive");
        Button start = lookup("#first-run-done").queryButton();
        assertTrue(start.isDisabled(), "Start waits for a drive");
        assertEquals("Add at least one drive to start.", lookup("#first-run-hint").queryAs(Label.class).getText());
        // the policy starts from the defaults
        assertEquals(3, spinner("#policy-target").getValue());
        assertEquals(1, spinner("#policy-offsite").getValue());
        assertEquals(2, spinner("#policy-before-format").getValue());

        Path folder = Files.createDirectories(tmp.resolve("drives/studio-ssd"));
        clickOn("#add-drive-path").write(folder.toString());
        clickOn("#add-drive-label").write("Studio SSD");
        fx(() -> lookup("#add-drive-role").<ComboBox<DriveRole>>query().setValue(DriveRole.WORKING));
        clickOn("#first-run-add");

        waitUntil("the drive is listed", 10, () -> lookup("#first-run-drives").queryAs(VBox.class).getChildren()
                .stream().anyMatch(n -> n.lookupAll(".label").stream()
                        .anyMatch(l -> "Studio SSD".equals(((Label) l).getText()))));
        List<DriveState> drives = context.services().drives.list();
        assertEquals(1, drives.size());
        assertEquals("Studio SSD", drives.get(0).location().label());
        assertEquals(DriveRole.WORKING, drives.get(0).location().role());
        assertEquals(folder.toString(), drives.get(0).location().registeredPath());
        assertEquals("Studio SSD", DriveMarker.read(folder).orElseThrow().label(), "the marker is on the drive");
        assertEquals("", lookup("#add-drive-path").queryTextInputControl().getText(), "the form is ready for another");
        assertFalse(start.isDisabled());

        // one more copy than the default
        clickOn("#policy-target .increment-arrow-button");
        waitUntil("the target is 4", 5, () -> spinner("#policy-target").getValue() == 4);
        clickOn("#first-run-done");

        waitUntil("the dashboard shows", 10, () -> lookup("#sessions-table").tryQuery().filter(Node::isVisible)
                .isPresent());
        assertTrue(lookup("#first-run").tryQuery().isEmpty(), "the first-run page is gone");
        assertFalse(lookup("#nav-sessions").query().isDisabled());
        Settings saved = new SettingsStore(Home.under(fixture.home()).settingsFile(), "test").load();
        assertEquals(4, saved.targetCopies());
        assertEquals(1, saved.offsiteCopies());
        assertEquals(2, saved.copiesBeforeFormat());
        assertEquals(4, context.settings().targetCopies());
    }

    @Test
    void aFolderThatIsNotThereIsRefusedInWords() throws Exception {
        AppContext context = fixture.openContext();
        window = MainWindows.show(context, stage);
        waitUntil("the first-run page appears", 10, () -> lookup("#first-run-done").tryQuery().isPresent());

        Path missing = tmp.resolve("not-plugged-in");
        clickOn("#add-drive-path").write(missing.toString());
        clickOn("#add-drive-label").write("Backup A");
        clickOn("#first-run-add");

        waitUntil("the refusal is shown", 10, () -> lookup("#add-drive-problem").query().isVisible());
        String text = lookup("#add-drive-problem-text").queryAs(Label.class).getText();
        assertTrue(text.contains(missing.toString()) && text.contains("not a folder"), text);
        assertFalse(lookup("#add-drive-anyway").query().isVisible(), "nothing to register anyway");
        assertTrue(context.services().drives.list().isEmpty());
        assertTrue(lookup("#first-run-done").queryButton().isDisabled());
        assertEquals(missing.toString(), lookup("#add-drive-path").queryTextInputControl().getText(),
                "what was typed is kept, to correct it");
    }

    @Test
    void aDriveOfAnotherCatalogIsRefusedWithTheRestoreOffered() throws Exception {
        AppContext context = fixture.openContext();
        window = MainWindows.show(context, stage);
        waitUntil("the first-run page appears", 10, () -> lookup("#first-run-done").tryQuery().isPresent());
        // a drive a lost catalog registered: its marker names that catalog and the generation it had reached
        Path folder = Files.createDirectories(tmp.resolve("elsewhere/Backup A"));
        java.util.UUID lost = java.util.UUID.randomUUID();
        new DriveMarker(java.util.UUID.randomUUID(), "Backup A", java.time.Instant.parse("2026-01-01T00:00:00Z"),
                lost, 7L).writeTo(folder);

        clickOn("#add-drive-path").write(folder.toString());
        clickOn("#add-drive-label").write("Backup A");
        clickOn("#first-run-add");

        waitUntil("the refusal is shown", 10, () -> lookup("#add-drive-problem").query().isVisible());
        String text = lookup("#add-drive-problem-text").queryAs(Label.class).getText();
        assertTrue(text.startsWith("Not registered: Drive \"Backup A\" (" + folder + ") belongs to another catalog"),
                text);
        assertTrue(text.contains("catalog " + lost + " at generation 7"), text);
        assertTrue(text.contains("'triplicate catalog restore'"), text);
        assertTrue(context.services().drives.list().isEmpty());
        assertEquals(lost, DriveMarker.read(folder).orElseThrow().catalogId(), "the marker is untouched");
    }

    @Test
    void aTypedPathAndEnterRegistersTheDriveNamedAfterItsFolderAndRemembersWhereItIs() throws Exception {
        AppContext context = fixture.openContext();
        window = MainWindows.show(context, stage);
        waitUntil("the first-run page appears", 10, () -> lookup("#first-run-done").tryQuery().isPresent());

        Path folder = Files.createDirectories(tmp.resolve("mnt/Backup A"));
        clickOn("#add-drive-path").write(folder.toString()).type(KeyCode.ENTER);

        waitUntil("the drive is listed", 10, () -> !lookup("#first-run-done").queryButton().isDisabled());
        List<DriveState> drives = context.services().drives.list();
        assertEquals(1, drives.size());
        assertEquals("Backup A", drives.get(0).location().label(), "named after its folder, as Choose... does");
        assertEquals(folder.toString(), drives.get(0).location().registeredPath());
        assertEquals(java.util.Optional.of(folder.getParent()),
                context.folders().initialDirectory(FolderChoices.Purpose.DRIVE),
                "the next folder chooser for a drive opens beside this one");
    }

    @SuppressWarnings("unchecked")
    private Spinner<Integer> spinner(String query) {
        return (Spinner<Integer>) lookup(query).query();
    }
}
