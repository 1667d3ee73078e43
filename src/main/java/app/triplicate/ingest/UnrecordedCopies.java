package app.triplicate.ingest;

import app.triplicate.core.Words;
import app.triplicate.files.SmallFile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This workstation's note of copies an ingest proved but could not record because the studio catalog's server went
 * away: one small file per card ({@code <fingerprint>.properties} in the home's data folder), so that every later
 * command on that catalog reminds the user to import the card again, until an ingest of the card runs through with
 * the catalog there (it reads those copies back where they are and records them). Only a reminder: the copies
 * themselves are found again on the drives, with or without it.
 */
public final class UnrecordedCopies {
    private static final Logger log = LoggerFactory.getLogger(UnrecordedCopies.class);
    private static final String SUFFIX = ".properties";
    private static final String DRIVE = "drive.";

    private final Path folder;

    public UnrecordedCopies(Path folder) {
        this.folder = folder;
    }

    /** Notes the copies of {@code card} proven on each drive (by label) that {@code catalog} did not record. */
    public void note(String catalog, Path card, String fingerprint, Map<String, Long> byDrive, Instant at) {
        Properties p = new Properties();
        p.setProperty("catalog", catalog);
        p.setProperty("card", card.toAbsolutePath().toString());
        p.setProperty("at", at.toString());
        byDrive.forEach((label, n) -> p.setProperty(DRIVE + label, Long.toString(n)));
        StringWriter text = new StringWriter();
        try {
            p.store(text, "Copies proven by an ingest that lost the studio catalog; they are recorded when the card "
                    + "is imported again");
            Files.createDirectories(folder);
            SmallFile.write(folder.resolve(fingerprint + SUFFIX), text.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the copies are still found again by the next ingest of the card: only the reminder is lost
            log.warn("could not note the unrecorded copies of card {} in {}: {}", card, folder, e.toString());
        }
    }

    /** An ingest of the card ran through with the catalog there: whatever was noted for it is recorded now. */
    void cleared(String fingerprint) {
        try {
            Files.deleteIfExists(folder.resolve(fingerprint + SUFFIX));
        } catch (IOException e) {
            log.warn("could not remove the note of unrecorded copies {}: {}", fingerprint, e.toString());
        }
    }

    /** One reminder per card noted for {@code catalog}: what is waiting to be recorded and what to run. */
    public List<String> reminders(String catalog) {
        List<String> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> notes = Files.list(folder)) {
            for (Path note : notes.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList()) {
                Properties p = new Properties();
                p.load(new StringReader(Files.readString(note, StandardCharsets.UTF_8)));
                if (!catalog.equals(p.getProperty("catalog"))) {
                    continue;
                }
                Map<String, Long> byDrive = new TreeMap<>();
                p.stringPropertyNames().stream().filter(k -> k.startsWith(DRIVE))
                        .forEach(k -> byDrive.put(k.substring(DRIVE.length()), Long.parseLong(p.getProperty(k))));
                List<String> each = byDrive.entrySet().stream()
                        .map(e -> Words.count(e.getValue(), "copy", "copies") + " on drive " + e.getKey()).toList();
                out.add(String.join(", ", each) + " of card " + p.getProperty("card") + " were proven when the "
                        + "studio catalog was lost (" + p.getProperty("at") + ") and are waiting to be recorded: "
                        + "import the card again (triplicate ingest " + p.getProperty("card") + ") to record them "
                        + "without copying them again.");
            }
        } catch (IOException | RuntimeException e) {
            log.warn("could not read the notes of unrecorded copies in {}: {}", folder, e.toString());
        }
        return out;
    }
}
