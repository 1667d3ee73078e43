package app.triplicate.remote;

import app.triplicate.files.SmallFile;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** {@code config/remote.json}: the one remote's settings, never its secret. */
public final class RemoteConfigStore {
    private final Path file;
    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    public RemoteConfigStore(Path configDir) {
        this.file = configDir.resolve("remote.json");
    }

    public Optional<RemoteConfig> load() {
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), RemoteConfig.class));
        } catch (IOException e) {
            throw new UncheckedIOException("the remote's settings " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    public void save(RemoteConfig config) {
        try {
            SmallFile.write(file, json.writeValueAsBytes(config));
        } catch (IOException e) {
            throw new UncheckedIOException("the remote's settings " + file + " cannot be written: " + e.getMessage(), e);
        }
    }
}
