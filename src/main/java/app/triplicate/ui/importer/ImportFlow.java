package app.triplicate.ui.importer;

import app.triplicate.ui.common.AppContext;
import app.triplicate.ui.common.Icons;
import app.triplicate.ui.common.Poller;
import javafx.event.ActionEvent;
import javafx.scene.Node;
import javafx.stage.Window;
import javafx.util.Duration;
import org.controlsfx.control.Notifications;
import org.controlsfx.control.action.Action;
import org.kordamp.ikonli.material2.Material2OutlinedMZ;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Import flow: one sheet per card or folder (a dropped folder, Import... in the menu, or a card the
 * volume watcher noticed), and at most one import copying at a time, so two imports never compete for the
 * same drives. Watches the mount roots for inserted cards while the window is open.
 */
public final class ImportFlow {
    static final Duration WATCH_PERIOD = Duration.seconds(3);

    private final AppContext context;
    private final Map<Path, ImportSheet> sheets = new LinkedHashMap<>();
    private final VolumeWatcher watcher;
    private final Poller watchPoller;
    private boolean watching;
    private ImportSheet importing;

    public ImportFlow(AppContext context) {
        this.context = context;
        this.watcher = new VolumeWatcher(context.services().mountRoots());
        this.watchPoller = Poller.every(WATCH_PERIOD, this::watchVolumes);
        watchVolumes(); // the first look learns what is mounted already
    }

    /** Opens the import sheet for a card or folder, or brings its sheet forward when it is open already. */
    public void open(Path card) {
        Path key = card.toAbsolutePath().normalize();
        ImportSheet sheet = sheets.get(key);
        if (sheet == null) {
            sheet = new ImportSheet(context, this, key);
            sheets.put(key, sheet);
        }
        sheet.show();
    }

    public void dispose() {
        watchPoller.stop();
    }

    /** The sheets open now (tests). */
    List<ImportSheet> sheets() {
        return List.copyOf(sheets.values());
    }

    VolumeWatcher watcher() {
        return watcher;
    }

    // ---- one import at a time ----

    /** The card of the import copying now, when it is another sheet's. */
    Optional<String> otherImport(ImportSheet asking) {
        return importing == null || importing == asking ? Optional.empty() : Optional.of(importing.cardName());
    }

    void importStarted(ImportSheet sheet) {
        importing = sheet;
        new ArrayList<>(sheets.values()).forEach(ImportSheet::importsChanged);
    }

    void importEnded(ImportSheet sheet) {
        if (importing == sheet) {
            importing = null;
        }
        new ArrayList<>(sheets.values()).forEach(ImportSheet::importsChanged);
        // what the import proved goes offsite now (when a remote is set); what it copied before a stop too
        context.offsite().request();
    }

    void closed(ImportSheet sheet) {
        sheets.values().remove(sheet);
    }

    // ---- inserted cards ----

    private void watchVolumes() {
        if (watching) {
            return;
        }
        watching = true;
        try {
            context.background().run(watcher::poll, fresh -> {
                watching = false;
                fresh.forEach(this::offer);
            }, e -> watching = false);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            watchPoller.stop(); // the window's executor is closed: nothing left to watch for
        }
    }

    /** "Card EOS_DIGITAL inserted" with an Import action. */
    private void offer(Path card) {
        String name = card.getFileName() == null ? card.toString() : card.getFileName().toString();
        Window owner = context.navigator().window();
        Node icon = Icons.of(Material2OutlinedMZ.SD_CARD, 32);
        Notifications.create()
                .title("Card " + name + " inserted")
                .text("Copy its pictures and videos to your drives?")
                .graphic(icon)
                .owner(owner != null && owner.isShowing() ? owner : null)
                .hideAfter(Duration.seconds(30))
                .action(new Action("Import", e -> {
                    hideNotification(e);
                    open(card);
                }))
                .show();
    }

    private static void hideNotification(ActionEvent e) {
        if (e.getSource() instanceof Node n && n.getScene() != null && n.getScene().getWindow() != null) {
            n.getScene().getWindow().hide();
        }
    }
}
