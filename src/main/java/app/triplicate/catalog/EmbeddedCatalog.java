package app.triplicate.catalog;

import app.triplicate.files.SmallFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Optional;

/**
 * How every part of Triplicate reaches the embedded H2 catalog file: the URL settings, the user and the catalog's
 * secret. The window and any number of command-line runs share one catalog through H2's automatic mixed mode
 * ({@code AUTO_SERVER}): the first process opens the file and serves the others on a TCP port. SPEC.md promises
 * that no port is reachable from another computer, so the port binds to loopback ({@code h2.bindAddress}, set
 * here before H2 is first used, and in {@code Triplicate.main}), and a connection needs the catalog's password: a
 * random secret kept owner-only beside the catalog ({@code catalog.secret}), set on the catalog's user at its first
 * open. A catalog made before it (0.1.0, or restored from a backup) has an empty password until then.
 */
public final class EmbeddedCatalog {
    static final String USER = "triplicate";
    /** H2's "Wrong user name or password". */
    static final int WRONG_PASSWORD = 28000;

    static {
        loopbackOnly();
    }

    private EmbeddedCatalog() {
    }

    /**
     * Makes H2's servers listen on loopback only; must run before H2's network code is loaded, which reads it once.
     * An explicit setting by the user (another loopback address) is kept.
     */
    public static void loopbackOnly() {
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
    }

    /**
     * The URL every process uses to share the catalog. WRITE_DELAY=0 and the others: see {@code Catalog.openNow}.
     * LOCK_TIMEOUT: another process's short transaction (a figure both update) is waited for, not failed at H2's
     * default of one second. AUTO_SERVER needs H2's close-on-exit hook; {@code Catalog} takes it off again where it
     * opened the file itself (see there).
     */
    static String sharedUrl(Path base) {
        return "jdbc:h2:file:" + base.toAbsolutePath() + ";AUTO_SERVER=TRUE;QUERY_CACHE_SIZE=64;"
                + "AUTO_COMPACT_FILL_RATE=0;WRITE_DELAY=0;LOCK_TIMEOUT=10000";
    }

    /** A URL that opens the file in this process only (restore, checks before replacing it): never shared. */
    static String aloneUrl(Path base, String settings) {
        return "jdbc:h2:file:" + base.toAbsolutePath() + ";DB_CLOSE_ON_EXIT=FALSE" + settings;
    }

    /** Where the catalog at {@code base} keeps its secret: beside it, so it moves aside with the catalog's files. */
    public static Path secretFile(Path base) {
        return base.toAbsolutePath().resolveSibling(base.getFileName() + ".secret");
    }

    /** The catalog's secret, made now (random, owner-only) when it has none. */
    static String secret(Path base) {
        try {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            // never replaced: two processes opening a new catalog at once keep the first secret written
            SmallFile.createIfAbsent(secretFile(base), HexFormat.of().formatHex(random)
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), SmallFile.OWNER_ONLY);
            return Files.readString(secretFile(base), java.nio.charset.StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CatalogException("The catalog's password cannot be stored in " + secretFile(base) + ": "
                    + e.getMessage(), e);
        }
    }

    /** The stored secret, or empty when there is none yet (a catalog not opened since 0.1.0 or since a restore). */
    static Optional<String> storedSecret(Path base) {
        try {
            Path file = secretFile(base);
            return Files.exists(file) ? Optional.of(Files.readString(file, java.nio.charset.StandardCharsets.UTF_8)
                    .strip()) : Optional.empty();
        } catch (IOException e) {
            throw new CatalogException("The catalog's password cannot be read from " + secretFile(base) + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Opens the catalog at {@code base} in this process only, with its secret or, when the catalog has not been
     * given one yet, the empty password it was made with. Fails with H2's 90020 while another process has it.
     */
    public static Connection connectAlone(Path base, String settings) throws SQLException {
        String url = aloneUrl(base, settings);
        Optional<String> secret = storedSecret(base);
        if (secret.isPresent()) {
            try {
                return DriverManager.getConnection(url, USER, secret.get());
            } catch (SQLException e) {
                if (e.getErrorCode() != WRONG_PASSWORD) {
                    throw e;
                }
            }
        }
        return DriverManager.getConnection(url, USER, "");
    }

    /**
     * Gives a catalog that still has the empty password (0.1.0's, or one restored from a backup) its secret. Done
     * with the file opened alone, so the port never serves a catalog with an empty password.
     *
     * @return true when the password was changed
     */
    static boolean upgradeEmptyPassword(Path base, String secret) throws SQLException {
        try (Connection c = DriverManager.getConnection(aloneUrl(base, ";IFEXISTS=TRUE"), USER, "");
             Statement s = c.createStatement()) {
            s.execute("ALTER USER " + USER + " SET PASSWORD '" + secret.replace("'", "''") + "'");
            return true;
        } catch (SQLException e) {
            if (e.getErrorCode() == WRONG_PASSWORD) {
                return false; // it has another password: the caller says the secret does not match
            }
            throw e;
        }
    }
}
