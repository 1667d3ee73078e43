package app.triplicate.drives;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The identity marker at the top of a registered drive folder, {@code .triplicate/drive.json}: a drive is
 * recognised by it wherever it is mounted, never by its mount path.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record DriveMarker(UUID uuid, String label, Instant created) {

    static final String FOLDER = ".triplicate";
    static final String FILE = "drive.json";
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    public static Path fileIn(Path driveRoot) {
        return driveRoot.resolve(FOLDER).resolve(FILE);
    }

    /** The marker in {@code driveRoot}, if there is a readable one. */
    public static Optional<DriveMarker> read(Path driveRoot) {
        Path f = fileIn(driveRoot);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            DriveMarker m = JSON.readValue(f.toFile(), DriveMarker.class);
            return m.uuid() == null ? Optional.empty() : Optional.of(m);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Writes the marker atomically (temporary file, then rename). */
    public void writeTo(Path driveRoot) throws IOException {
        Path f = fileIn(driveRoot);
        Files.createDirectories(f.getParent());
        Path tmp = f.resolveSibling(FILE + ".tmp");
        JSON.writeValue(tmp.toFile(), this);
        Files.move(tmp, f, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
