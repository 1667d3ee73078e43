package app.triplicate.ui;

import app.triplicate.core.Location;
import app.triplicate.drives.DriveMarker;
import app.triplicate.drives.DriveService.DriveState;
import app.triplicate.testing.UiTest;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.drives.DriveRow;
import app.triplicate.ui.drives.DrivesView;
import javafx.scene.Parent;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Drives view over drives registered through the command line, one of them unplugged. */
class DrivesViewTest extends UiTest {
    private DrivesView view;

    private Path unplugged;

    private AppContext twoDrivesOneGone() throws IOException {
        fixture.drive("Studio SSD", "--role", "working");
        Path backup = fixture.drive("Backup A", "--offsite");
        // unplugged: moved where Triplicate does not look (the fixture's mount root is <tmp>/media)
        unplugged = Files.createDirectories(tmp.resolve("drawer")).resolve("Backup-A");
        Files.move(backup, unplugged);
        return fixture.openContext();
    }

    private void showView(AppContext context) throws Exception {
        show(context, c -> {
            view = new DrivesView(c);
            return (Parent) view.node();
        });
        waitUntil("both drives are listed", 10, () -> view.visibleRows().size() == 2);
        // the rows are in the model before the table has laid out their cells (slow on a loaded machine)
        waitUntil("the table shows both drives", 10, () -> view.visibleRows().stream()
                .allMatch(r -> cell(r.label(), "col-drive-state") != null));
    }

    @Test
    void showsConnectedStateAndFreeSpaceThenRenamesFlagsAndRetires() throws Exception {
        AppContext context = twoDrivesOneGone();
        showView(context);

        assertEquals("Connected", cell("Studio SSD", "col-drive-state"));
        assertEquals("Not connected", cell("Backup A", "col-drive-state"));
        assertTrue(cell("Studio SSD", "col-drive-free").matches("[0-9.]+ (B|kB|MB|GB|TB|PB)"),
                cell("Studio SSD", "col-drive-free"));
        assertEquals("—", cell("Backup A", "col-drive-free"), "no free space for a drive that is not there");
        assertEquals("Working", cell("Studio SSD", "col-drive-role"));
        assertEquals("offsite", cell("Backup A", "col-drive-offsite"));
        assertEquals("on site", cell("Studio SSD", "col-drive-offsite"));
        assertEquals("now", cell("Studio SSD", "col-drive-seen"));
        assertEquals("never", cell("Studio SSD", "col-drive-verified"));
        assertEquals("1 of 2 drives connected · 1 offsite", lookup("#drives-summary").queryAs(Label.class).getText());

        // rename through the dialog
        clickOn("Studio SSD");
        clickOn("#drive-rename");
        TextField field = lookup("#rename-field").queryAs(TextField.class);
        assertEquals("Studio SSD", field.getText());
        fx(field::clear);
        clickOn(field).write("Studio NVMe");
        clickOn("#rename-confirm");
        waitUntil("the new label is shown", 10, () -> rowOf("Studio NVMe").isPresent());
        Location renamed = location("Studio NVMe");
        assertEquals("Studio NVMe", DriveMarker.read(Path.of(renamed.registeredPath())).orElseThrow().label(),
                "the label on the drive follows");

        // offsite on, for the selected drive
        assertEquals("Mark offsite", lookup("#drive-offsite").queryButton().getText());
        clickOn("#drive-offsite");
        waitUntil("the drive shows offsite", 10, () -> "offsite".equals(cell("Studio NVMe", "col-drive-offsite")));
        assertTrue(location("Studio NVMe").offsite());
        assertEquals("Mark on site", lookup("#drive-offsite").queryButton().getText());

        // plugged in again, under the mount root: found by its marker at its new place
        Path mounted = Files.createDirectories(tmp.resolve("media")).resolve("BACKUP_A");
        Files.move(unplugged, mounted);
        clickOn("#drive-refresh");
        waitUntil("it shows connected", 10, () -> "Connected".equals(cell("Backup A", "col-drive-state")));
        assertEquals(mounted.toString(), rowOf("Backup A").orElseThrow().path());
        assertTrue(state("Backup A").connected());

        // retire it, after saying what that means
        clickOn("Backup A");
        clickOn("#drive-retire");
        String explanation = lookup("#retire-explanation").queryAs(Label.class).getText();
        assertTrue(explanation.contains("no longer count"), explanation);
        assertTrue(explanation.contains("Nothing on the drive is deleted"), explanation);
        clickOn("#retire-confirm");
        waitUntil("the drive shows retired", 10, () -> "Retired".equals(cell("Backup A", "col-drive-state")));
        assertTrue(state("Backup A").retired());
        assertTrue(lookup("#drive-rename").queryButton().isDisabled(), "a retired drive is left as it is");
        assertTrue(Files.exists(DriveMarker.fileIn(mounted)), "nothing on a retired drive is touched");
        assertEquals("1 of 1 drive connected · 1 offsite · 1 retired",
                lookup("#drives-summary").queryAs(Label.class).getText());
    }

    @Test
    void aFolderOnTheSameDiskIsRefusedThenRegisteredAnyway() throws Exception {
        AppContext context = twoDrivesOneGone();
        showView(context);
        Path third = Files.createDirectories(tmp.resolve("drives/Third"));

        clickOn("#drive-add");
        // the path field takes what the folder chooser would put there (typing it is covered by FirstRunSetupTest)
        TextField path = lookup("#add-drive-path").queryAs(TextField.class);
        fx(() -> path.setText(third.toString()));
        clickOn("#add-drive-label").write("Backup C");
        clickOn("#add-drive-confirm");

        waitUntil("the refusal is shown", 10, () -> lookup("#add-drive-problem").query().isVisible());
        String text = lookup("#add-drive-problem-text").queryAs(Label.class).getText();
        assertTrue(text.contains("is on the same disk as drive \"Studio SSD\""), text);
        assertTrue(text.contains("Two folders on one disk are not two copies"), text);
        assertTrue(context.services().drives.list().stream().noneMatch(s -> s.location().label().equals("Backup C")),
                "nothing registered yet");
        assertTrue(DriveMarker.read(third).isEmpty(), "nothing written on the folder");

        clickOn("#add-drive-anyway");
        waitUntil("the dialog closes", 10, () -> lookup("#add-drive-confirm").tryQuery().isEmpty());
        waitUntil("the drive is listed", 10, () -> rowOf("Backup C").isPresent());
        assertTrue(location("Backup C").sameDevice(), "registered as a separate copy by the user's choice");
        assertEquals("Connected", cell("Backup C", "col-drive-state"));
        assertEquals("Backup", cell("Backup C", "col-drive-role"));
    }

    @Test
    void aFolderInsideARegisteredDriveIsRefusedWithNoWayToRegisterItAnyway() throws Exception {
        AppContext context = twoDrivesOneGone();
        showView(context);
        Path studio = Path.of(location("Studio SSD").registeredPath());
        Path inside = Files.createDirectories(studio.resolve("Triplicate/2026"));

        clickOn("#drive-add");
        TextField path = lookup("#add-drive-path").queryAs(TextField.class);
        fx(() -> path.setText(inside.toString()));
        clickOn("#add-drive-label").write("Backup C");
        clickOn("#add-drive-confirm");

        waitUntil("the refusal is shown", 10, () -> lookup("#add-drive-problem").query().isVisible());
        String text = lookup("#add-drive-problem-text").queryAs(Label.class).getText();
        assertTrue(text.contains(inside + " is inside drive \"Studio SSD\""), text);
        assertTrue(text.contains("counted twice"), text);
        assertTrue(!lookup("#add-drive-anyway").query().isVisible(), "no register-anyway for a nested folder");
        assertTrue(context.services().drives.list().stream().noneMatch(s -> s.location().label().equals("Backup C")),
                "nothing registered");
        assertTrue(DriveMarker.read(inside).isEmpty(), "nothing written on the folder");
    }

    @Test
    void inTheAddDialogATypedPathAndEnterAddTheDrive() throws Exception {
        AppContext context = fixture.openContext();
        show(context, c -> {
            view = new DrivesView(c);
            return (Parent) view.node();
        });
        Path folder = Files.createDirectories(tmp.resolve("mnt/Offsite B"));

        clickOn("#drive-add");
        clickOn("#add-drive-path").write(folder.toString()).type(KeyCode.ENTER);

        waitUntil("the dialog closes", 10, () -> lookup("#add-drive-confirm").tryQuery().isEmpty());
        waitUntil("the drive is listed", 10, () -> rowOf("Offsite B").isPresent());
        assertEquals(folder.toString(), location("Offsite B").registeredPath());
    }

    /** The text a table cell shows for a drive and a column, as rendered. */
    private String cell(String label, String columnId) {
        return lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn() != null && columnId.equals(c.getTableColumn().getId()))
                .filter(c -> c.getTableRow() != null && c.getTableRow().getItem() instanceof DriveRow r
                        && r.label().equals(label))
                .map(TableCell::getText).findFirst().orElse(null);
    }

    @Test
    void aDriveWhoseMarkerIsDamagedSaysSoAndHowToMendItNotJustNotConnected() throws Exception {
        fixture.drive("Studio SSD", "--role", "working");
        Path backup = fixture.drive("Backup A");
        Path marker = DriveMarker.fileIn(backup);
        byte[] whole = Files.readAllBytes(marker);
        Files.write(marker, java.util.Arrays.copyOf(whole, whole.length / 2)); // truncated, as a pulled drive may leave it
        showView(fixture.openContext());

        DriveRow row = rowOf("Backup A").orElseThrow();
        assertTrue(!row.connected(), "a drive that cannot be recognised is not counted as connected");
        assertTrue(row.warning() != null && row.warning().contains("damaged"), String.valueOf(row.warning()));
        assertTrue(row.warning().contains("triplicate drive readopt \"Backup A\""), row.warning());
    }

    private Optional<DriveRow> rowOf(String label) {
        return view.visibleRows().stream().filter(r -> r.label().equals(label)).findFirst();
    }

    /** The drive as the catalog has it now. */
    private DriveState state(String label) {
        return fixture.openContext().services().drives.list().stream()
                .filter(s -> s.location().label().equals(label)).findFirst().orElseThrow();
    }

    private Location location(String label) {
        return state(label).location();
    }
}
