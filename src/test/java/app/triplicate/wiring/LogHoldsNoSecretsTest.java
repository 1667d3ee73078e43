package app.triplicate.wiring;

import app.triplicate.testing.CliHarness;
import app.triplicate.testing.S3TestServer;
import app.triplicate.testing.SftpTestServer;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The log never holds a remote's password or secret key: remote commands run against real SFTP and S3 servers
 * (in-process) with Triplicate's own logging configuration ({@link LogConfiguration}) writing to a file,
 * and then everything turned up to TRACE, the SSH library too (the configuration caps it at WARN), as someone chasing
 * a problem might do: what holds at TRACE holds at the shipped levels. Then the file is searched for every
 * secret used, right and wrong.
 */
class LogHoldsNoSecretsTest {
    private static final String WRONG_PASSWORD = "wrong-Passw0rd-7c1e";
    private static final String WRONG_SECRET = "wrong-S3cret-key-94d2";

    @TempDir
    Path tmp;

    @Test
    void remoteCommandsLogNoPasswordOrSecret() throws Exception {
        Path logDir = tmp.resolve("logs");
        Path logFile = logDir.resolve("triplicate.log");
        LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
        try {
            useProductionLogging(context, logDir);
            runRemoteCommands();
        } finally {
            context.reset();
            new ContextInitializer(context).autoConfig();
        }

        String log = Files.readString(logFile, StandardCharsets.UTF_8);
        System.out.println("log written during the remote commands: " + log.lines().count() + " lines, "
                + log.length() + " characters");
        assertFalse(log.isBlank(), "the log file is empty: the test would prove nothing");
        assertTrue(log.contains("awssdk"), "the S3 client's lines are in the log");
        assertTrue(log.contains("ClientUserAuthService"), "the SSH client's login lines are in the log");
        assertTrue(log.contains("remote-log-check: sftp done"), "the SFTP part ran with the log in place");
        for (String secret : List.of(SftpTestServer.PASSWORD, WRONG_PASSWORD, S3TestServer.SECRET, WRONG_SECRET)) {
            assertFalse(log.contains(secret), "the log holds a secret: " + secret);
        }
        // and no part of them either (a line cut, or a different encoding of the non-ASCII password)
        for (String part : List.of("correct horse battery", "s3proxy-test-secret", "wrong-Passw0rd", "wrong-S3cret")) {
            assertFalse(log.contains(part), "the log holds part of a secret: " + part);
        }
    }

    /** The application's logging configuration, its file in {@code logDir}; every logger at TRACE except the S3 test server's. */
    private static void useProductionLogging(LoggerContext context, Path logDir) throws Exception {
        context.reset();
        LogConfiguration.apply(context, logDir);
        context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.TRACE);
        context.getLogger("org.apache.sshd").setLevel(Level.TRACE);
        // the S3 test server is not Triplicate, and it holds the secret to check signatures: its own logging stays
        // out. (The SFTP test server shares the SSH library's loggers with the client, so its lines stay in.)
        context.getLogger("org.gaul").setLevel(Level.OFF);
        context.getLogger("org.jclouds").setLevel(Level.OFF);
        context.getLogger("org.eclipse.jetty").setLevel(Level.OFF);
    }

    private void runRemoteCommands() throws Exception {
        org.slf4j.Logger marker = LoggerFactory.getLogger("remote-log-check");

        Files.createDirectories(tmp.resolve("served/backup"));
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            CliHarness cli = new CliHarness(tmp.resolve("home-sftp"));
            String url = "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup";
            cli.withInput(SftpTestServer.PASSWORD + "\n").expect(0, "remote", "set", url, "--password-stdin");
            String refused = cli.expect(1, "remote", "test").err();
            Matcher fp = Pattern.compile("SHA256:[A-Za-z0-9+/=]+").matcher(refused);
            assertTrue(fp.find(), refused);
            cli.expect(0, "remote", "trust", "--fingerprint", fp.group());
            assertTrue(cli.expect(0, "remote", "test").out().startsWith("OK: "));

            cli.withInput(WRONG_PASSWORD + "\n").expect(0, "remote", "set", url, "--password-stdin");
            assertTrue(cli.expect(1, "remote", "test").err().toLowerCase().contains("password"));
            assertTrue(server.passwordAttempts() >= 2, "the server saw the right and the wrong password");
        }
        marker.info("remote-log-check: sftp done");

        try (S3TestServer server = S3TestServer.start(tmp.resolve("s3"), "studio")) {
            CliHarness cli = new CliHarness(tmp.resolve("home-s3"));
            String endpoint = server.endpoint().toString();
            cli.withInput(S3TestServer.SECRET + "\n").expect(0, "remote", "set", "s3://studio/triplicate",
                    "--endpoint", endpoint, "--access-key", S3TestServer.ACCESS_KEY, "--secret-stdin",
                    "--path-style", "--allow-http");
            assertTrue(cli.expect(0, "remote", "test").out().startsWith("OK: "));

            cli.withInput(WRONG_SECRET + "\n").expect(0, "remote", "set", "s3://studio/triplicate", "--endpoint",
                    endpoint, "--access-key", S3TestServer.ACCESS_KEY, "--secret-stdin", "--path-style", "--allow-http");
            cli.expect(1, "remote", "test");
        }
        marker.info("remote-log-check: s3 done");
    }
}
