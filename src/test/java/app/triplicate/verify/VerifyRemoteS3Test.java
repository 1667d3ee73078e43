package app.triplicate.verify;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.S3TestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static app.triplicate.verify.RemoteVerifyFixture.SAMPLES;
import static app.triplicate.verify.RemoteVerifyFixture.flipOneByte;
import static app.triplicate.verify.RemoteVerifyFixture.kinds;
import static app.triplicate.verify.RemoteVerifyFixture.labels;
import static app.triplicate.verify.RemoteVerifyFixture.libraryPath;
import static app.triplicate.verify.RemoteVerifyFixture.remoteVerifiedAt;
import static app.triplicate.verify.RemoteVerifyFixture.result;
import static app.triplicate.verify.RemoteVerifyFixture.session;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code verify} with an S3 remote (s3proxy on 127.0.0.1, in-process), through the command line: the
 * remote's copies are proven by the checksum the provider keeps, without downloading; an object deleted or
 * replaced behind Triplicate's back is found, and {@code repair} sends it again, never overwriting.
 */
class VerifyRemoteS3Test {
    private static final String BUCKET = "studio";
    private static final String PREFIX = "triplicate";

    @TempDir
    Path tmp;
    CliHarness cli;
    S3TestServer server;
    String remote;

    @BeforeEach
    void ingestSetTheRemoteAndPush() throws Exception {
        server = S3TestServer.start(tmp.resolve("s3"), BUCKET);
        cli = new CliHarness(tmp.resolve("home"));
        RemoteVerifyFixture.ingestToTwoDrives(cli, tmp);
        setRemote(S3TestServer.SECRET);
        cli.expect(0, "push", "--progress", "none");
        remote = "Remote " + cli.expect(0, "remote", "show", "--json").json().get("describe").asText();
        assertTrue(remote.startsWith("Remote s3://" + BUCKET + "/" + PREFIX + " at "), remote);
        assertEquals("offsite verified", session(cli).get("offsite").asText());
    }

    private void setRemote(String secret) {
        cli.withInput(secret + "\n").expect(0, "remote", "set", "s3://" + BUCKET + "/" + PREFIX, "--endpoint",
                server.endpoint().toString(), "--access-key", S3TestServer.ACCESS_KEY, "--secret-stdin", "--path-style",
                "--allow-http");
    }

    @AfterEach
    void stopAndCheckTheCatalog() throws Exception {
        server.close();
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    private String key(String name) {
        return PREFIX + "/" + libraryPath(cli, name);
    }

    private byte[] object(S3Client s3, String key) {
        return s3.getObjectAsBytes(b -> b.bucket(BUCKET).key(key)).asByteArray();
    }

    @Test
    void checksumsProveEveryCopyWithoutDownloadingAndADeletedOrReplacedObjectIsFoundAndSentAgain() throws Exception {
        JsonNode good = cli.expect(0, "verify", "--json").json();
        assertEquals(List.of("A", "B", remote), labels(good), good.toString());
        JsonNode r = result(good, remote);
        assertEquals(4, r.get("copiesChecked").asLong());
        assertEquals("provider-checksum", r.get("method").asText());
        assertEquals(0, r.get("bytesRead").asLong(), "nothing is downloaded");
        assertTrue(cli.expect(0, "verify", "--remote").out().contains(remote + ": 4 copies checked (provider-checksum), 0 problems"));

        byte[] damaged;
        try (S3Client s3 = server.client()) {
            s3.deleteObject(b -> b.bucket(BUCKET).key(key("IMG_3582.JPG")));
            // bit rot cannot be made in place through the API: the object is replaced with damaged bytes of the same size
            damaged = flipOneByte(object(s3, key("IMG_3581.JPG")));
            s3.putObject(b -> b.bucket(BUCKET).key(key("IMG_3581.JPG")), RequestBody.fromBytes(damaged));
        }

        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("CORRUPT " + remote + ": IMG_3581.JPG", "MISSING " + remote + ": IMG_3582.JPG"),
                kinds(v), v.toString());
        assertNotEquals("offsite verified", session(cli).get("offsite").asText());

        JsonNode dry = cli.expect(0, "repair", "--dry-run", "--json").json();
        assertEquals(2, dry.get("actions").size(), dry.toString());
        JsonNode repaired = cli.expect(0, "repair", "--json").json();
        assertEquals(2, repaired.get("actions").size(), repaired.toString());
        repaired.get("actions").forEach(a -> {
            assertEquals(remote, a.get("drive").asText());
            assertTrue(a.get("ok").asBoolean(), a.toString());
        });
        try (S3Client s3 = server.client()) {
            assertArrayEquals(damaged, object(s3, key("IMG_3581.JPG")), "the replaced object is left as it is");
            assertArrayEquals(Files.readAllBytes(Cards.samples().resolve(SAMPLES.get(0))),
                    object(s3, key("IMG_3581-2.JPG")), "the good copy goes beside it");
            assertArrayEquals(Files.readAllBytes(Cards.samples().resolve(SAMPLES.get(1))), object(s3, key("IMG_3582.JPG")));
        }
        JsonNode again = cli.expect(0, "verify", "--json").json();
        assertEquals(List.of(), kinds(again));
        assertEquals("provider-checksum", result(again, remote).get("method").asText());
        assertEquals("offsite verified", session(cli).get("offsite").asText());
    }

    @Test
    void aMultipartObjectIsProvenByTheCompositeChecksumTheProviderReported() throws Exception {
        // larger than one 16 MiB part: uploaded in parts, so the provider reports a composite "...-2"
        Path card = Files.createDirectories(tmp.resolve("big-card/DCIM/100APPLE"));
        byte[] big = new byte[17 * 1024 * 1024];
        new java.util.Random(6).nextBytes(big);
        Files.write(card.resolve("BIG_0001.MOV"), big);
        cli.expect(0, "ingest", tmp.resolve("big-card").toString(), "--name", "Big", "--progress", "none");
        cli.expect(0, "push", "--progress", "none");

        JsonNode v = cli.expect(0, "verify", "--remote", "--session", "Big", "--json").json();
        JsonNode r = result(v, remote);
        assertEquals(1, r.get("copiesChecked").asLong());
        assertEquals("provider-composite-checksum", r.get("method").asText(), v.toString());
        assertEquals(0, r.get("bytesRead").asLong(), "proven without downloading");
        JsonNode all = cli.expect(0, "verify", "--remote", "--json").json();
        assertEquals("provider-checksum, provider-composite-checksum", result(all, remote).get("method").asText());
    }

    @Test
    void aSampleAppliesToS3TooAndAWrongSecretFailsWithoutShowingIt() {
        Map<String, Instant> before = remoteVerifiedAt(tmp.resolve("home"));
        JsonNode half = cli.expect(0, "verify", "--remote", "--remote-sample", "50%", "--json").json();
        assertEquals(2, result(half, remote).get("copiesChecked").asLong());
        Map<String, Instant> after = remoteVerifiedAt(tmp.resolve("home"));
        assertEquals(2, before.keySet().stream().filter(k -> after.get(k).isAfter(before.get(k))).count());

        setRemote("not-the-secret-at-all");
        CliHarness.Result text = cli.expect(1, "verify", "--remote");
        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("UNREADABLE " + remote), kinds(v));
        assertTrue(v.get("findings").get(0).get("detail").asText().startsWith("the remote refused"), v.toString());
        for (String output : List.of(text.out(), text.err(), v.toString())) {
            assertFalse(output.contains("not-the-secret-at-all"), output);
        }
    }
}
