package app.triplicate.drives;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.FaultyFileAccess;
import app.triplicate.settings.Home;
import app.triplicate.testing.SftpTestServer;
import app.triplicate.verify.Finding;
import app.triplicate.verify.VerifyService;
import app.triplicate.wiring.Services;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Renaming a session (SPEC.md, *library path*) from the command line, on real camera files, real drive folders
 * and a real catalog: the folder is renamed on every connected drive, a drive away at the time keeps its old
 * folder (its copies still count) and catches up when it is next connected.
 */
class SessionRenameTest {
    private static final List<String> PICTURES = List.of("_MG_0635.JPG", "_MG_0636.JPG");

    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;
    Path b;

    @BeforeEach
    void ingestTwoPicturesToTwoDrives() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        Path card = tmp.resolve("card");
        Files.createDirectories(card.resolve("DCIM/100CANON"));
        for (String name : PICTURES) {
            Files.copy(sample(name), card.resolve("DCIM/100CANON").resolve(name));
        }
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
    }

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    private static Path sample(String name) {
        return Cards.samples().resolve("canon_eosrp_" + name);
    }

    private JsonNode onlySession() {
        JsonNode sessions = cli.expect(0, "session", "list", "--json").json().get("sessions");
        assertEquals(1, sessions.size());
        return sessions.get(0);
    }

    private JsonNode status() {
        return cli.expect(0, "status", "--json").json().get("sessions").get(0);
    }

    private static void assertHoldsThePictures(Path folder) throws Exception {
        for (String name : PICTURES) {
            assertArrayEquals(Files.readAllBytes(sample(name)), Files.readAllBytes(folder.resolve(name)),
                    folder.resolve(name) + " holds the picture");
        }
    }

    private static List<String> kinds(JsonNode verify) {
        List<String> out = new ArrayList<>();
        verify.get("findings").forEach(f -> out.add(f.get("kind").asText() + " " + f.get("drive").asText()));
        return out;
    }

    @Test
    void renamingWithBothDrivesConnectedRenamesTheFolderOnEachAndEveryCopyStaysVerified() throws Exception {
        JsonNode before = onlySession();
        String id = before.get("id").asText();
        String oldFolder = before.get("folder").asText();
        assertTrue(oldFolder.endsWith(" Ranch"), oldFolder);

        JsonNode r = cli.expect(0, "session", "rename", "Ranch", "Smith wedding", "--json").json();
        String newFolder = oldFolder.substring(0, oldFolder.length() - "Ranch".length()) + "Smith wedding";
        assertTrue(r.get("ok").asBoolean());
        assertEquals(id, r.get("id").asText(), "the stable id stays");
        assertEquals("Smith wedding", r.get("name").asText());
        assertEquals("Ranch", r.get("oldName").asText());
        assertEquals(newFolder, r.get("folder").asText(), "only the folder's own name changes; its date stays");
        assertEquals(2, r.get("drives").size());
        r.get("drives").forEach(d -> assertTrue(d.get("renamed").asBoolean(), d.toString()));
        assertEquals(0, r.get("foldersBehind").size());

        for (Path drive : List.of(a, b)) {
            assertFalse(Files.exists(drive.resolve("Triplicate").resolve(oldFolder)), "old folder gone on " + drive);
            assertHoldsThePictures(drive.resolve("Triplicate").resolve(newFolder));
        }
        JsonNode listed = onlySession();
        assertEquals("Smith wedding", listed.get("name").asText());
        assertEquals(newFolder, listed.get("folder").asText());
        assertEquals(0, listed.get("foldersBehind").size());
        JsonNode s = status();
        assertEquals(2, s.get("copyCount").asInt(), "both copies still count");
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()), "every copy found where it now is");
        assertEquals(2, status().get("copyCount").asInt());

        // by the stable id too, and the text output names what was done
        String text = cli.expect(0, "session", "rename", id, "Smith & Jones wedding").out();
        assertTrue(text.contains("\"Smith wedding\" is now \"Smith & Jones wedding\""), text);
        assertTrue(text.contains("Drive \"A\": folder renamed."), text);
        assertHoldsThePictures(a.resolve("Triplicate").resolve(onlySession().get("folder").asText()));
    }

    @Test
    void aDriveAwayDuringTheRenameKeepsItsCopiesCountedAndCatchesUpWhenConnectedAgain() throws Exception {
        String oldFolder = onlySession().get("folder").asText();
        Path away = tmp.resolve("b-unplugged");
        Files.move(b, away);

        JsonNode r = cli.expect(0, "session", "rename", "Ranch", "Smith wedding", "--json").json();
        String newFolder = r.get("folder").asText();
        assertEquals(1, r.get("drives").size(), "only the connected drive is renamed now");
        assertEquals("A", r.get("drives").get(0).get("drive").asText());
        JsonNode behind = r.get("foldersBehind");
        assertEquals(1, behind.size());
        assertEquals("B", behind.get(0).get("drive").asText());
        assertEquals(oldFolder, behind.get(0).get("folder").asText());
        assertHoldsThePictures(a.resolve("Triplicate").resolve(newFolder));
        assertHoldsThePictures(away.resolve("Triplicate").resolve(oldFolder));

        assertEquals(2, status().get("copyCount").asInt(), "B's copies still count while it is away");
        assertEquals(List.of("NOT_CONNECTED B"), kinds(cli.expect(0, "verify", "--json").json()));
        assertEquals(2, status().get("copyCount").asInt());
        assertTrue(cli.expect(0, "session", "list").out().contains("on drive \"B\" still \"" + oldFolder + "\""));
        JsonNode again = cli.expect(0, "ingest", tmp.resolve("card").toString(), "--progress", "none", "--json").json();
        assertEquals(0, again.get("newFiles").asInt(), "the card's files are known under the session's new folder");
        assertEquals(List.of(PICTURES.get(0), PICTURES.get(1)),
                Cards.filesUnder(a.resolve("Triplicate").resolve(newFolder)), "nothing copied twice");

        Files.move(away, b);
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()), "no copy missing: B caught up first");
        assertFalse(Files.exists(b.resolve("Triplicate").resolve(oldFolder)), "B's folder was renamed");
        assertHoldsThePictures(b.resolve("Triplicate").resolve(newFolder));
        assertEquals(0, onlySession().get("foldersBehind").size());
        assertEquals(2, status().get("copyCount").asInt());
    }

    @Test
    void aDriveAwayThroughSeveralRenamesGoesStraightToTheLastNameOrStaysWhenRenamedBack() throws Exception {
        String oldFolder = onlySession().get("folder").asText();
        Path away = tmp.resolve("b-unplugged");
        Files.move(b, away);
        cli.expect(0, "session", "rename", "Ranch", "Smith");
        cli.expect(0, "session", "rename", "Smith", "Smith wedding");
        JsonNode behind = onlySession().get("foldersBehind");
        assertEquals(1, behind.size());
        assertEquals(oldFolder, behind.get(0).get("folder").asText(), "B's folder still has its first name");
        Files.move(away, b);
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()));
        String last = onlySession().get("folder").asText();
        assertTrue(last.endsWith(" Smith wedding"), last);
        assertHoldsThePictures(b.resolve("Triplicate").resolve(last));
        assertEquals(List.of(last.substring(5)), Cards.filesUnder(b.resolve("Triplicate").resolve("2020")).stream()
                .map(f -> f.substring(0, f.indexOf('/'))).distinct().toList(), "one folder, under its last name");

        Files.move(b, away);
        cli.expect(0, "session", "rename", "Smith wedding", "Ranch 2");
        cli.expect(0, "session", "rename", "Ranch 2", "Smith wedding");
        assertEquals(0, onlySession().get("foldersBehind").size(), "renamed back to the name B's folder has");
        Files.move(away, b);
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()));
        assertHoldsThePictures(b.resolve("Triplicate").resolve(last));
    }

    @Test
    void aDriveWhereTheNewNameIsTakenKeepsTheOldFolderAndIsNamed() throws Exception {
        String oldFolder = onlySession().get("folder").asText();
        Path away = tmp.resolve("b-unplugged");
        Files.move(b, away);
        cli.expect(0, "session", "rename", "Ranch", "Smith wedding");
        String newFolder = onlySession().get("folder").asText();
        Path squatter = away.resolve("Triplicate").resolve(newFolder);
        Files.createDirectories(squatter);
        Files.writeString(squatter.resolve("notes.txt"), "not Triplicate's");
        Files.move(away, b);

        assertEquals(List.of("UNTRACKED B"), kinds(cli.expect(0, "verify", "--json").json()),
                "B's copies are still found in the folder under its old name; only the stranger's file is listed");
        assertHoldsThePictures(b.resolve("Triplicate").resolve(oldFolder));
        assertEquals("not Triplicate's", Files.readString(b.resolve("Triplicate").resolve(newFolder).resolve("notes.txt")),
                "the folder already there is untouched");
        JsonNode behind = onlySession().get("foldersBehind");
        assertEquals(1, behind.size());
        assertTrue(behind.get(0).get("problem").asText().contains("already exists"), behind.toString());
        assertEquals(2, status().get("copyCount").asInt());

        // with the way clear, the next time the drive is found it catches up
        Path there = b.resolve("Triplicate").resolve(newFolder);
        Files.delete(there.resolve("notes.txt"));
        Files.delete(there);
        cli.expect(0, "verify");
        assertHoldsThePictures(b.resolve("Triplicate").resolve(newFolder));
        assertEquals(0, onlySession().get("foldersBehind").size());
    }

    @Test
    void aConnectedDriveThatCannotBeRenamedIsNamedAndTheRunExitsOne() throws Exception {
        String oldFolder = onlySession().get("folder").asText();
        // B's file system refuses the new name (as a FAT drive refuses some names)
        Path bFolder = b.resolve("Triplicate").resolve(oldFolder);
        FaultyFileAccess faulty = new FaultyFileAccess();
        FaultyFileAccess.Fault fault = faulty.refuseNames(b.resolve("Triplicate"), n -> n.contains("Smith"),
                FaultyFileAccess.invalidArgument());
        cli.withFiles(faulty);

        CliHarness.Result r = cli.expect(1, "session", "rename", "Ranch", "Smith wedding");
        assertEquals(1, fault.fired(), "the move on B was refused");
        assertTrue(r.err().contains("Drive \"B\""), r.err());
        assertTrue(r.out().contains("Drive \"A\": folder renamed."), r.out());
        assertHoldsThePictures(bFolder);
        assertEquals(2, status().get("copyCount").asInt(), "B's copies still count at the old name");

        cli.withFiles(new app.triplicate.files.LocalFileAccess());
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()));
        assertHoldsThePictures(b.resolve("Triplicate").resolve(onlySession().get("folder").asText()));
    }

    @Test
    void theRemoteKeepsItsFirstPathsAndItsCopiesStillCount() throws Exception {
        String oldFolder = onlySession().get("folder").asText();
        Path served = Files.createDirectories(tmp.resolve("served/backup"));
        try (SftpTestServer server = new SftpTestServer(tmp.resolve("served"), tmp.resolve("hostkey")).start()) {
            cli.setSftpRemote(server);
            cli.expect(0, "push", "--progress", "none");
            assertEquals("offsite verified", status().get("offsite").asText());

            cli.expect(0, "session", "rename", "Ranch", "Smith wedding");
            assertHoldsThePictures(served.resolve(oldFolder));
            assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()),
                    "the remote's copies are found where they were uploaded");
            assertEquals(0, cli.expect(0, "push", "--json", "--progress", "none").json().get("uploadedFiles").asInt(),
                    "nothing is sent again");
            JsonNode s = status();
            assertEquals("offsite verified", s.get("offsite").asText());
            assertEquals(3, s.get("copyCount").asInt());
            assertEquals(0, onlySession().get("foldersBehind").size(), "the remote is never behind");
        }
    }

    @Test
    void aRenameInTheMiddleOfAVerifyCountsNothingMissing() throws Exception {
        String oldFolder = onlySession().get("folder").asText();
        FaultyFileAccess faulty = new FaultyFileAccess();
        List<Finding> findings = new ArrayList<>();
        try (Services services = Services.open(Home.under(tmp.resolve("home")), faulty, List.of(),
                Clock.systemDefaultZone())) {
            // the window renames while its verify reads drive A: just before A's first picture is opened
            FaultyFileAccess.Fault renamed = faulty.beforeOnce(FaultyFileAccess.Op.OPEN_DIRECT_READ,
                    a.resolve("Triplicate"), p -> p.getFileName().toString().equals(PICTURES.get(0)),
                    () -> services.sessionRename.rename("Ranch", "Smith wedding"));
            services.verify.verify(VerifyService.Request.everything(), findings::add);
            assertEquals(1, renamed.fired(), "the rename ran during the check");
        }
        assertEquals(List.of(), findings, "a copy moved by the rename is neither missing nor unreadable");
        String newFolder = onlySession().get("folder").asText();
        assertFalse(Files.exists(a.resolve("Triplicate").resolve(oldFolder)));
        assertHoldsThePictures(a.resolve("Triplicate").resolve(newFolder));
        assertEquals(2, status().get("copyCount").asInt());
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()), "every copy recorded at its new path");
    }

    @Test
    void aRenameBetweenTwoReadsOfOneDriveLeavesTheProvenCopyAtItsNewPath() throws Exception {
        // drive B's first picture is read and found good at its old path; the rename moves the folder before
        // that proof is recorded: the proof must not put the copy back at the path it no longer has
        FaultyFileAccess faulty = new FaultyFileAccess();
        java.util.concurrent.atomic.AtomicInteger opened = new java.util.concurrent.atomic.AtomicInteger();
        List<Finding> findings = new ArrayList<>();
        try (Services services = Services.open(Home.under(tmp.resolve("home")), faulty, List.of(),
                Clock.systemDefaultZone())) {
            FaultyFileAccess.Fault renamed = faulty.beforeOnce(FaultyFileAccess.Op.OPEN_DIRECT_READ,
                    b.resolve("Triplicate"), p -> opened.incrementAndGet() == 2,
                    () -> services.sessionRename.rename("Ranch", "Smith wedding"));
            services.verify.verify(new VerifyService.Request(Optional.of("B"), Optional.empty(), Optional.empty(),
                    Optional.empty()), findings::add);
            assertEquals(1, renamed.fired(), "the rename ran between the two reads");
        }
        assertEquals(List.of(), findings);
        String newFolder = onlySession().get("folder").asText();
        assertHoldsThePictures(b.resolve("Triplicate").resolve(newFolder));
        assertEquals(2, status().get("copyCount").asInt());
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()), "every copy recorded at its new path");
        assertEquals(List.of(), ascmhlFoldersWithoutPictures(b.resolve("Triplicate")),
                "no manifest was written into the folder's old name");
    }

    private static List<Path> ascmhlFoldersWithoutPictures(Path library) throws java.io.IOException {
        try (var walk = Files.walk(library)) {
            return walk.filter(p -> p.getFileName().toString().equals("ascmhl"))
                    .filter(p -> PICTURES.stream().noneMatch(n -> Files.exists(p.getParent().resolve(n))))
                    .toList();
        }
    }

    @Test
    void restoreAfterARenameFindsEveryFileIncludingOnADriveNotYetCaughtUp() throws Exception {
        Files.move(b, tmp.resolve("b-unplugged"));
        cli.expect(0, "session", "rename", "Ranch", "Smith wedding");
        Files.move(tmp.resolve("b-unplugged"), b);
        Files.move(a, tmp.resolve("a-unplugged"));

        JsonNode r = cli.expect(0, "restore", "Smith wedding", "--to", tmp.resolve("restored").toString(), "--json")
                .json();
        assertEquals(2, r.get("restoredFiles").asInt(), r.toString());
        assertHoldsThePictures(tmp.resolve("restored"));
    }

    @Test
    void unknownAmbiguousOrUnusableNamesAreUsageErrorsAndChangeNothing() throws Exception {
        assertTrue(cli.expect(0, "session", "rename", "--help").out()
                .contains("Rename a session and its folder on every drive."));
        assertTrue(cli.expect(0, "session", "--help").out().contains("List and rename sessions."));
        String folder = onlySession().get("folder").asText();
        assertTrue(cli.expect(2, "session", "rename", "Nope", "X").err().contains("No session \"Nope\""));
        assertTrue(cli.expect(2, "session", "rename", "Ranch", "  ").err().contains("needs a name"));
        assertTrue(cli.expect(2, "session", "rename", "Ranch", "two\nlines").err().contains("control characters"));
        Files.createDirectories(a.resolve("Triplicate").resolve(folder.replace("Ranch", "Taken")));
        assertTrue(cli.expect(2, "session", "rename", "Ranch", "Taken").err().contains("Drive \"A\" already has a folder"));
        assertEquals("Ranch", onlySession().get("name").asText());
        assertEquals(folder, onlySession().get("folder").asText());

        Path other = tmp.resolve("other card/DCIM/100NIKON");
        Files.createDirectories(other);
        Files.copy(Cards.samples().resolve("nikon_d3100_DSC_0008.JPG"), other.resolve("DSC_0008.JPG"));
        cli.expect(0, "ingest", tmp.resolve("other card").toString(), "--name", "Other", "--progress", "none");
        cli.expect(0, "session", "rename", "Other", "Ranch"); // another day, so another folder: the name may repeat
        assertTrue(cli.expect(2, "session", "rename", "Ranch", "X").err().contains("2 sessions are named \"Ranch\""));
        JsonNode sessions = cli.expect(0, "session", "list", "--json").json().get("sessions");
        assertEquals(2, sessions.size());
        for (JsonNode s : sessions) {
            assertEquals("Ranch", s.get("name").asText(), "nothing was renamed");
        }
        assertHoldsThePictures(a.resolve("Triplicate").resolve(folder));
        assertHoldsThePictures(b.resolve("Triplicate").resolve(folder));
        String first = sessions.get(0).get("id").asText();
        cli.expect(0, "session", "rename", first, "Y");
    }
}
