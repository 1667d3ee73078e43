package app.triplicate.cli;

import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.CatalogCopy;
import app.triplicate.catalog.ServerCatalog;
import app.triplicate.core.UsageException;
import app.triplicate.wiring.CatalogChoice;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code catalog connect}, {@code show}, {@code disconnect} and {@code copy-to}: which catalog this computer's
 * Triplicate uses, its own embedded one or a studio's shared one on a PostgreSQL server.
 */
final class StudioCatalogCommands {
    private StudioCatalogCommands() {
    }

    /**
     * {@code catalog restore} and {@code rebuild} work on this computer's own catalog files; on a home connected to a
     * studio catalog they would quietly change a catalog nobody uses, so they refuse and say what to do instead.
     */
    static void refuseOnStudioCatalog(app.triplicate.settings.Home home, String command) {
        var connection = new CatalogChoice(home.configDir()).connection();
        if (connection.isPresent()) {
            throw new UsageException("This home uses a studio catalog (" + connection.get().url() + "); 'catalog "
                    + command + "' works on this computer's own catalog. Restore a studio catalog from the server's "
                    + "backup (pg_restore, see the README's Studio section), or run 'triplicate catalog disconnect' "
                    + "first.");
        }
    }

    /** The server's address, the user and where the password comes from: what connect and copy-to both take. */
    static final class ServerLogin {
        @Parameters(paramLabel = "URL", description = "jdbc:postgresql://HOST[:PORT]/DATABASE[?sslmode=...]")
        String url;

        @Option(names = "--user", required = true, description = "The user who logs in to the server.")
        String user;

        @ArgGroup(multiplicity = "1")
        PasswordSource password;

        /** The server, logged in with {@code secret} (read once from standard input or the file). */
        ServerCatalog server(String secret) {
            return ServerCatalog.at(url, user, secret);
        }
    }

    /** Where the password comes from: never the command line itself (it would stay in the shell's history). */
    static final class PasswordSource {
        @Option(names = "--password-stdin", required = true, description = "Read the password from standard input.")
        boolean stdin;

        @Option(names = "--password-file", required = true, paramLabel = "FILE",
                description = "Read the password from the first line of FILE.")
        Path file;

        String read(java.io.BufferedReader in) {
            try {
                String line = stdin ? in.readLine() : Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                        .findFirst().orElse(null);
                if (line == null || line.isEmpty()) {
                    throw new UsageException("No password " + (stdin ? "on standard input." : "in " + file + "."));
                }
                return line;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the password file " + file + ": " + e.getMessage(), e);
            }
        }
    }

    @Command(name = "connect", description = {"Use a studio's shared catalog on a PostgreSQL server.",
            "  catalog connect jdbc:postgresql://HOST[:PORT]/DB --user USER --password-stdin",
            "The database is created or upgraded to this version's catalog; every later command of this home uses "
                    + "it. The address and user are kept in the settings folder, the password in an owner-only file "
                    + "(never in settings or logs). To require TLS, add the parameter sslmode=verify-full to the address. This "
                    + "computer's own catalog stays as it is; 'catalog copy-to' moves its history to the server."})
    static final class Connect implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Mixin
        ServerLogin login;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            String secret = login.password.read(env.in());
            ServerCatalog server = login.server(secret);
            // opened once before anything is saved: a wrong address or password leaves this home as it was
            try (Catalog ignored = server.open()) {
                new CatalogChoice(parent.root.home().configDir()).connect(server, secret);
            }
            env.out().println("Connected to the studio catalog " + server + " as " + server.user() + ".");
            env.out().println("Every command of this home now uses it; 'triplicate catalog disconnect' goes back to "
                    + "this computer's own catalog.");
            return Cli.OK;
        }
    }

    @Command(name = "show", description = "Show which catalog this home uses (never the password).")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        record ShowJson(int schemaVersion, String engine, String url, String host, String database, String user,
                        String path) {
        }

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var home = parent.root.home();
            var connection = new CatalogChoice(home.configDir()).connection();
            if (connection.isPresent()) {
                ServerCatalog s = ServerCatalog.at(connection.get().url(), connection.get().user(), null);
                if (json) {
                    env.out().println(Json.write(new ShowJson(Json.SCHEMA_VERSION, "postgresql", s.url(), s.host(),
                            s.database(), s.user(), null)));
                } else {
                    env.out().println("Studio catalog on " + s.host() + ": database \"" + s.database() + "\", user "
                            + s.user() + " (" + s.url() + ").");
                }
            } else if (json) {
                env.out().println(Json.write(new ShowJson(Json.SCHEMA_VERSION, "h2", null, null, null, null,
                        home.catalogBase().toString())));
            } else {
                env.out().println("This computer's own catalog: " + home.catalogBase() + ".");
            }
            return Cli.OK;
        }
    }

    @Command(name = "disconnect", description = "Go back to this computer's own catalog.")
    static final class Disconnect implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var home = parent.root.home();
            CatalogChoice choice = new CatalogChoice(home.configDir());
            if (choice.connection().isEmpty()) {
                env.out().println("This home already uses this computer's own catalog (" + home.catalogBase() + ").");
                return Cli.OK;
            }
            choice.disconnect();
            env.out().println("Disconnected: this home uses this computer's own catalog again ("
                    + home.catalogBase() + "). The studio catalog on the server is unchanged.");
            return Cli.OK;
        }
    }

    @Command(name = "copy-to", description = {"Move this computer's catalog into an empty studio database.",
            "  catalog copy-to jdbc:postgresql://HOST[:PORT]/DB --user USER --password-stdin",
            "Every row is copied in one transaction and counted on both sides; then this home is connected to it. "
                    + "The database must be empty, so no studio catalog is ever overwritten. This computer's own "
                    + "catalog is only read and stays where it is."})
    static final class CopyTo implements Callable<Integer> {
        @ParentCommand
        CatalogCommand parent;

        @Mixin
        ServerLogin login;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            var home = parent.root.home();
            CatalogChoice choice = new CatalogChoice(home.configDir());
            if (choice.connection().isPresent()) {
                throw new UsageException("This home already uses a studio catalog; copy-to moves this computer's "
                        + "own catalog. Run 'triplicate catalog disconnect' first.");
            }
            String secret = login.password.read(env.in());
            ServerCatalog server = login.server(secret);
            CatalogCopy.Counts counts;
            try (Catalog own = Catalog.open(home.catalogBase())) {
                counts = CatalogCopy.copy(own, server);
            }
            choice.connect(server, secret);
            for (Map.Entry<String, Long> e : counts.rows().entrySet()) {
                env.out().printf("  %-22s %,d rows on both sides%n", e.getKey(), e.getValue());
            }
            env.out().println("Copied this computer's catalog (" + counts.total() + " rows) to the studio catalog "
                    + server + "; this home now uses it. This computer's own catalog is unchanged at "
                    + home.catalogBase() + ".");
            return Cli.OK;
        }
    }
}
