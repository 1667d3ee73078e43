package app.triplicate.testing;

import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.ServerCatalog;
import app.triplicate.settings.Home;
import app.triplicate.wiring.CatalogChoice;

import java.nio.file.Path;

/**
 * The two catalog engines a test runs against ({@code @ParameterizedTest @EnumSource(CatalogEngine.class)}): this
 * computer's embedded H2, and a studio catalog in a fresh database of the real PostgreSQL server of
 * {@link PostgresTestServer}. A home is connected the way {@code catalog connect} does it, so the command line and
 * the services of that home use the engine without knowing it.
 */
public enum CatalogEngine {
    H2 {
        @Override
        public Path use(Path home) {
            return home;
        }

        @Override
        public Catalog open(Path folder) {
            return Catalog.open(folder.resolve("catalog"));
        }
    },
    POSTGRESQL {
        @Override
        public Path use(Path home) {
            new CatalogChoice(Home.under(home).configDir()).connect(newServerCatalog(), PostgresTestServer.PASSWORD);
            return home;
        }

        @Override
        public Catalog open(Path folder) {
            return newServerCatalog().open();
        }
    };

    /** Makes {@code home} use this engine (for PostgreSQL: connected to a new, empty database); returns it. */
    public abstract Path use(Path home);

    /** A new, empty catalog on this engine (H2: files under {@code folder}). */
    public abstract Catalog open(Path folder);

    /** The system property that chooses the engine of every home a {@link CliHarness} runs in ("postgresql"). */
    public static final String PROPERTY = "triplicate.test.catalog";

    /**
     * Connects {@code home} to a new PostgreSQL database when the tests run with {@code -Dtriplicate.test.catalog=
     * postgresql} and it is not connected yet: how the command-line tests of the catalog run again on the server.
     */
    public static void useConfigured(Path home) {
        if ("postgresql".equalsIgnoreCase(System.getProperty(PROPERTY, ""))
                && new CatalogChoice(Home.under(home).configDir()).connection().isEmpty()) {
            POSTGRESQL.use(home);
        }
    }

    /** A new, empty database on the test server, as a workstation would name it. */
    public static ServerCatalog newServerCatalog() {
        PostgresTestServer server = PostgresTestServer.shared();
        return ServerCatalog.at(server.newDatabase(), PostgresTestServer.USER, PostgresTestServer.PASSWORD);
    }
}
