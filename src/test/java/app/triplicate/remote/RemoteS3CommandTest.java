package app.triplicate.remote;

import app.triplicate.testing.CliHarness;
import app.triplicate.testing.S3TestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code remote set s3://...} and {@code remote test} against a real S3 API (s3proxy, in-process). */
class RemoteS3CommandTest {
    @TempDir
    Path tmp;

    @Test
    void testReachesTheBucketAndNamesWhatIsWrong() throws Exception {
        try (S3TestServer server = S3TestServer.start(tmp.resolve("s3"), "studio")) {
            CliHarness cli = new CliHarness(tmp.resolve("home"));
            String endpoint = server.endpoint().toString();
            cli.withInput(S3TestServer.SECRET + "\n").expect(0, "remote", "set", "s3://studio/triplicate",
                    "--endpoint", endpoint, "--access-key", S3TestServer.ACCESS_KEY, "--secret-stdin",
                    "--path-style", "--allow-http");
            CliHarness.Result ok = cli.expect(0, "remote", "test");
            assertTrue(ok.out().startsWith("OK: s3://studio/triplicate"), ok.out());
            assertFalse(ok.out().contains(S3TestServer.SECRET));

            cli.withInput("not-the-secret\n").expect(0, "remote", "set", "s3://studio/triplicate", "--endpoint",
                    endpoint, "--access-key", S3TestServer.ACCESS_KEY, "--secret-stdin", "--path-style", "--allow-http");
            CliHarness.Result auth = cli.expect(1, "remote", "test");
            assertFalse(auth.err().contains("not-the-secret"), auth.err());
            assertTrue(auth.err().toLowerCase().contains("key"), auth.err());

            cli.withInput(S3TestServer.SECRET + "\n").expect(0, "remote", "set", "s3://no-such-bucket", "--endpoint",
                    endpoint, "--access-key", S3TestServer.ACCESS_KEY, "--secret-stdin", "--path-style", "--allow-http");
            CliHarness.Result missing = cli.expect(1, "remote", "test");
            assertTrue(missing.err().contains("no-such-bucket"), missing.err());
        }
    }
}
