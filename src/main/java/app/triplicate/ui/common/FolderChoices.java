package app.triplicate.ui.common;

import app.triplicate.settings.WindowStateStore;
import javafx.stage.DirectoryChooser;
import javafx.stage.Window;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Executor;

/**
 * The window's folder choosers. Each kind of choice opens where the user last chose a folder of that kind
 * (in the folder holding it, so the last card, drive or restore folder is in sight among its neighbours),
 * remembered across runs in the window-state file.
 */
public final class FolderChoices {
    /** What a folder is chosen for: each remembers its own last folder. */
    public enum Purpose { IMPORT, DRIVE, RESTORE }

    private final WindowStateStore store;
    private final Executor saver;
    private final Object saving = new Object();
    private WindowStateStore.State state;

    /** @param saver runs the writes of the state file (off the JavaFX thread in the window) */
    public FolderChoices(WindowStateStore store, Executor saver) {
        this.store = store;
        this.saver = saver;
    }

    /** Asks for a folder, starting where the last one of this kind was chosen, and remembers the answer. */
    public Optional<Path> choose(Window owner, Purpose purpose, String title) {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle(title);
        initialDirectory(purpose).ifPresent(d -> chooser.setInitialDirectory(d.toFile()));
        File dir = chooser.showDialog(owner);
        if (dir == null) {
            return Optional.empty();
        }
        Path chosen = dir.toPath().toAbsolutePath();
        remember(purpose, chosen);
        return Optional.of(chosen);
    }

    /**
     * Where a chooser of this kind opens: the folder holding the last one chosen, or the nearest folder above it
     * that still exists (a card or drive that is not plugged in); empty when nothing is remembered or left.
     * The check touches the disk just before the native chooser lists the same folder.
     */
    public synchronized Optional<Path> initialDirectory(Purpose purpose) {
        String last = state().lastFolders().get(key(purpose));
        if (last == null || last.isBlank()) {
            return Optional.empty();
        }
        Path p;
        try {
            p = Path.of(last).getParent();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
        for (; p != null; p = p.getParent()) {
            if (Files.isDirectory(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** Remembers a folder of this kind (chosen, or typed and used), written to the state file by the saver. */
    public synchronized void remember(Purpose purpose, Path folder) {
        state = state().withLastFolder(key(purpose), folder.toAbsolutePath());
        saver.execute(this::save);
    }

    private void save() {
        // one write at a time, each taking the state as it is then: the last write holds the latest state
        synchronized (saving) {
            WindowStateStore.State latest;
            synchronized (this) {
                latest = state;
            }
            store.save(latest);
        }
    }

    private WindowStateStore.State state() {
        if (state == null) {
            state = store.load();
        }
        return state;
    }

    private static String key(Purpose purpose) {
        return purpose.name().toLowerCase(Locale.ROOT);
    }
}
