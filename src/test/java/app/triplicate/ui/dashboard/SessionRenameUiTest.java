package app.triplicate.ui.dashboard;

import app.triplicate.testing.UiTest;
import app.triplicate.testing.WindowOnlyNavigator;
import app.triplicate.ui.common.AppContext;
import atlantafx.base.controls.Message;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renaming a session from its header in the window, over a real catalog and real drive folders: the same
 * rename as {@code session rename}, with what happened on each drive said under the actions.
 */
class SessionRenameUiTest extends UiTest {
    private static final String RP = "canon_eosrp__MG_0635.JPG";

    private SessionDetailView view;
    private Path work;
    private Path vault;
    private String sessionId;
    private String folder;

    private AppContext ranch() throws Exception {
        work = fixture.drive("Work SSD", "--role", "working");
        vault = fixture.drive("Vault", "--offsite");
        fixture.ingest(fixture.card("shoot", RP), "--name", "Ranch");
        var s = fixture.cli().expect(0, "session", "list", "--json").json().get("sessions").get(0);
        sessionId = s.get("id").asText();
        folder = s.get("folder").asText();
        AppContext context = fixture.openContext();
        context.setNavigator(new WindowOnlyNavigator(stage));
        return context;
    }

    private void open(AppContext context) throws Exception {
        show(context, c -> {
            view = new SessionDetailView(c, sessionId);
            return (Parent) view.node();
        });
        waitUntil("the session and the drives are read", 20, () -> view.idle() && view.visibleRows().size() == 1);
    }

    private void renameTo(String name) {
        clickOn("#rename-session-button");
        waitUntil("the rename dialog is shown", 10, () -> lookup("#rename-session-dialog").tryQuery().isPresent());
        TextField field = lookup("#rename-session-name").queryAs(TextField.class);
        assertEquals("Ranch", field.getText(), "the dialog starts from the current name");
        assertTrue(lookup("#confirm-rename-session").queryAs(Button.class).isDisabled(), "the same name renames nothing");
        fx(() -> field.setText(name));
        clickOn("#confirm-rename-session");
    }

    private String messageOf(String id) {
        Message m = lookup(id).queryAs(Message.class);
        return m.getTitle() + "\n" + m.getDescription();
    }

    @Test
    void renamingFromTheHeaderRenamesTheFolderOnTheConnectedDriveAndTellsOfTheOneAway() throws Exception {
        AppContext context = ranch();
        Path away = tmp.resolve("vault-unplugged");
        Files.move(vault, away);
        open(context);
        assertEquals("Ranch", lookup("#detail-name").queryAs(Label.class).getText());

        renameTo("Smith wedding");
        waitUntil("the session is renamed and read again", 20, () -> view.idle()
                && "Smith wedding".equals(lookup("#detail-name").queryAs(Label.class).getText())
                && lookup("#rename-result").tryQuery().isPresent());

        String newFolder = folder.replace("Ranch", "Smith wedding");
        String said = messageOf("#rename-result");
        assertTrue(said.startsWith("Renamed to \"Smith wedding\""), said);
        assertTrue(said.contains("The folder is now \"" + newFolder + "\" on Work SSD."), said);
        assertTrue(said.contains("Vault is not connected: the folder there keeps its old name"), said);
        assertTrue(Files.isRegularFile(work.resolve("Triplicate").resolve(newFolder).resolve(RP)));
        assertFalse(Files.exists(work.resolve("Triplicate").resolve(folder)));
        assertTrue(Files.isRegularFile(away.resolve("Triplicate").resolve(folder).resolve(RP)),
                "the drive away is not touched");
        var status = fixture.openContext().services().status.sessions(app.triplicate.core.CopyPolicy.DEFAULT).get(0);
        assertEquals("Smith wedding", status.name());
        assertEquals(2, status.copyCount(), "the copy on the drive away still counts");
    }

    @Test
    void aNameWhoseFolderIsTakenIsRefusedAndNothingChanges() throws Exception {
        open(ranch());
        Files.createDirectories(work.resolve("Triplicate").resolve(folder.replace("Ranch", "Taken")));

        renameTo("Taken");
        waitUntil("the refusal is shown", 20, () -> view.idle() && lookup("#rename-result").tryQuery().isPresent());

        String said = messageOf("#rename-result");
        assertTrue(said.startsWith("Not renamed"), said);
        assertTrue(said.contains("Drive \"Work SSD\" already has a folder"), said);
        assertEquals("Ranch", lookup("#detail-name").queryAs(Label.class).getText());
        assertTrue(Files.isRegularFile(work.resolve("Triplicate").resolve(folder).resolve(RP)));
    }
}
