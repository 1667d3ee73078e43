package app.triplicate.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the window remembers between runs that is not a setting: the folder last chosen for each kind of
 * folder choice. It belongs to this user on this computer (a studio catalog's settings are shared; the last
 * folder is not), so it lives in its own file beside the settings, written the same safe way.
 */
public final class WindowStateStore {
    /** The file's content. Unknown fields are ignored, so an older Triplicate reads a newer file. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record State(Map<String, String> lastFolders) {
        public State {
            lastFolders = lastFolders == null ? Map.of() : Map.copyOf(lastFolders);
        }

        public State withLastFolder(String purpose, Path folder) {
            Map<String, String> m = new TreeMap<>(lastFolders);
            m.put(purpose, folder.toString());
            return new State(m);
        }
    }

    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public WindowStateStore(Path file) {
        this.file = file;
    }

    /** The store of a home: {@code window-state.json} in its config folder. */
    public static WindowStateStore of(Home home) {
        return new WindowStateStore(home.configDir().resolve("window-state.json"));
    }

    public Path file() {
        return file;
    }

    /** The remembered state; nothing remembered when the file is missing or unreadable (it is only a convenience). */
    public State load() {
        if (!Files.exists(file)) {
            return new State(Map.of());
        }
        try {
            return json.readValue(file.toFile(), State.class);
        } catch (IOException e) {
            LoggerFactory.getLogger(WindowStateStore.class).warn("{} cannot be read, starting afresh: {}", file,
                    e.getMessage());
            return new State(Map.of());
        }
    }

    /** Written to a temporary file beside the target, then moved into place. */
    public synchronized void save(State state) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), state);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
