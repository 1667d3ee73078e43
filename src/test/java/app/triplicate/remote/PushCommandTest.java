package app.triplicate.remote;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.S3TestServer;
import app.triplicate.testing.SftpTestServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code push} through the command line against real servers (Apache MINA SSHD and s3proxy, in-process): the
 * camera samples ingested to two drives go offsite, each upload is checked before it counts, the sessions
 * reach the policy (two drives + the remote = 3 copies, 1 offsite), and nothing on the remote is overwritten.
 */
class PushCommandTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;
    List<Path> samples;

    @BeforeEach
    void ingestTheSamplesToTwoDrives() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        cli.addDrive(tmp.resolve("b"), "B");
        samples = Cards.withSamples(tmp.resolve("card"));
        cli.expect(0, "ingest", tmp.resolve("card").toString(), "--progress", "none");
    }

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    private JsonNode status() {
        return cli.expect(0, "status", "--json").json();
    }

    private List<String> libraryPaths() throws Exception {
        List<String> out = new ArrayList<>();
        for (String f : Cards.filesUnder(a.resolve("Triplicate"))) {
            out.add(f);
        }
        return out;
    }

    @Test
    void pushSendsEveryFileOnceChecksItAndTheSessionsMeetThePolicy() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served/backup"));
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            cli.setSftpRemote(server);
            JsonNode before = status();
            for (JsonNode s : before.get("sessions")) {
                assertEquals("none", s.get("offsite").asText());
                assertFalse(s.get("meetsPolicy").asBoolean());
            }

            CliHarness.Result r = cli.expect(0, "push", "--json", "--progress", "lines");
            JsonNode push = r.json();
            List<String> paths = libraryPaths();
            assertEquals(paths.size(), push.get("uploadedFiles").asInt(), r.out());
            assertEquals(0, push.get("alreadyThereFiles").asInt());
            assertTrue(push.get("ok").asBoolean());
            assertTrue(r.err().contains("progress: done " + paths.size() + "/" + paths.size() + " files"), r.err());
            push.get("uploaded").forEach(u -> assertEquals("read-back", u.get("method").asText()));
            for (String p : paths) {
                assertArrayEquals(Files.readAllBytes(a.resolve("Triplicate").resolve(p)),
                        Files.readAllBytes(served.resolve(p)), p);
            }
            assertEquals(paths, Cards.filesUnder(served), "nothing but the library on the remote: no temporary names left");

            for (JsonNode s : status().get("sessions")) {
                assertEquals("offsite verified", s.get("offsite").asText(), s.toString());
                assertEquals(3, s.get("copyCount").asInt());
                assertEquals(1, s.get("offsiteCopies").asInt());
                assertTrue(s.get("meetsPolicy").asBoolean(), s.toString());
                List<String> where = new ArrayList<>();
                s.get("copies").forEach(c -> where.add(c.get("location").asText()));
                assertTrue(where.contains("Remote sftp://photo@127.0.0.1:" + server.port() + "/backup"), where.toString());
            }
            // a copy of a file culled since does not make up for a kept file missing on the remote
            JsonNode session = status().get("sessions").get(0);
            String gone = paths.stream().filter(p -> p.startsWith(session.get("folder").asText() + "/")).findFirst()
                    .orElseThrow();
            String culled = paths.stream().filter(p -> p.startsWith(session.get("folder").asText() + "/"))
                    .filter(p -> !p.equals(gone)).findFirst().orElseThrow();
            Files.delete(a.resolve("Triplicate").resolve(culled));
            cli.expect(1, "verify", "--no-remote");
            cli.expect(0, "cull", "--missing-on", "A");
            Files.delete(served.resolve(gone));
            cli.expect(1, "verify", "--remote");
            JsonNode after = status().get("sessions").get(0);
            assertEquals(session.get("id").asText(), after.get("id").asText());
            assertFalse(after.get("offsite").asText().equals("offsite verified"), after.toString());
            assertEquals(0, after.get("offsiteCopies").asInt(), after.toString());

            // the drive list stays a list of drives
            String drives = cli.expect(0, "drive", "list").out();
            assertFalse(drives.contains("Remote"), drives);

            // the next push sends the missing one again, and only it
            CliHarness.Result again = cli.expect(0, "push", "--json");
            assertEquals(1, again.json().get("uploadedFiles").asInt(), again.out());
            assertFalse(again.out().contains(SftpTestServer.PASSWORD) || again.err().contains(SftpTestServer.PASSWORD));
            assertTrue(cli.expect(0, "push").out().contains("Every file already has a verified copy on sftp://"));
            assertEquals("offsite verified", status().get("sessions").get(0).get("offsite").asText());

            // set to another place, the earlier remote's copies stop counting at once (no push needed)
            Files.createDirectories(tmp.resolve("served/elsewhere"));
            cli.withInput(SftpTestServer.PASSWORD + "\n").expect(0, "remote", "set",
                    "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/elsewhere", "--password-stdin");
            status().get("sessions").forEach(s -> assertEquals("none", s.get("offsite").asText(), s.toString()));
        }
    }

    @Test
    void otherContentUnderTheNameIsKeptAndTheFileGoesUnderTheNextName() throws Exception {
        Path served = Files.createDirectories(tmp.resolve("served/backup"));
        String taken = libraryPaths().stream().filter(p -> p.endsWith(".JPG")).findFirst().orElseThrow();
        Files.createDirectories(served.resolve(taken).getParent());
        Files.writeString(served.resolve(taken), "someone else's file");
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            cli.setSftpRemote(server);
            CliHarness.Result r = cli.expect(0, "push");
            String alternative = taken.substring(0, taken.lastIndexOf('.')) + "-2" + taken.substring(taken.lastIndexOf('.'));
            assertTrue(r.out().contains(taken + ": the name on the remote held other content; uploaded as " + alternative),
                    r.out());
            assertEquals("someone else's file", Files.readString(served.resolve(taken)), "never overwritten");
            assertArrayEquals(Files.readAllBytes(a.resolve("Triplicate").resolve(taken)),
                    Files.readAllBytes(served.resolve(alternative)));
            status().get("sessions").forEach(s -> assertEquals("offsite verified", s.get("offsite").asText()));
        }
    }

    @Test
    void onlyTheNamedSessionGoesAndADisconnectedDriveIsWaitedForNotFailed() throws Exception {
        Files.createDirectories(tmp.resolve("served/backup"));
        JsonNode sessions = status().get("sessions");
        assertTrue(sessions.size() >= 2, "the samples make several sessions");
        String first = sessions.get(0).get("id").asText();
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            cli.setSftpRemote(server);
            JsonNode one = cli.expect(0, "push", "--session", first, "--json").json();
            assertEquals(sessions.get(0).get("files").asInt(), one.get("uploadedFiles").asInt());
            for (JsonNode s : status().get("sessions")) {
                assertEquals(s.get("id").asText().equals(first) ? "offsite verified" : "none", s.get("offsite").asText());
            }

            // both drives unplugged: nothing to send from, which is not a failure
            Files.move(tmp.resolve("a"), tmp.resolve("a-away"));
            Files.move(tmp.resolve("b"), tmp.resolve("b-away"));
            CliHarness.Result waiting = cli.expect(0, "push");
            long left = samples.size() - sessions.get(0).get("files").asLong();
            assertTrue(waiting.out().contains(app.triplicate.core.Words.count(left, "file") + (left == 1 ? " waits" : " wait")
                    + " for a drive with a verified copy to be connected: A, B"),
                    waiting.out());
            cli.expect(2, "push", "--session", "no such session");
            cli.expect(2, "push", "--limit", "fast");
            Path settings = app.triplicate.settings.Home.resolve(tmp.resolve("home")).settingsFile();
            var json = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper()
                    .readTree(settings.toFile());
            json.put("uploadLimit", "fast");
            Files.writeString(settings, json.toString());
            assertTrue(cli.expect(2, "push").err().contains("the upload limit in the settings"), "named, not ignored");
        }
    }

    @Test
    void aWrongPasswordStopsAtOnceWithWhatToFix() throws Exception {
        Files.createDirectories(tmp.resolve("served/backup"));
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            cli.setSftpRemote(server);
            cli.withInput("not the password\n").expect(0, "remote", "set",
                    "sftp://" + SftpTestServer.USER + "@127.0.0.1:" + server.port() + "/backup", "--password-stdin");
            long t0 = System.nanoTime();
            CliHarness.Result r = cli.expect(3, "push");
            assertTrue((System.nanoTime() - t0) / 1e9 < 30, "no retrying a refused password");
            assertTrue(r.err().toLowerCase().contains("password"), r.err());
            assertFalse(r.err().contains("not the password"));
            status().get("sessions").forEach(s -> assertEquals("none", s.get("offsite").asText()));
        }
    }

    @Test
    void s3PushIsCheckedByTheProvidersChecksum() throws Exception {
        try (S3TestServer server = S3TestServer.start(tmp.resolve("s3"), "studio")) {
            cli.withInput(S3TestServer.SECRET + "\n").expect(0, "remote", "set", "s3://studio/photos",
                    "--endpoint", server.endpoint().toString(), "--access-key", S3TestServer.ACCESS_KEY,
                    "--secret-stdin", "--path-style", "--allow-http");
            JsonNode push = cli.expect(0, "push", "--json", "--limit", "50MB/s", "--parallel", "2").json();
            List<String> paths = libraryPaths();
            // a retry after a reply lost on the way finds the object already whole: "already there", not sent twice
            assertEquals(paths.size(), push.get("uploadedFiles").asInt() + push.get("alreadyThereFiles").asInt(),
                    push.toString());
            assertEquals(paths.size(), push.get("uploaded").size());
            push.get("uploaded").forEach(u -> assertTrue(u.get("method").asText().startsWith("provider-"), u.toString()));
            try (var s3 = server.client()) {
                for (String p : paths) {
                    byte[] got = s3.getObjectAsBytes(b -> b.bucket("studio").key("photos/" + p)).asByteArray();
                    assertArrayEquals(Files.readAllBytes(a.resolve("Triplicate").resolve(p)), got, p);
                }
            }
            status().get("sessions").forEach(s -> assertEquals("offsite verified", s.get("offsite").asText()));
            assertFalse(cli.expect(0, "push").out().contains(S3TestServer.SECRET));
        }
    }
}
