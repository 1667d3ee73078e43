package app.triplicate.testing;

import app.triplicate.catalog.Catalog;
import app.triplicate.catalog.CatalogIdentityRepository;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A second Triplicate process for tests of a shared catalog: a child JVM ({@link #start}) that opens the catalog of
 * a home the way the application does and obeys lines on its standard input: {@code hold} starts a transaction that
 * changes the catalog's generation and keeps it open (uncommitted) until {@code release}; {@code generation}
 * prints what it reads; {@code close} closes the catalog and ends the process. It answers each with one line.
 */
public final class CatalogHolder implements AutoCloseable {
    private final Process process;
    private final BufferedReader out;
    private final PrintWriter in;

    private CatalogHolder(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.in = new PrintWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8), true);
    }

    /** Starts the child and waits until it has the catalog open; its first line says whether it opened the file. */
    public static CatalogHolder start(Path home) throws IOException {
        Path base = app.triplicate.settings.Home.under(home).catalogBase();
        if (!java.nio.file.Files.exists(app.triplicate.catalog.CatalogSnapshots.dataFile(base))) {
            // made (migrated) here: a new JVM creating it on a loaded machine can pass the catalog's open limit
            Catalog.open(base).close();
        }
        CatalogHolder h = new CatalogHolder(ChildJvm.startMain(java.util.List.of("--enable-native-access=ALL-UNNAMED"),
                CatalogHolder.class, home.toString()));
        String first = h.answer();
        if (!first.startsWith("open")) {
            throw new IllegalStateException("the holder did not open the catalog: " + first);
        }
        return h;
    }

    /** Sends {@code command} and returns the answer line (log lines before it are skipped). */
    public String ask(String command) throws IOException {
        in.println(command);
        return answer();
    }

    private String answer() throws IOException {
        StringBuilder skipped = new StringBuilder();
        for (String line; (line = out.readLine()) != null; ) {
            if (line.startsWith("> ")) {
                return line.substring(2);
            }
            skipped.append(line).append('\n');
        }
        throw new IOException("the holder ended: exit " + waitEnd() + "\n" + skipped);
    }

    /** Waits for the child to end (after {@code close}); returns its exit code. */
    public int waitEnd() {
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    public static void main(String[] args) throws Exception {
        Path base = app.triplicate.settings.Home.under(Path.of(args[0])).catalogBase();
        Catalog catalog = Catalog.open(base);
        BufferedReader stdin = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        System.out.println("> open");
        CountDownLatch release = new CountDownLatch(1);
        for (String line; (line = stdin.readLine()) != null; ) {
            switch (line) {
                case "hold" -> {
                    CountDownLatch held = new CountDownLatch(1);
                    Thread t = new Thread(() -> catalog.inTransaction(c -> {
                        try (Statement s = c.createStatement()) {
                            s.executeUpdate("UPDATE catalog_identity SET generation = generation + 1000");
                        }
                        held.countDown();
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        throw new java.sql.SQLException("rolled back on purpose");
                    }), "holder");
                    t.start();
                    held.await();
                    System.out.println("> holding");
                }
                case "release" -> {
                    release.countDown();
                    System.out.println("> released");
                }
                case "generation" -> System.out.println("> " + new CatalogIdentityRepository(catalog).current().generation());
                case "close" -> {
                    catalog.close();
                    System.out.println("> closed");
                    System.exit(0);
                }
                default -> System.out.println("> unknown " + line);
            }
        }
    }
}
