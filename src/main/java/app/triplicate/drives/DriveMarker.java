package app.triplicate.drives;

import app.triplicate.files.SmallFile;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The identity marker at the top of a registered drive folder, {@code .triplicate/drive.json}: a drive is
 * recognised by it wherever it is mounted, never by its mount path. It also records the catalog the drive belongs
 * to and the newest generation of that catalog it has seen (both null in a marker written by 0.1.0, or before the
 * drive's first connection to a catalog that records them), so a lost or older catalog is noticed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
public record DriveMarker(UUID uuid, String label, Instant created, UUID catalogId, Long catalogGeneration) {

    /** Triplicate's own folder at the top of every drive (marker, versions, quarantine, card histories). */
    public static final String FOLDER = ".triplicate";
    static final String FILE = "drive.json";
    /** Where the catalog backups are kept on a drive, beside the marker. */
    static final String CATALOG_BACKUPS = "catalog";

    /** A marker that belongs to no catalog yet. */
    public DriveMarker(UUID uuid, String label, Instant created) {
        this(uuid, label, created, null, null);
    }

    /** The folder that holds the catalog backups on the drive at {@code driveRoot}. */
    public static Path catalogBackupsIn(Path driveRoot) {
        return driveRoot.resolve(FOLDER).resolve(CATALOG_BACKUPS);
    }

    public DriveMarker withLabel(String newLabel) {
        return new DriveMarker(uuid, newLabel, created, catalogId, catalogGeneration);
    }

    /** This marker, belonging to catalog {@code id} and having seen its generation {@code generation}. */
    public DriveMarker withCatalog(UUID id, long generation) {
        return new DriveMarker(uuid, label, created, id, generation);
    }

    /** The generation recorded, 0 when none is. */
    public long seenGeneration() {
        return catalogGeneration == null ? 0 : catalogGeneration;
    }
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

    /**
     * Why the marker in {@code driveRoot} is damaged, when there is a marker file that is not a readable marker
     * (cut short by a power cut on an old version, or overwritten): such a folder is a registered drive that
     * cannot prove which one, never an unregistered folder.
     */
    public static Optional<String> damage(Path driveRoot) {
        Path f = fileIn(driveRoot);
        if (!Files.exists(f)) {
            return Optional.empty();
        }
        if (!Files.isRegularFile(f)) {
            return Optional.of("it is not a file");
        }
        try {
            DriveMarker m = JSON.readValue(f.toFile(), DriveMarker.class);
            return m.uuid() == null ? Optional.of("it holds no drive id") : Optional.empty();
        } catch (IOException e) {
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            return Optional.of(why.isBlank() ? "it cannot be read" : "it cannot be read: " + why);
        }
    }

    /** Writes the marker the one safe way ({@link SmallFile}): a reader finds the old marker or the new one. */
    public void writeTo(Path driveRoot) throws IOException {
        SmallFile.write(fileIn(driveRoot), JSON.writeValueAsBytes(this));
    }
}
