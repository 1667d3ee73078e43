package app.triplicate.fault;

import app.triplicate.cli.Cli;
import app.triplicate.testing.ForwardingFileAccess;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real command line in a child JVM, with a file layer that counts every file operation and, at the N-th,
 * says so on standard error and stops there for the parent to SIGKILL: {@code PausingCli N triplicate-args...}
 * (N = 0: never stop; N negative: say so at operation -N but go on, so that the kill lands a moment later, in
 * the middle of a write or a catalog commit, stopping three operations later if it has not come by then). A kill point is then a count of file operations (open, create, move, delete, folder
 * sync) chosen by a seed, the same in every run, instead of a wall-clock moment. On exit it prints how many
 * operations the run made, which the tests use to spread their kill points over a whole run.
 */
public final class PausingCli {
    static final String PAUSED = "fault: paused before operation ";
    static final String OPERATIONS = "fault: operations ";

    private PausingCli() {
    }

    public static void main(String[] args) {
        int pauseAt = Integer.parseInt(args[0]);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Counting files = new Counting(pauseAt, err);
        int code = Cli.run(new Cli.Environment(new PrintWriter(System.out, true, StandardCharsets.UTF_8), err,
                System.getenv(), files, false,
                new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))),
                Arrays.copyOfRange(args, 1, args.length));
        err.println(OPERATIONS + files.count.get());
        err.flush();
        System.exit(code);
    }

    /** Counts file operations, in-process too (to measure a run), and stops at the chosen one. */
    static final class Counting extends ForwardingFileAccess {
        final AtomicInteger count = new AtomicInteger();
        private final int pauseAt;
        private final PrintWriter err;

        Counting(int pauseAt, PrintWriter err) {
            this.pauseAt = pauseAt;
            this.err = err;
        }

        private void step(String op, Path path) {
            int n = count.incrementAndGet();
            if (n == -pauseAt) {
                err.println(PAUSED + n + " (going on): " + op + " " + path);
                err.flush();
            }
            // running on: stop three operations later all the same, should the kill not have come by then, so
            // that a short run cannot end before it
            if (n == pauseAt || (pauseAt < 0 && n == -pauseAt + 3)) {
                err.println(PAUSED + n + ": " + op + " " + path);
                err.flush();
                while (true) { // the parent kills this JVM now
                    try {
                        Thread.sleep(60_000);
                    } catch (InterruptedException e) {
                        // keep waiting for the kill
                    }
                }
            }
        }

        @Override
        public FileChannel openRead(Path file) throws IOException {
            step("open", file);
            return super.openRead(file);
        }

        @Override
        public FileChannel openDirectRead(Path file) throws IOException {
            step("open-direct", file);
            return super.openDirectRead(file);
        }

        @Override
        public FileChannel createNew(Path file) throws IOException {
            step("create", file);
            return super.createNew(file);
        }

        @Override
        public void createDirectories(Path root, Path dir) throws IOException {
            step("mkdirs", dir);
            super.createDirectories(root, dir);
        }

        @Override
        public void moveAtomically(Path from, Path to) throws IOException {
            step("move", to);
            super.moveAtomically(from, to);
        }

        @Override
        public void replaceAtomically(Path from, Path to) throws IOException {
            step("replace", to);
            super.replaceAtomically(from, to);
        }

        @Override
        public void syncDirectory(Path dir) {
            step("sync", dir);
            super.syncDirectory(dir);
        }

        @Override
        public boolean deleteIfExists(Path file) throws IOException {
            step("delete", file);
            return super.deleteIfExists(file);
        }
    }
}
