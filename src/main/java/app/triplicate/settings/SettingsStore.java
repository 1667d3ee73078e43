package app.triplicate.settings;

import app.triplicate.files.SmallFile;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads and writes {@link Settings}, written the one safe way ({@link SmallFile}). */
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
            SmallFile.write(file, json.writeValueAsBytes(settings.writtenBy(version)));
        } catch (IOException e) {
            throw new UncheckedIOException("the settings file " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
