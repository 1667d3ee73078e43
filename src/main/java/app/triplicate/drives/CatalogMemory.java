package app.triplicate.drives;

import app.triplicate.catalog.CatalogIdentity;
import app.triplicate.files.SmallFile;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What this computer remembers of its catalog: the id and newest generation it last saw, in a small owner-only
 * file beside the settings. The drives' markers say the same, but only when a drive is connected where Triplicate
 * looks; this lets a catalog deleted or put back from an old copy while every drive is in a drawer be noticed all
 * the same ({@link CatalogGuard}). Written after every run that moves the generation, and by the deliberate ways
 * forward (restore, rebuild, {@code catalog accept}, {@code drive add --adopt-from-other-catalog}).
 */
public final class CatalogMemory {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogMemory.class);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT);

    private final Path file;

    public CatalogMemory(Path file) {
        this.file = file;
    }

    /** The catalog last seen here: its id, its newest generation, and when it was noted. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Seen(UUID catalogId, long generation, Instant notedAt) {
        CatalogIdentity identity() {
            return new CatalogIdentity(catalogId, generation);
        }
    }

    public Path file() {
        return file;
    }

    /**
     * The catalog this computer last saw; empty on a computer that never noted one (a new home, or one from a
     * version before this file). A file that cannot be read is logged and counts as none: it must not lock the
     * user out of a catalog that is fine.
     */
    public Optional<Seen> read() {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            Seen s = JSON.readValue(file.toFile(), Seen.class);
            return s.catalogId() == null ? Optional.empty() : Optional.of(s);
        } catch (IOException e) {
            LOG.warn("{} cannot be read, so the catalog is not compared with it: {}", file, e.toString());
            return Optional.empty();
        }
    }

    /**
     * Notes {@code now} as the catalog this computer uses, unless the same catalog at the same or a newer generation
     * is already noted (two processes on one home may finish runs in either order).
     *
     * @return a warning naming the file when it could not be written, else empty
     */
    public Optional<String> noteAdvanced(CatalogIdentity now, Instant at) {
        Optional<Seen> before = read();
        if (before.isPresent() && before.get().catalogId().equals(now.id())
                && before.get().generation() >= now.generation()) {
            return Optional.empty();
        }
        return note(now, at);
    }

    /**
     * Notes {@code chosen} as the catalog this computer uses, whatever was noted before: the user chose it (a
     * restore, a rebuild, a new catalog on purpose).
     *
     * @return a warning naming the file when it could not be written, else empty
     */
    public Optional<String> note(CatalogIdentity chosen, Instant at) {
        try {
            SmallFile.write(file, JSON.writeValueAsBytes(new Seen(chosen.id(), chosen.generation(), at)),
                    SmallFile.OWNER_ONLY);
            return Optional.empty();
        } catch (IOException e) {
            LOG.warn("could not note catalog {} generation {} in {}", chosen.id(), chosen.generation(), file, e);
            return Optional.of("This computer could not note the catalog's generation in " + file + " ("
                    + e.getMessage() + "), so a catalog lost while no drive is connected may go unnoticed.");
        }
    }
}
