package app.triplicate.remote;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.SftpTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a user who mistyped a server name, or meets a server for the first time, is told: a name that does not
 * resolve (under the reserved {@code .invalid} top-level domain, so no lookup can succeed) is said in words and
 * not retried; an unknown host key is shown with the whole command that trusts it, wherever it stops the work.
 */
class RemoteServerNamesTest {
    /** Backoff.STANDARD waits 2 + 4 + 8 + 16 + 32 s between its six attempts: far more than this. */
    private static final double NO_RETRY_SECONDS = 15;

    @TempDir
    Path tmp;
    CliHarness cli;

    @BeforeEach
    void ingestTheSamplesToTwoDrives() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        cli.addDrive(tmp.resolve("a"), "A");
        cli.addDrive(tmp.resolve("b"), "B");
        Cards.withSamples(tmp.resolve("card"));
        cli.expect(0, "ingest", tmp.resolve("card").toString(), "--progress", "none");
    }

    @Test
    void anSftpServerNameThatDoesNotResolveIsSaidInWordsAndNotRetried() {
        cli.withInput("pw\n").expect(0, "remote", "set", "sftp://photo@nas.invalid/backup", "--password-stdin");
        assertNamedOnce(cli.expect(1, "remote", "test").err(), "nas.invalid");
        long t0 = System.nanoTime();
        String push = cli.expect(3, "push").err();
        assertTrue((System.nanoTime() - t0) / 1e9 < NO_RETRY_SECONDS, "no retrying a name that does not resolve");
        assertNamedOnce(push, "nas.invalid");
        assertFalse(push.contains("trying again"), push);
    }

    @Test
    void anS3EndpointThatDoesNotResolveIsSaidInWordsAndNotRetried() {
        // plain HTTP needs a local address, which an unknown name cannot be shown to be: refused at once
        String http = cli.withInput("secret\n").expect(2, "remote", "set", "s3://studio/photos", "--endpoint",
                "http://minio.nas.invalid:9000", "--access-key", "AKID", "--secret-stdin", "--allow-http").err();
        assertNamedOnce(http, "minio.nas.invalid");
        cli.withInput("secret\n").expect(0, "remote", "set", "s3://studio/photos", "--endpoint",
                "https://s3.nas.invalid", "--access-key", "AKID", "--secret-stdin", "--path-style");
        assertNamedOnce(cli.expect(1, "remote", "test").err(), "s3.nas.invalid");
        long t0 = System.nanoTime();
        String push = cli.expect(3, "push").err();
        assertTrue((System.nanoTime() - t0) / 1e9 < NO_RETRY_SECONDS, "no retrying a name that does not resolve");
        assertNamedOnce(push, "s3.nas.invalid");
        assertFalse(push.contains("trying again"), push);
    }

    @Test
    void anUnknownHostKeyNamesTheWholeCommandThatTrustsIt() throws Exception {
        Files.createDirectories(tmp.resolve("served/backup"));
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            cli.withInput(SftpTestServer.PASSWORD + "\n").expect(0, "remote", "set",
                    "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup", "--password-stdin");
            String test = cli.expect(1, "remote", "test").err();
            String command = "triplicate remote trust --fingerprint " + fingerprintIn(test);
            assertTrue(test.contains(command), test);
            String push = cli.expect(3, "push").err();
            assertTrue(push.contains(command), push);

            // trusted by the command as shown; then the trust is lost (a new computer, a deleted file) and verify
            // meets the key as unknown
            runShown(command);
            cli.expect(0, "push");
            Files.delete(tmp.resolve("home/config/known_hosts"));
            CliHarness.Result verify = cli.run("verify", "--remote");
            assertTrue(verify.exitCode() != 0, verify.out());
            assertTrue((verify.out() + verify.err()).contains(command), verify.out() + verify.err());

            // a changed key: the command with the new fingerprint, for when the owner has confirmed it
            runShown(command);
            server.restartWithHostKey(tmp.resolve("other-hostkey"));
            String changed = cli.expect(1, "remote", "test").err();
            assertTrue(changed.contains("has CHANGED"), changed);
            String newKey = fingerprintIn(changed.substring(changed.indexOf("now presents")));
            assertTrue(changed.contains("triplicate remote trust --fingerprint " + newKey), changed);
            CliHarness.Result verifyChanged = cli.run("verify", "--remote");
            assertTrue((verifyChanged.out() + verifyChanged.err()).contains("triplicate remote trust --fingerprint "
                    + newKey), verifyChanged.out() + verifyChanged.err());
        }
    }

    /** Runs a command as a message shows it ("triplicate remote trust --fingerprint SHA256:..."). */
    private void runShown(String command) {
        cli.expect(0, command.substring("triplicate ".length()).split(" "));
    }

    private static void assertNamedOnce(String err, String host) {
        assertTrue(err.contains("The server name '" + host + "' cannot be found"), err);
        assertFalse(err.contains("Exception"), err);
        assertFalse(err.contains("\tat "), err);
    }

    private static String fingerprintIn(String text) {
        Matcher m = Pattern.compile("SHA256:[A-Za-z0-9+/=]+").matcher(text);
        assertTrue(m.find(), "a fingerprint in: " + text);
        return m.group();
    }
}
