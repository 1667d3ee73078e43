package app.triplicate.remote;

import app.triplicate.mhl.HashList;
import app.triplicate.mhl.MhlHistory;
import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.Manifests;
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
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The remote's session folders carry the same ASC MHL histories as the drives': push writes a generation of what it
 * proved there ({@code original}), a verify of the remote adds {@code verified} (and {@code failed}, with the hash
 * read now, for an object changed on the server), a mass change writes nothing. Against the real in-process SFTP and
 * S3 servers; the histories are read back from the servers' own folders with Triplicate's reader.
 */
class RemoteManifestsTest {
    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;

    @BeforeEach
    void ingestTwoSessions() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        cli.addDrive(tmp.resolve("b"), "B");
        int daysAgo = 0;
        for (String name : List.of("Studio", "Hochzeit Müller")) {
            Path card = tmp.resolve("card " + name);
            // files with no capture date are placed by their time: a month apart, two sessions
            java.nio.file.attribute.FileTime taken = java.nio.file.attribute.FileTime.from(
                    java.time.Instant.now().minus(java.time.Duration.ofDays(daysAgo += 30)));
            for (int i = 0; i < 6; i++) {
                Path f = Cards.randomFile(card.resolve("DCIM/100TEST/IMG_000" + i + ".CR3"), 150_000 + i,
                        name.hashCode() + i);
                Files.setLastModifiedTime(f, taken);
            }
            cli.expect(0, "ingest", card.toString(), "--name", name, "--progress", "none");
        }
    }

    @AfterEach
    void figuresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    private List<String> sessionFolders() {
        List<String> out = new ArrayList<>();
        cli.expect(0, "status", "--json").json().get("sessions").forEach(s -> out.add(s.get("folder").asText()));
        assertEquals(2, out.size());
        return out;
    }

    private SftpTestServer sftp() throws Exception {
        Files.createDirectories(tmp.resolve("served/backup"));
        SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start();
        cli.setSftpRemote(server);
        return server;
    }

    /** Each session folder on the remote: one generation, every file pushed {@code original} with its hash. */
    private void assertPushedAsOriginal(Path remoteBase) throws Exception {
        for (String folder : sessionFolders()) {
            Path there = remoteBase.resolve(folder);
            MhlHistory h = Manifests.read(there);
            assertEquals(1, h.generations().size(), folder);
            HashList first = h.generations().getFirst();
            assertEquals("transfer", first.process());
            Map<String, String> expected = Manifests.everyFileAs(there, HashList.Action.ORIGINAL);
            assertEquals(6, expected.size(), expected.toString());
            assertEquals(expected, Manifests.actions(first), "every file pushed, with the hash of its bytes there");
            for (HashList.Hash x : first.hashes()) {
                assertEquals(Files.size(there.resolve(x.path())), x.size());
            }
            assertTrue(first.ignore().contains("*.triplicate-part"), "an upload cut short is not a file of the folder");
            assertEquals(List.of(), Manifests.referenceCheck(there), "the reference tool's verify would pass");
            assertEquals(Manifests.read(a.resolve("Triplicate").resolve(folder)).generations().getFirst().ignore(),
                    first.ignore().stream().filter(p -> !p.equals("*.triplicate-part")).toList(),
                    "the drives' ignore list, and the remote's unfinished uploads");
        }
    }

    @Test
    void pushWritesAnOriginalGenerationInEachSessionFolderOnSftp() throws Exception {
        try (SftpTestServer server = sftp()) {
            cli.expect(0, "push", "--progress", "none");
            assertPushedAsOriginal(tmp.resolve("served/backup"));

            cli.expect(0, "push", "--progress", "none");
            for (String folder : sessionFolders()) {
                assertEquals(1, Manifests.read(tmp.resolve("served/backup").resolve(folder)).generations().size(),
                        "a push that sends nothing proves nothing new: no generation");
            }
        }
    }

    @Test
    void verifyOfTheRemoteAddsVerifiedThenFailedForAChangedObject() throws Exception {
        try (SftpTestServer server = sftp()) {
            cli.expect(0, "push", "--progress", "none");
            cli.expect(0, "verify", "--remote");
            Path folder = tmp.resolve("served/backup").resolve(sessionFolders().getFirst());
            HashList second = Manifests.newest(folder);
            assertEquals(2, second.number());
            assertEquals("in-place", second.process());
            assertEquals(Manifests.everyFileAs(folder, HashList.Action.VERIFIED), Manifests.actions(second));

            Path damaged = folder.resolve("IMG_0003.CR3");
            String good = Manifests.xxh128(damaged);
            byte[] bytes = Files.readAllBytes(damaged);
            bytes[bytes.length / 2] ^= 0x10;
            Files.write(damaged, bytes);
            JsonNode v = cli.expect(1, "verify", "--remote", "--json").json();
            assertEquals("CORRUPT", v.get("findings").get(0).get("kind").asText(), v.toString());

            HashList third = Manifests.newest(folder);
            assertEquals(3, third.number());
            Map<String, String> expected = Manifests.everyFileAs(folder, HashList.Action.VERIFIED);
            expected.put("IMG_0003.CR3", "failed " + Manifests.xxh128(damaged));
            assertEquals(expected, Manifests.actions(third), "the changed object failed, with what it holds now");
            assertEquals(List.of("mismatch IMG_0003.CR3"), Manifests.referenceCheck(folder),
                    "the reference tool finds it against its original hash " + good);
            Path other = tmp.resolve("served/backup").resolve(sessionFolders().get(1));
            assertEquals(Manifests.everyFileAs(other, HashList.Action.VERIFIED), Manifests.actions(Manifests.newest(other)),
                    "the other session's folder: verified again, nothing changed");
        }
    }

    @Test
    void aMassChangeOnTheRemoteWritesNoGeneration() throws Exception {
        try (SftpTestServer server = sftp()) {
            cli.expect(0, "push", "--progress", "none");
            Path folder = tmp.resolve("served/backup").resolve(sessionFolders().getFirst());
            for (int i = 0; i < 5; i++) { // five of twelve copies: a mass change (SPEC.md)
                Path f = folder.resolve("IMG_000" + i + ".CR3");
                byte[] bytes = Files.readAllBytes(f);
                bytes[7] ^= 0x01;
                Files.write(f, bytes);
            }
            CliHarness.Result r = cli.expect(1, "verify", "--remote");
            assertTrue(r.out().contains("no manifest was written"), r.out());
            for (String f : sessionFolders()) {
                assertEquals(1, Manifests.read(tmp.resolve("served/backup").resolve(f)).generations().size(),
                        "nothing written on the remote after a mass change: " + f);
            }
        }
    }

    @Test
    void pushAndVerifyWriteTheHistoryInAnS3Bucket() throws Exception {
        try (S3TestServer server = S3TestServer.start(tmp.resolve("s3"), "studio")) {
            cli.withInput(S3TestServer.SECRET + "\n").expect(0, "remote", "set", "s3://studio/triplicate",
                    "--endpoint", server.endpoint().toString(), "--access-key", S3TestServer.ACCESS_KEY,
                    "--secret-stdin", "--path-style", "--allow-http");
            cli.expect(0, "push", "--progress", "none");
            // s3proxy's file store keeps each object as a file under its key: the same reader reads them back
            Path bucket = tmp.resolve("s3/studio/triplicate");
            assertPushedAsOriginal(bucket);

            cli.expect(0, "verify", "--remote");
            for (String folder : sessionFolders()) {
                HashList second = Manifests.newest(bucket.resolve(folder));
                assertEquals(2, second.number());
                assertEquals(Manifests.everyFileAs(bucket.resolve(folder), HashList.Action.VERIFIED),
                        Manifests.actions(second));
            }
        }
    }
}
