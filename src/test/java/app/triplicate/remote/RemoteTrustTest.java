package app.triplicate.remote;

import app.triplicate.testing.CliHarness;
import app.triplicate.testing.SftpTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code remote test} and {@code remote trust} against a real SFTP server (Apache MINA SSHD, in-process):
 * an unknown host key is shown and trusted only with the fingerprint the user saw; a changed one is refused.
 */
class RemoteTrustTest {
    @TempDir
    Path tmp;

    @Test
    void anUnknownKeyIsShownTrustedByItsFingerprintAndAChangedOneIsRefused() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served/backup"));
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            CliHarness cli = new CliHarness(tmp.resolve("home"));
            cli.withInput(SftpTestServer.PASSWORD + "\n").expect(0, "remote", "set",
                    "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup", "--password-stdin");

            // unknown: refused, with the fingerprint and what to do
            CliHarness.Result first = cli.expect(1, "remote", "test");
            assertTrue(first.err().contains("is not known yet"), first.err());
            String fingerprint = fingerprintIn(first.err());

            // trust without a fingerprint only shows it; a wrong one trusts nothing
            String shown = cli.expect(0, "remote", "trust").out();
            assertTrue(shown.contains(fingerprint) && shown.contains("--fingerprint " + fingerprint), shown);
            assertTrue(cli.expect(1, "remote", "trust", "--fingerprint", "SHA256:AAAAwrongAAAA").err()
                    .contains("Nothing was trusted"));
            assertTrue(cli.expect(1, "remote", "test").err().contains("is not known yet"));

            assertTrue(cli.expect(0, "remote", "trust", "--fingerprint", fingerprint).out().contains("Trusted"));
            assertTrue(cli.expect(0, "remote", "test").out().startsWith("OK: "));
            try (var left = Files.walk(served)) {
                assertEquals(1, left.count(), "the probe is removed: nothing left in the base folder");
            }

            // the server comes back with another key: refused loudly, nothing sent
            server.restartWithHostKey(tmp.resolve("other-hostkey"));
            CliHarness.Result changed = cli.expect(1, "remote", "test");
            assertTrue(changed.err().contains("has CHANGED"), changed.err());
            assertFalse(changed.err().contains(SftpTestServer.PASSWORD));
        }
    }

    @Test
    void aWrongPasswordAndAServerThatIsDownSayWhatToFix() throws Exception {
        Files.createDirectories(tmp.resolve("served/backup"));
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            CliHarness cli = new CliHarness(tmp.resolve("home"));
            String url = "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup";
            cli.withInput("not the password\n").expect(0, "remote", "set", url, "--password-stdin");
            String fp = fingerprintIn(cli.expect(1, "remote", "test").err());
            cli.expect(0, "remote", "trust", "--fingerprint", fp);
            CliHarness.Result wrong = cli.expect(1, "remote", "test");
            assertTrue(wrong.err().toLowerCase().contains("password"), wrong.err());
            assertFalse(wrong.err().contains("not the password"), "the secret is never printed");

            server.stop();
            CliHarness.Result down = cli.expect(1, "remote", "test");
            assertTrue(down.err().contains("127.0.0.1"), down.err());
        }
    }

    private static String fingerprintIn(String text) {
        Matcher m = Pattern.compile("SHA256:[A-Za-z0-9+/=]+").matcher(text);
        assertTrue(m.find(), "a fingerprint in: " + text);
        return m.group();
    }
}
