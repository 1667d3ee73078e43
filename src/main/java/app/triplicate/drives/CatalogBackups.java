package app.triplicate.drives;

import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.CatalogIdentity;
import app.triplicate.catalog.CatalogIdentityRepository;
import app.triplicate.catalog.CatalogSnapshots;
import app.triplicate.core.Xxh128;
import app.triplicate.files.AtomicCopier;
import app.triplicate.files.FileAccess;
import app.triplicate.files.Xxh128Hasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one hook every command calls after its work (ingest, verify, repair, cull, catalog check --fix, in the
 * window and on the command line): the catalog's generation goes up by one, a consistent backup of the catalog
 * is written to every connected drive's {@code .triplicate/catalog/} (the newest {@link #KEEP} kept), and each
 * drive's marker records the generation it has now seen. A drive that cannot take its backup is named in a
 * warning; the work itself has already succeeded and stays so.
 */
public final class CatalogBackups {
    private static final Logger LOG = LoggerFactory.getLogger(CatalogBackups.class);

    /** Backups kept per drive: the newest five. */
    public static final int KEEP = 5;

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    /** {@code catalog_<UTC time>Z_g<generation>_<catalog id>.sql.gz}: names sort oldest to newest. */
    private static final Pattern NAME = Pattern.compile(
            "catalog_(\\d{4}-\\d{2}-\\d{2}_\\d{6})Z_g(\\d+)_([0-9a-f-]{36})\\.sql\\.gz");

    private final Catalog catalog;
    private final CatalogIdentityRepository identity;
    private final DriveService drives;
    private final app.triplicate.ledger.Ledger ledger;
    private final FileAccess files;
    private final Path scratch;
    private final CatalogMemory memory;
    private final Clock clock;

    /**
     * @param scratch a folder on this computer where each backup is made once before it is copied to the drives
     * @param memory  where this computer notes each new generation, for a catalog lost with no drive connected
     */
    public CatalogBackups(Catalog catalog, CatalogIdentityRepository identity, DriveService drives,
                          app.triplicate.ledger.Ledger ledger, FileAccess files, Path scratch, CatalogMemory memory,
                          Clock clock) {
        this.catalog = catalog;
        this.identity = identity;
        this.drives = drives;
        this.ledger = ledger;
        this.files = files;
        this.scratch = scratch;
        this.memory = memory;
        this.clock = clock;
    }

    /** What one round of backups did: the generation it recorded, where it went, and a warning per drive it missed. */
    public record Report(CatalogIdentity identity, List<Path> written, List<String> warnings) {
    }

    /** A backup file on a drive, as its name describes it. */
    public record Backup(Path file, Instant takenAt, long generation, UUID catalogId) {
    }

    /** This catalog's id and generation now. */
    public CatalogIdentity identity() {
        return identity.current();
    }

    /**
     * Runs after {@code work} (a word for the log: "ingest", "verify" ...) has finished and its rows are committed.
     * Never throws for a drive: each failure is a warning naming it.
     */
    public synchronized Report afterWork(String work) {
        CatalogIdentity now = identity.advance();
        List<Path> written = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        memory.noteAdvanced(now, clock.instant()).ifPresent(warnings::add);
        List<app.triplicate.catalog.MassChangeRepository.MassChange> standing = ledger.standingMassChanges();
        if (!standing.isEmpty()) {
            // a drive that may be under attack is not written, and while a mass change stands Triplicate writes
            // no drive at all (SPEC.md: mass change); the backups resume with the first run after confirmation
            warnings.add("No catalog backup was written after the " + work + ": a mass change on "
                    + String.join(", ", standing.stream().map(m -> "drive \"" + m.label() + "\"").toList())
                    + " is waiting for confirmation, and until then Triplicate writes to no drive.");
            return new Report(now, written, warnings);
        }
        List<ConnectedDrive> connected = drives.connected();
        if (connected.isEmpty()) {
            return new Report(now, written, warnings);
        }
        if (!catalog.embedded()) {
            // a studio catalog on a server is backed up there (pg_dump, see the README); the drives' markers still
            // learn its generation, so a catalog older than they say is noticed as before
            for (ConnectedDrive d : connected) {
                try {
                    recordSeen(d, now);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("marker of drive {} not updated after {}", d.location().label(), work, e);
                }
            }
            return new Report(now, written, warnings);
        }
        Path local;
        try {
            Files.createDirectories(scratch);
            local = scratch.resolve("." + UUID.randomUUID() + ".sql.gz" + app.triplicate.files.SmallFile.TEMP_SUFFIX);
        } catch (IOException e) {
            warnings.add("No catalog backup was written to any drive: " + scratch + " cannot be written ("
                    + e.getMessage() + ").");
            return new Report(now, written, warnings);
        }
        try {
            CatalogIdentity taken = CatalogSnapshots.write(catalog, local);
            Xxh128 hash = hash(local);
            String name = fileName(taken, clock.instant());
            for (ConnectedDrive d : connected) {
                try {
                    Path folder = DriveMarker.catalogBackupsIn(d.root());
                    Path landed = new AtomicCopier(files).copy(local, d.root(), folder.resolve(name), hash,
                            "drive \"" + d.location().label() + "\"").path();
                    written.add(landed);
                    prune(folder);
                    recordSeen(d, taken);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("catalog backup after {} not written to drive {}", work, d.location().label(), e);
                    warnings.add("The catalog backup was not written to drive \"" + d.location().label() + "\" ("
                            + d.root() + "): " + e.getMessage() + ". The " + work + " itself is complete; the drive "
                            + "gets the next backup.");
                }
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("catalog backup after {} not taken", work, e);
            warnings.add("No catalog backup was taken after the " + work + ": " + e.getMessage());
        } finally {
            try {
                Files.deleteIfExists(local);
            } catch (IOException e) {
                LOG.warn("could not remove {}: {}", local, e.toString());
            }
        }
        return new Report(now, written, warnings);
    }

    /** The marker of drive {@code d} records that it has seen {@code taken}; another catalog's marker is kept. */
    private static void recordSeen(ConnectedDrive d, CatalogIdentity taken) throws IOException {
        Optional<DriveMarker> m = DriveMarker.read(d.root());
        if (m.isEmpty()) {
            return;
        }
        if (m.get().catalogId() != null && !m.get().catalogId().equals(taken.id())) {
            throw new IOException("its marker says it belongs to another catalog (" + m.get().catalogId() + ")");
        }
        if (m.get().catalogGeneration() == null || m.get().catalogGeneration() < taken.generation()
                || m.get().catalogId() == null) {
            m.get().withCatalog(taken.id(), Math.max(taken.generation(), m.get().seenGeneration())).writeTo(d.root());
        }
    }

    /** Removes the oldest backups in {@code folder} beyond the newest {@link #KEEP} (only files named as backups). */
    private void prune(Path folder) throws IOException {
        List<Backup> all = list(folder);
        for (int i = KEEP; i < all.size(); i++) {
            files.deleteIfExists(all.get(i).file());
        }
    }

    /** The backups in {@code folder}, newest first (by the time in their names, then by generation). */
    public static List<Backup> list(Path folder) {
        List<Backup> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (DirectoryStream<Path> all = Files.newDirectoryStream(folder)) {
            for (Path p : all) {
                parse(p).ifPresent(out::add);
            }
        } catch (IOException e) {
            LOG.warn("cannot list catalog backups in {}: {}", folder, e.toString());
        }
        out.sort(NEWEST_FIRST);
        return out;
    }

    public static final Comparator<Backup> NEWEST_FIRST = Comparator.comparing(Backup::takenAt)
            .thenComparingLong(Backup::generation).reversed();

    static Optional<Backup> parse(Path p) {
        Matcher m = NAME.matcher(p.getFileName().toString());
        if (!m.matches()) {
            return Optional.empty();
        }
        Instant at = java.time.LocalDateTime.parse(m.group(1), DateTimeFormatter.ofPattern("yyyy-MM-dd_HHmmss",
                Locale.ROOT)).toInstant(ZoneOffset.UTC);
        return Optional.of(new Backup(p, at, Long.parseLong(m.group(2)), UUID.fromString(m.group(3))));
    }

    static String fileName(CatalogIdentity id, Instant at) {
        return "catalog_" + TIME.format(at) + "Z_g" + String.format(Locale.ROOT, "%06d", id.generation()) + "_"
                + id.id() + ".sql.gz";
    }

    private Xxh128 hash(Path file) throws IOException {
        Xxh128Hasher h = new Xxh128Hasher();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                h.update(buf, 0, n);
            }
        }
        return h.finish();
    }
}
