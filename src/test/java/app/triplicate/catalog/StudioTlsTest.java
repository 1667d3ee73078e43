package app.triplicate.catalog;

import app.triplicate.testing.CliHarness;
import app.triplicate.testing.PostgresTestServer;
import app.triplicate.testing.TestCertificate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A studio's server set up as the README says (TLS on, the studio's user accepted over TLS only), on a real
 * PostgreSQL with a certificate made for the test: {@code sslmode=verify-full} with the server's root certificate
 * connects and every command then talks TLS; an address without TLS, or a root certificate that is not the
 * server's, is refused with a message that says what to change, and the home is left as it was.
 */
class StudioTlsTest {
    static PostgresTestServer server;

    @TempDir
    Path tmp;

    @BeforeAll
    static void serverThatRequiresTls() {
        server = PostgresTestServer.ownWithTls();
    }

    @AfterAll
    static void stopIt() {
        server.stopAndDelete(); // not left running for the rest of the suite
    }

    private static boolean overTls(String url) throws Exception {
        try (Connection c = ServerCatalog.at(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD).connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()")) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    @Test
    void verifyFullWithTheServersRootConnectsAndEveryCommandTalksTls() throws Exception {
        String url = server.newDatabase() + "?sslmode=verify-full&sslrootcert=" + server.certificate();
        CliHarness cli = new CliHarness(tmp.resolve("home"));
        cli.withInput(PostgresTestServer.PASSWORD + "\n")
                .expect(0, "catalog", "connect", url, "--user", PostgresTestServer.USER, "--password-stdin");
        assertTrue(cli.expect(0, "catalog", "show").out().startsWith("Studio catalog on 127.0.0.1"));
        cli.expect(0, "status");
        assertTrue(overTls(url), "the address's sslmode reaches the driver");
        // what the commands themselves used: every session of the studio's user on this server is encrypted
        try (Connection c = ServerCatalog.at(url, PostgresTestServer.USER, PostgresTestServer.PASSWORD).connect();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT COUNT(*) FROM pg_stat_ssl s JOIN pg_stat_activity a"
                     + " ON a.pid = s.pid WHERE a.usename = '" + PostgresTestServer.USER + "' AND NOT s.ssl")) {
            rs.next();
            assertEquals(0, rs.getLong(1));
        }
    }

    @Test
    void withoutTlsOrWithAnotherRootTheHomeIsToldWhatToChangeAndStaysAsItWas() throws Exception {
        String database = server.newDatabase();
        CliHarness cli = new CliHarness(tmp.resolve("home"));

        String plain = cli.withInput(PostgresTestServer.PASSWORD + "\n").expect(3, "catalog", "connect",
                database + "?sslmode=disable", "--user", PostgresTestServer.USER, "--password-stdin").err();
        assertTrue(plain.contains("accepts only encrypted connections") && plain.contains("sslmode=verify-full"),
                plain);
        assertFalse(plain.contains("password"), "not a wrong password: " + plain);

        Path other = Files.createDirectories(tmp.resolve("other-root"));
        TestCertificate.make(other, PostgresTestServer.HOST);
        String stranger = cli.withInput(PostgresTestServer.PASSWORD + "\n").expect(3, "catalog", "connect",
                database + "?sslmode=verify-full&sslrootcert=" + other.resolve("server.crt"), "--user",
                PostgresTestServer.USER, "--password-stdin").err();
        assertTrue(stranger.contains("could not prove it is the server") && stranger.contains("sslrootcert"),
                stranger);

        assertTrue(cli.expect(0, "catalog", "show").out().startsWith("This computer"), "the home is as it was");
    }
}
