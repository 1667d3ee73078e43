package app.triplicate.ui.dashboard;

import app.triplicate.drives.SessionFolderCatchUp;
import app.triplicate.drives.SessionRenameService;
import app.triplicate.progress.Cancellation;
import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Icons;
import app.triplicate.ui.common.Jobs;
import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ButtonType;
import javafx.scene.control.TextInputDialog;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Region;
import org.kordamp.ikonli.material2.Material2OutlinedAL;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The session header's Rename... button: asks for a new name and renames through the same service as
 * {@code session rename}, then says what happened on each drive. The view reloads on the catalog change.
 */
final class SessionRename {

    /** Where the view shows a message under its actions. */
    interface Messages {
        void show(String id, String style, Node icon, String title, String text);
    }

    private final AppContext context;
    private final String sessionId;
    private final Supplier<String> currentName;
    private final Consumer<Boolean> busy;
    private final Messages messages;
    private final Button button = new Button("Rename...", Icons.of(Material2OutlinedAL.EDIT));

    SessionRename(AppContext context, String sessionId, Supplier<String> currentName, Consumer<Boolean> busy,
                  Messages messages) {
        this.context = context;
        this.sessionId = sessionId;
        this.currentName = currentName;
        this.busy = busy;
        this.messages = messages;
        button.setId("rename-session-button");
        button.getStyleClass().add(Styles.FLAT);
        button.setMinWidth(Region.USE_PREF_SIZE);
        button.setTooltip(new Tooltip("Give this session a new name; its folder is renamed on every connected drive, "
                + "and on the others when they are next connected."));
        button.setOnAction(e -> ask());
    }

    Button button() {
        return button;
    }

    private void ask() {
        String name = currentName.get();
        if (name == null) {
            return;
        }
        TextInputDialog dialog = new TextInputDialog(name);
        if (button.getScene() != null) {
            dialog.initOwner(button.getScene().getWindow());
        }
        dialog.setTitle("Rename session");
        dialog.setHeaderText("Rename \"" + name + "\"");
        dialog.setContentText("New name:");
        dialog.getDialogPane().setId("rename-session-dialog");
        dialog.getEditor().setId("rename-session-name");
        Button ok = (Button) dialog.getDialogPane().lookupButton(ButtonType.OK);
        ok.setText("Rename");
        ok.setId("confirm-rename-session");
        ok.disableProperty().bind(dialog.getEditor().textProperty().map(t -> t.isBlank() || t.strip().equals(name)));
        dialog.showAndWait().ifPresent(this::rename);
    }

    /** Renames the session in the background, then shows the outcome and lets every view read the catalog again. */
    void rename(String newName) {
        Jobs.Job job = context.jobs().start("Renaming " + currentName.get(), new Cancellation());
        busy.accept(true);
        context.background().run(() -> context.services().sessionRename.rename(sessionId, newName), result -> {
            context.jobs().finished(job);
            busy.accept(false);
            messages.show("rename-result", result.ok() ? Styles.SUCCESS : Styles.WARNING,
                    Icons.of(result.ok() ? Material2OutlinedAL.CHECK_CIRCLE_OUTLINE : Material2OutlinedMZ.WARNING),
                    title(result), details(result));
            context.catalogChanged();
        }, e -> {
            context.jobs().finished(job);
            busy.accept(false);
            messages.show("rename-result", Styles.DANGER, Icons.of(Material2OutlinedAL.ERROR_OUTLINE),
                    "Not renamed", e.getMessage());
        });
    }

    static String title(SessionRenameService.Result r) {
        return r.ok() ? "Renamed to \"" + r.session().name() + "\""
                : "Renamed to \"" + r.session().name() + "\", but not on every drive";
    }

    static String details(SessionRenameService.Result r) {
        StringBuilder sb = new StringBuilder();
        String folder = r.session().folder();
        if (r.oldFolder().equals(folder)) {
            sb.append("The folder keeps its name (").append(folder)
                    .append("): your folder template does not end with the session's name.");
        } else {
            List<String> renamed = r.drives().stream().filter(SessionFolderCatchUp.Outcome::ok)
                    .map(SessionFolderCatchUp.Outcome::drive).toList();
            sb.append("The folder is now \"").append(folder).append("\"")
                    .append(renamed.isEmpty() ? " in the catalog." : " on " + String.join(", ", renamed) + ".");
        }
        for (SessionFolderCatchUp.Outcome o : r.drives()) {
            if (!o.ok()) {
                sb.append("\n").append(o.drive()).append(": ").append(o.problem())
                        .append(". Its copies keep the old folder name and still count; it is renamed when the drive is "
                                + "next connected.");
            }
        }
        List<String> away = r.behind().stream().map(SessionRenameService.Behind::drive)
                .filter(d -> r.drives().stream().noneMatch(o -> o.drive().equals(d))).toList();
        if (!away.isEmpty()) {
            sb.append("\n").append(String.join(", ", away)).append(away.size() == 1 ? " is" : " are")
                    .append(" not connected: the folder there keeps its old name until next connected; "
                            + "its copies still count.");
        }
        return sb.toString();
    }
}
