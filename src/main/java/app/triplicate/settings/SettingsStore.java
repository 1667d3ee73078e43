package app.triplicate.settings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Reads and writes {@link Settings}: written to a temporary file beside the target, then moved into place. */
public final class SettingsStore {
    private final Path file;
    private final String version;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public SettingsStore(Path file, String version) {
        this.file = file;
        this.version = version;
    }

    public Settings load() {
        if (!Files.exists(file)) {
            return Settings.defaults();
        }
        try {
            return json.readValue(file.toFile(), Settings.class).withDefaults();
        } catch (IOException e) {
            throw new UncheckedIOException("the settings file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public void save(Settings settings) {
        try {
            Files.createDirectories(file.getParent());
            Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
            json.writeValue(tmp.toFile(), settings.writtenBy(version));
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("the settings file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
