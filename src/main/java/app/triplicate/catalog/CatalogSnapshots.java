package app.triplicate.catalog;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Catalog backups as H2 makes them online: {@code SCRIPT TO ... COMPRESSION GZIP}, a gzip-compressed SQL script of
 * the whole catalog (schema, Flyway's history, every row). It is taken inside one catalog transaction, so no write
 * of this process lands half in it, and it is plain SQL, not a copy of the open {@code .mv.db} file: it can be
 * read back by a later H2 (and is compact: free pages are not in it). Restoring runs it into a new catalog file
 * ({@code RUNSCRIPT}), then puts that in place of the current one, which is moved aside, never deleted.
 */
public final class CatalogSnapshots {
    private static final DateTimeFormatter ASIDE = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);

    private CatalogSnapshots() {
    }

    /** Writes a consistent backup of {@code catalog} to {@code target} (a new file); returns what it holds. */
    public static CatalogIdentity write(Catalog catalog, Path target) {
        return catalog.inTransaction(c -> {
            CatalogIdentity identity = CatalogIdentityRepository.read(c);
            try (Statement s = c.createStatement()) {
                s.execute("SCRIPT TO " + literal(target) + " COMPRESSION GZIP");
            }
            return identity;
        });
    }

    /**
     * Runs the backup {@code backup} into a new catalog whose files start with {@code base} (none may exist) and
     * returns the identity it holds. A backup that is damaged (cut short, a flipped byte, not a backup) fails with
     * an {@link IOException} saying why, and leaves no file of the new catalog behind.
     */
    public static CatalogIdentity restoreInto(Path backup, Path base) throws IOException {
        Path mv = dataFile(base);
        if (Files.exists(mv)) {
            throw new IOException(mv + " exists already");
        }
        // made with the empty password, opened alone: the first open in place gives it the catalog's secret
        try (Connection c = DriverManager.getConnection(EmbeddedCatalog.aloneUrl(base, ""), EmbeddedCatalog.USER, "")) {
            try (Statement s = c.createStatement()) {
                s.execute("RUNSCRIPT FROM " + literal(backup) + " COMPRESSION GZIP");
            }
            CatalogIdentity identity = CatalogIdentityRepository.read(c);
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
            return identity;
        } catch (SQLException | RuntimeException e) {
            deleteFiles(base);
            String why = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse(e.toString())
                    .replaceFirst(";\\s*SQL statement:.*$", "");
            throw new IOException("the backup " + backup + " cannot be read: " + why, e);
        }
    }

    /**
     * Raises the generation of the (closed) catalog at {@code base} to {@code generation}: a restore from a backup
     * older than the drives have seen is the user's explicit choice, said in words, and must not then be stopped
     * as an out-of-date catalog.
     */
    public static void raiseGeneration(Path base, long generation) throws IOException {
        try (Connection c = EmbeddedCatalog.connectAlone(base, ";IFEXISTS=TRUE");
             java.sql.PreparedStatement ps = c.prepareStatement(
                     "UPDATE catalog_identity SET generation = ? WHERE generation < ?")) {
            ps.setLong(1, generation);
            ps.setLong(2, generation);
            ps.executeUpdate();
            try (Statement s = c.createStatement()) {
                s.execute("SHUTDOWN");
            }
        } catch (SQLException e) {
            throw new IOException("the restored catalog's generation could not be set: " + e.getMessage(), e);
        }
    }

    /**
     * Refuses (exit 3) while another process holds the catalog at {@code base}: restoring under a running Triplicate
     * would pull its catalog from under it. A catalog that cannot be opened for another reason is not in use.
     */
    public static void refuseIfInUse(Path base) {
        if (!Files.exists(dataFile(base))) {
            return;
        }
        // read-only: the catalog about to be moved aside is kept as it was found
        try (Connection c = EmbeddedCatalog.connectAlone(base, ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r")) {
            // opened: nobody else has it; closed again at once
        } catch (SQLException e) {
            if (e.getErrorCode() == 90020) {
                throw Catalog.translate(base, e);
            }
        }
    }

    /**
     * The folders the drives registered in the catalog at {@code base} were last seen at and registered at, read
     * without changing it (read-only), for finding their backups; empty when it cannot be read.
     */
    public static List<Path> drivePaths(Path base) {
        List<Path> out = new ArrayList<>();
        if (!Files.exists(dataFile(base))) {
            return out;
        }
        try (Connection c = EmbeddedCatalog.connectAlone(base, ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r");
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery(
                     "SELECT last_seen_path, registered_path FROM location WHERE kind = 'DRIVE'")) {
            while (rs.next()) {
                for (int i = 1; i <= 2; i++) {
                    String p = rs.getString(i);
                    if (p != null && !p.isBlank()) {
                        out.add(Path.of(p));
                    }
                }
            }
        } catch (SQLException | RuntimeException e) {
            // a catalog that cannot be read is what is being restored: its drives are found by their markers
        }
        return out;
    }

    /**
     * How many sessions the catalog at {@code base} holds, read without changing it; 0 when there is no catalog or
     * it cannot be read (a damaged catalog is what a rebuild replaces).
     */
    public static long sessionCount(Path base) {
        if (!Files.exists(dataFile(base))) {
            return 0;
        }
        try (Connection c = EmbeddedCatalog.connectAlone(base, ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r");
             Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM session")) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException | RuntimeException e) {
            if (e instanceof SQLException q && q.getErrorCode() == 90020) {
                throw Catalog.translate(base, q);
            }
            return 0;
        }
    }

    /**
     * Moves every file of the catalog at {@code base} ({@code catalog.mv.db}, its trace and flag files) into a new
     * folder {@code catalog.broken-<time>} beside it, and returns that folder (empty when there was nothing).
     */
    public static java.util.Optional<Path> moveAside(Path base, Instant now) throws IOException {
        List<Path> files = filesOf(base);
        if (files.isEmpty()) {
            return java.util.Optional.empty();
        }
        Path aside = base.resolveSibling(base.getFileName() + ".broken-" + ASIDE.format(now));
        for (int n = 2; Files.exists(aside); n++) {
            aside = base.resolveSibling(base.getFileName() + ".broken-" + ASIDE.format(now) + "-" + n);
        }
        Files.createDirectories(aside);
        for (Path f : files) {
            Files.move(f, aside.resolve(f.getFileName()), StandardCopyOption.ATOMIC_MOVE);
        }
        return java.util.Optional.of(aside);
    }

    /** Puts the catalog restored at {@code restored} in place as {@code base}, marked as closed cleanly. */
    public static void putInPlace(Path restored, Path base) throws IOException {
        Files.move(dataFile(restored), dataFile(base), StandardCopyOption.ATOMIC_MOVE);
        deleteFiles(restored);
        Files.writeString(Catalog.closedCleanlyFlag(base.toAbsolutePath()), "Restored from a backup at "
                + Instant.now() + "\n");
    }

    /** The files of the catalog at {@code base}: its name followed by a dot, folders (moved-aside ones) left out. */
    static List<Path> filesOf(Path base) throws IOException {
        Path dir = base.toAbsolutePath().getParent();
        List<Path> out = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        String prefix = base.getFileName() + ".";
        try (DirectoryStream<Path> all = Files.newDirectoryStream(dir)) {
            for (Path p : all) {
                if (p.getFileName().toString().startsWith(prefix) && Files.isRegularFile(p)) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    public static Path dataFile(Path base) {
        return base.resolveSibling(base.getFileName() + ".mv.db");
    }

    private static void deleteFiles(Path base) {
        try {
            for (Path f : filesOf(base)) {
                Files.deleteIfExists(f);
            }
        } catch (IOException e) {
            // a leftover of a failed restore attempt is harmless: it is never taken for the catalog
        }
    }

    private static String literal(Path p) {
        return "'" + p.toAbsolutePath().toString().replace("'", "''") + "'";
    }
}
