package app.triplicate.testing;

import app.triplicate.cli.Cli;
import app.triplicate.files.FileAccess;
import app.triplicate.files.LocalFileAccess;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Runs the command line in-process against a home folder, capturing its output. */
public final class CliHarness {
    private final Path home;
    private FileAccess files = new LocalFileAccess();
    private String input = "";
    private final Map<String, String> env = new java.util.HashMap<>();

    public CliHarness(Path home) {
        this.home = home;
        // the catalog tests' second run puts every home on the PostgreSQL test server (see CatalogEngine)
        CatalogEngine.useConfigured(home);
    }

    /** Every later command goes through this file layer (fault injection). */
    public CliHarness withFiles(FileAccess files) {
        this.files = files;
        return this;
    }

    public record Result(int exitCode, String out, String err) {
        public JsonNode json() {
            try {
                return new ObjectMapper().readTree(out);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + out + "\nstderr: " + err, e);
            }
        }
    }

    /**
     * Later commands also look for drives under {@code roots}, as under the platform's mount places (the
     * {@code TRIPLICATE_MOUNT_ROOTS} variable): how a test's drives are found when the catalog does not list them.
     */
    public CliHarness withMountRoots(Path... roots) {
        env.put("TRIPLICATE_MOUNT_ROOTS", String.join(java.io.File.pathSeparator,
                java.util.Arrays.stream(roots).map(Path::toString).toList()));
        return this;
    }

    /** The next commands read this as their standard input (e.g. a password for --password-stdin). */
    public CliHarness withInput(String text) {
        this.input = text;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        int code = Cli.run(new Cli.Environment(new PrintWriter(out, true), new PrintWriter(err, true), Map.copyOf(env), files,
                false, new java.io.BufferedReader(new java.io.StringReader(input))), all.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Runs and fails the test with the captured output unless the exit code is as expected. */
    public Result expect(int exitCode, String... args) {
        Result r = run(args);
        if (r.exitCode() != exitCode) {
            throw new AssertionError("expected exit " + exitCode + " but got " + r.exitCode() + " for " + List.of(args)
                    + "\nstdout:\n" + r.out() + "\nstderr:\n" + r.err());
        }
        return r;
    }

    /**
     * Sets the test SFTP server's {@code /backup} folder as the remote, with the test password, and trusts its
     * host key the way a user does: the fingerprint {@code remote test} shows, passed to {@code remote trust}.
     */
    public void setSftpRemote(SftpTestServer server) {
        withInput(SftpTestServer.PASSWORD + "\n").expect(0, "remote", "set",
                "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup", "--password-stdin");
        String refused = expect(1, "remote", "test").err();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("SHA256:[A-Za-z0-9+/=]+").matcher(refused);
        if (!m.find()) {
            throw new AssertionError("no fingerprint in: " + refused);
        }
        expect(0, "remote", "trust", "--fingerprint", m.group());
    }

    /** Registers a drive folder (created if needed); every test drive shares the test disk, hence --same-device. */
    public Path addDrive(Path dir, String label) throws IOException {
        Files.createDirectories(dir);
        expect(0, "drive", "add", dir.toString(), "--label", label, "--same-device");
        return dir;
    }
}
