package app.triplicate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * A real PostgreSQL server for tests (Debian's {@code postgresql} package, never H2's PostgreSQL mode): one per test
 * JVM, started on first use in a temporary folder, listening on 127.0.0.1 at a free port with its socket folder beside
 * its data, stopped and deleted when the JVM ends. PostgreSQL refuses to run as root, and the tests run as root in
 * CI: then {@code initdb} and {@code pg_ctl} run as user {@code postgres} ({@code runuser}) on a folder that user owns.
 * Each test gets a database of its own ({@link #newDatabase}), owned by {@link #USER}, who logs in with a password
 * over TCP like a workstation would.
 */
public final class PostgresTestServer {
    public static final String HOST = "127.0.0.1";
    public static final String USER = "studio";
    public static final String PASSWORD = "darkroom Lösung 42";
    private static final String SUPERUSER = "postgres";
    private static final String SUPERUSER_PASSWORD = "superuser-only-in-tests";

    private static PostgresTestServer shared;

    private final Path folder;
    private final Path data;
    private final Path bin;
    private final int port;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresTestServer(Path folder, Path bin, int port) {
        this.folder = folder;
        this.data = folder.resolve("data");
        this.bin = bin;
        this.port = port;
    }

    /** The server of this JVM, started on first use. Fails clearly when PostgreSQL is not installed. */
    public static synchronized PostgresTestServer shared() {
        if (shared == null) {
            shared = start();
            PostgresTestServer s = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(s::stopAndDelete, "postgres-test-server-stop"));
        }
        return shared;
    }

    /**
     * A server of the calling test's own, started now and stopped and deleted when the JVM ends: for a test that
     * stops the server mid-run ({@link #stop}) and starts it again on the same data and port ({@link #startAgain}),
     * which the shared one must never do under the other tests.
     */
    public static PostgresTestServer own() {
        PostgresTestServer s = start();
        Runtime.getRuntime().addShutdownHook(new Thread(s::stopAndDelete, "postgres-test-server-stop"));
        return s;
    }

    /**
     * A server of the calling test's own that speaks TLS with a certificate made now for {@value #HOST} (its own
     * root: {@link #certificate}), and accepts {@link #USER} only over TLS, as the README's {@code hostssl} line
     * sets a studio's server up. Stopped and deleted when the JVM ends.
     */
    public static PostgresTestServer ownWithTls() {
        PostgresTestServer s = start(true);
        Runtime.getRuntime().addShutdownHook(new Thread(s::stopAndDelete, "postgres-test-server-stop"));
        return s;
    }

    /** The server's certificate (PEM), which is also its root: what a client names in {@code sslrootcert}. */
    public Path certificate() {
        return folder.resolve("root.crt");
    }

    /**
     * Stops the server as an administrator's shutdown does ({@code pg_ctl stop -m fast}): open connections are
     * ended at once, new ones refused. Returns when the server is down.
     */
    public void stop() {
        asServerUser(root(), folder, bin.resolve("pg_ctl").toString(), "-D", data.toString(), "-m", "fast", "-w",
                "stop");
    }

    /** Starts the stopped server again, on the same data folder and port. */
    public void startAgain() {
        listen(root());
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private void listen(boolean root) {
        // fsync off: a test server's data needs no power-cut safety, and it makes each test faster
        asServerUser(root, folder, bin.resolve("pg_ctl").toString(), "-D", data.toString(),
                "-l", folder.resolve("server.log").toString(), "-w", "-t", "60", "-o",
                "-p " + port + " -h " + HOST + " -k " + folder + " -c fsync=off -c max_connections=200",
                "start");
    }

    /** A fresh, empty database owned by {@link #USER}; its JDBC URL. */
    public String newDatabase() {
        String name = "t" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        superuser("CREATE DATABASE " + name + " OWNER " + USER);
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://" + HOST + ":" + port + "/" + database;
    }

    public int port() {
        return port;
    }

    /** Runs statements as the superuser in database {@code postgres} (create, drop, terminate connections). */
    public void superuser(String... statements) {
        try (Connection c = DriverManager.getConnection(url("postgres"), SUPERUSER, SUPERUSER_PASSWORD);
             Statement st = c.createStatement()) {
            for (String s : statements) {
                st.execute(s);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL test server: " + e.getMessage(), e);
        }
    }

    private static PostgresTestServer start() {
        return start(false);
    }

    private static PostgresTestServer start(boolean tls) {
        Path bin = binaries();
        try {
            Path folder = Files.createTempDirectory("triplicate-pg-");
            // as root: the server's own user must own its folder (a temporary folder is root's, mode 700)
            boolean root = "root".equals(System.getProperty("user.name"));
            if (root) {
                run(List.of("chown", "postgres:postgres", folder.toString()), folder);
            }
            Path pwfile = folder.resolve("pwfile");
            Files.writeString(pwfile, SUPERUSER_PASSWORD + "\n");
            if (root) {
                run(List.of("chown", "postgres:postgres", pwfile.toString()), folder);
            }
            asServerUser(root, folder, bin.resolve("initdb").toString(), "-D", folder.resolve("data").toString(),
                    "-U", SUPERUSER, "--pwfile=" + pwfile, "--auth-host=scram-sha-256", "--auth-local=trust",
                    "-E", "UTF8", "--locale=C.UTF-8", "--no-sync");
            Files.delete(pwfile);
            if (tls) {
                TestCertificate.make(folder, HOST);
                Path data = folder.resolve("data");
                Files.copy(folder.resolve("server.crt"), data.resolve("server.crt"));
                Files.copy(folder.resolve("server.key"), data.resolve("server.key"));
                Files.copy(folder.resolve("server.crt"), folder.resolve("root.crt"));
                Files.writeString(data.resolve("postgresql.conf"), "\nssl = on\nssl_cert_file = 'server.crt'\n"
                        + "ssl_key_file = 'server.key'\n", java.nio.file.StandardOpenOption.APPEND);
                // the first line that matches decides: the studio's user without TLS is turned away
                Path hba = data.resolve("pg_hba.conf");
                Files.writeString(hba, "hostnossl all " + USER + " 0.0.0.0/0 reject\n" + Files.readString(hba));
                if (root) {
                    run(List.of("chown", "postgres:postgres", data.resolve("server.crt").toString(),
                            data.resolve("server.key").toString()), folder);
                }
                run(List.of("chmod", "600", data.resolve("server.key").toString()), folder);
            }
            // a free port; if another process takes it before the server does, start fails and we try another
            for (int attempt = 1; ; attempt++) {
                int port;
                try (ServerSocket s = new ServerSocket(0)) {
                    port = s.getLocalPort();
                }
                PostgresTestServer server = new PostgresTestServer(folder, bin, port);
                try {
                    server.listen(root);
                } catch (IllegalStateException e) {
                    if (attempt < 3) {
                        continue;
                    }
                    throw e;
                }
                server.superuser("CREATE ROLE " + USER + " LOGIN PASSWORD '" + PASSWORD + "'");
                return server;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("PostgreSQL test server could not be set up: " + e.getMessage(), e);
        }
    }

    /** Stops the server and deletes its folder (a test's {@link #own} server, when the test is done with it). */
    public synchronized void stopAndDelete() {
        if (!Files.isDirectory(folder)) {
            return; // done already (the test, then the JVM's exit)
        }
        try {
            asServerUser("root".equals(System.getProperty("user.name")), folder, bin.resolve("pg_ctl").toString(),
                    "-D", data.toString(), "-m", "immediate", "-w", "stop");
        } catch (RuntimeException e) {
            System.err.println("PostgreSQL test server did not stop: " + e.getMessage());
        }
        try (Stream<Path> all = Files.walk(folder)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            System.err.println("PostgreSQL test server folder " + folder + " not deleted: " + e.getMessage());
        }
    }

    /** The newest installed PostgreSQL's binaries (Debian keeps them per major version). */
    private static Path binaries() {
        Path versions = Path.of("/usr/lib/postgresql");
        try (Stream<Path> dirs = Files.isDirectory(versions) ? Files.list(versions) : Stream.empty()) {
            return dirs.map(d -> d.resolve("bin"))
                    .filter(b -> Files.isExecutable(b.resolve("initdb")))
                    .max(Comparator.comparingInt(b -> Integer.parseInt(b.getParent().getFileName().toString()
                            .replaceAll("\\D", "0"))))
                    .orElseThrow(() -> new IllegalStateException("These tests need a real PostgreSQL server and none "
                            + "is installed (no /usr/lib/postgresql/*/bin/initdb). Install Debian's package: "
                            + "apt-get install -y postgresql (.ci/run does this)."));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void asServerUser(boolean root, Path folder, String... command) {
        List<String> c = new ArrayList<>();
        if (root) {
            c.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        c.addAll(List.of(command));
        run(c, folder);
    }

    private static void run(List<String> command, Path folder) {
        try {
            Process p = new ProcessBuilder(command).directory(folder.toFile()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
                String log = "";
                Path serverLog = folder.resolve("server.log");
                if (Files.exists(serverLog)) {
                    log = "\nserver.log:\n" + Files.readString(serverLog);
                }
                throw new IllegalStateException("PostgreSQL test server: " + String.join(" ", command)
                        + " failed:\n" + out + log);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
