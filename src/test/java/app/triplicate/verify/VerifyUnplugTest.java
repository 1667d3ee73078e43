package app.triplicate.verify;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CatalogFigures;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.FaultyFileAccess;
import app.triplicate.testing.ForwardingFileAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A drive unplugged (its folder moved away) while verify or repair reads it: nothing on it is called missing, the
 * run says which drive went away and exits 1, and a glitch that passes marks nothing present as missing. The drive
 * goes away at a seeded point (after N reads on it), never at a wall-clock moment.
 */
class VerifyUnplugTest {
    static final int FILES = 12;

    @TempDir
    Path tmp;
    CliHarness cli;
    Path a;
    Path b;
    Path unplugged;

    @AfterEach
    void catalogFiguresAddUp() throws Exception {
        if (Files.exists(unplugged) && !Files.exists(b)) {
            Files.move(unplugged, b);
        }
        CatalogFigures.assertConsistent(tmp.resolve("home"));
    }

    @BeforeEach
    void ingestTwelveFilesToTwoDrives() throws Exception {
        cli = new CliHarness(tmp.resolve("home"));
        a = cli.addDrive(tmp.resolve("a"), "A");
        b = cli.addDrive(tmp.resolve("b"), "B");
        unplugged = tmp.resolve("b-unplugged");
        Path card = tmp.resolve("card");
        for (int i = 1; i <= FILES; i++) {
            Cards.randomFile(card.resolve("DCIM/100TEST/IMG_%04d.JPG".formatted(i)), 64 * 1024, i);
        }
        cli.expect(0, "ingest", card.toString(), "--name", "Ranch", "--progress", "none");
        assertEquals(FILES, verifiedOn("B"));
    }

    /** How many verified copies status shows on a drive, over every session. */
    private long verifiedOn(String drive) {
        long n = 0;
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            for (JsonNode c : s.get("copies")) {
                if (c.get("location").asText().equals(drive)) {
                    n += c.get("verifiedFiles").asLong();
                }
            }
        }
        return n;
    }

    private static List<String> kinds(JsonNode verify) {
        List<String> out = new ArrayList<>();
        verify.get("findings").forEach(f -> out.add(f.get("kind").asText() + " " + f.get("drive").asText()));
        return out;
    }

    private void unplugB() {
        try {
            Files.move(b, unplugged);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void plugBBackIn() {
        try {
            Files.move(unplugged, b);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The real file system; the drive's folder moves away once {@code afterReads} files on it were opened. */
    private final class UnplugAfter extends ForwardingFileAccess {
        final int afterReads;
        final AtomicInteger reads = new AtomicInteger();
        volatile boolean done;

        UnplugAfter(int afterReads) {
            this.afterReads = afterReads;
        }

        private FileChannel unplugging(FileChannel ch, Path file) {
            if (file.toAbsolutePath().startsWith(b) && reads.incrementAndGet() == afterReads) {
                unplugB(); // the open channel still reads: the next file is the first to meet the empty mount point
                done = true;
            }
            return ch;
        }

        @Override
        public FileChannel openRead(Path file) throws IOException {
            return unplugging(real.openRead(file), file);
        }

        @Override
        public FileChannel openDirectRead(Path file) throws IOException {
            return unplugging(real.openDirectRead(file), file);
        }
    }

    @Test
    void aDriveUnpluggedMidVerifyKeepsItsUncheckedCopiesAndExitsOne() throws Exception {
        UnplugAfter unplug = new UnplugAfter(3);
        CliHarness.Result r = new CliHarness(tmp.resolve("home")).withFiles(unplug).expect(1, "verify", "--json");
        assertTrue(unplug.done, "the drive was unplugged during the run");
        JsonNode v = r.json();
        assertEquals(List.of("NOT_CONNECTED B"), kinds(v), "nothing missing, the drive reported: " + v);
        JsonNode f = v.get("findings").get(0);
        assertTrue(f.get("detail").asText().startsWith("disconnected during verify"), f.toString());
        assertTrue(f.get("detail").asText().contains((FILES - 3) + " copies not checked"), f.toString());
        assertFalse(v.get("ok").asBoolean());

        plugBBackIn();
        assertEquals(FILES, verifiedOn("B"), "the copies not yet checked keep their standing");
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()), "and all of them are there");
    }

    @Test
    void aDriveGoneWhenAFileIsOpenedIsReportedByNameInWords() {
        FaultyFileAccess faulty = new FaultyFileAccess();
        AtomicInteger opens = new AtomicInteger();
        FaultyFileAccess.Fault gone = faulty.beforeOnce(FaultyFileAccess.Op.OPEN_DIRECT_READ, b,
                p -> opens.incrementAndGet() == 5, this::unplugB);
        CliHarness.Result r = new CliHarness(tmp.resolve("home")).withFiles(faulty).expect(1, "verify");
        assertEquals(1, gone.fired());
        assertTrue(r.out().contains("B: disconnected during verify"), r.out());
        assertFalse(r.err().contains("MISSING") || r.err().contains("UNREADABLE"), r.err());
        plugBBackIn();
        assertEquals(FILES, verifiedOn("B"));
    }

    @Test
    void aGlitchThatPassesMarksNothingPresentAsMissing() {
        // gone while one file is opened (both ways ReadBack tries), back before anything else looks: that one file
        // could not be read, and the rest are good
        ForwardingFileAccess glitch = new ForwardingFileAccess() {
            final AtomicInteger opens = new AtomicInteger();
            volatile Path glitched;

            private FileChannel glitching(Path file, boolean direct) throws IOException {
                unplugB();
                try {
                    return direct ? real.openDirectRead(file) : real.openRead(file);
                } finally {
                    plugBBackIn();
                }
            }

            @Override
            public FileChannel openDirectRead(Path file) throws IOException {
                if (file.toAbsolutePath().startsWith(b) && opens.incrementAndGet() == 4) {
                    glitched = file;
                    return glitching(file, true);
                }
                return real.openDirectRead(file);
            }

            @Override
            public FileChannel openRead(Path file) throws IOException {
                return file.equals(glitched) ? glitching(file, false) : real.openRead(file);
            }
        };
        JsonNode v = new CliHarness(tmp.resolve("home")).withFiles(glitch).expect(1, "verify", "--json").json();
        assertEquals(List.of("UNREADABLE B"), kinds(v), v.toString());
        assertEquals(FILES, verifiedOn("B"), "no present file was marked missing");
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()));
    }

    @Test
    void aDriveWhoseFolderIsGoneBeforeVerifyStartsIsNotConnectedNotEmpty() throws Exception {
        unplugB();
        assertEquals(List.of("NOT_CONNECTED B"), kinds(cli.expect(0, "verify", "--json").json()));
        plugBBackIn();
        assertEquals(FILES, verifiedOn("B"));
    }

    @Test
    void aDriveWithItsMarkerButNoLibraryFolderIsAProblemButNotALoss() throws Exception {
        Path library = b.resolve("Triplicate");
        Files.move(library, b.resolve("Triplicate-moved"));
        JsonNode v = cli.expect(1, "verify", "--json").json();
        assertEquals(List.of("UNREADABLE B"), kinds(v), v.toString());
        JsonNode f = v.get("findings").get(0);
        assertTrue(f.get("path").isNull());
        assertTrue(f.get("detail").asText().contains("its library folder " + library + " is not there"), f.toString());
        assertEquals(FILES, verifiedOn("B"), "nothing was marked missing");
        Files.move(b.resolve("Triplicate-moved"), library);
        assertEquals(List.of(), kinds(cli.expect(0, "verify", "--json").json()));
    }

    @Test
    void aSourceDriveUnpluggedMidRepairIsNamedOnceAndNothingIsFailedFileByFile() throws Exception {
        List<Path> deleted;
        try (var files = Files.walk(a.resolve("Triplicate"))) {
            // 4 of 12: at least 5 would be a mass change, which repair leaves alone until the user confirms
            deleted = files.filter(Files::isRegularFile).sorted().limit(4).toList();
        }
        for (Path f : deleted) {
            Files.delete(f);
        }
        cli.expect(1, "verify");
        assertEquals(FILES - 4, verifiedOn("A"));

        UnplugAfter unplug = new UnplugAfter(2); // B is the only source: gone after two files were read from it
        JsonNode r = new CliHarness(tmp.resolve("home")).withFiles(unplug).expect(1, "repair", "--json").json();
        assertTrue(unplug.done);
        List<String> outcomes = new ArrayList<>();
        r.get("actions").forEach(x -> outcomes.add(x.get("drive").asText() + ": " + x.get("outcome").asText()));
        assertEquals(List.of("A: copied again", "A: copied again",
                "B: disconnected during repair: 2 files not repaired; connect it and run repair again"), outcomes);
        assertEquals(FILES - 2, verifiedOn("A"));

        plugBBackIn();
        assertEquals(FILES, verifiedOn("B"), "nothing on B changed standing");
        cli.expect(0, "repair");
        assertEquals(FILES, verifiedOn("A"));
        for (Path f : deleted) {
            assertTrue(Files.exists(f), f + " is back");
        }
    }

    @Test
    void aTargetDriveUnpluggedMidRepairIsNamedOnce() throws Exception {
        List<Path> deleted;
        try (var files = Files.walk(b.resolve("Triplicate"))) {
            deleted = files.filter(Files::isRegularFile).sorted().limit(4).toList(); // 5 would be a mass change
        }
        for (Path f : deleted) {
            Files.delete(f);
        }
        cli.expect(1, "verify");
        FaultyFileAccess faulty = new FaultyFileAccess();
        AtomicInteger creates = new AtomicInteger();
        FaultyFileAccess.Fault gone = faulty.beforeOnce(FaultyFileAccess.Op.CREATE_NEW, b,
                p -> creates.incrementAndGet() == 3, this::unplugB);
        CliHarness.Result text = new CliHarness(tmp.resolve("home")).withFiles(faulty).expect(1, "repair");
        assertEquals(1, gone.fired());
        assertEquals(2, text.out().lines().filter(l -> l.endsWith("copied again")).count(), text.out());
        assertTrue(text.out().contains("B: disconnected during repair: 2 files not repaired; connect it and run "
                + "repair again"), text.out());
        assertFalse(text.out().contains("failed"), text.out());
        assertFalse(Files.exists(b), "nothing re-created the unplugged drive's folder");
        plugBBackIn();
        cli.expect(0, "repair");
        assertEquals(FILES, verifiedOn("B"));
    }

    @Test
    void aDriveUnpluggedWhileCullLooksForDeletedFilesCullsNothing() throws Exception {
        List<Path> onB;
        try (var files = Files.walk(b.resolve("Triplicate"))) {
            onB = files.filter(Files::isRegularFile).sorted().toList();
        }
        Files.delete(onB.get(0));
        Files.delete(onB.get(1));
        Path renamed = Files.move(onB.get(2), onB.get(2).resolveSibling("renamed.bin"));
        FaultyFileAccess faulty = new FaultyFileAccess();
        FaultyFileAccess.Fault gone = faulty.beforeOnce(FaultyFileAccess.Op.OPEN_DIRECT_READ, b,
                p -> p.getFileName().toString().equals("renamed.bin"), this::unplugB); // while it looks for renames
        CliHarness.Result r = new CliHarness(tmp.resolve("home")).withFiles(faulty).expect(3, "cull", "--missing-on", "B");
        assertEquals(1, gone.fired());
        assertTrue(r.err().contains("Drive \"B\" was disconnected"), r.err());
        plugBBackIn();
        for (JsonNode s : cli.expect(0, "status", "--json").json().get("sessions")) {
            assertEquals(0, s.get("culledFiles").asInt(), "nothing was culled");
        }
        assertTrue(Files.exists(renamed));
    }

    @Test
    void aSourceDriveUnpluggedMidRestoreIsNamedForTheFilesItLeft() throws Exception {
        Files.move(a, tmp.resolve("a-away")); // B is the only source
        UnplugAfter unplug = new UnplugAfter(2);
        JsonNode r = new CliHarness(tmp.resolve("home")).withFiles(unplug)
                .expect(1, "restore", "Ranch", "--to", tmp.resolve("restored").toString(), "--json").json();
        assertTrue(unplug.done);
        assertEquals(2, r.get("restored").size());
        assertEquals(FILES - 2, r.get("missing").size());
        for (JsonNode m : r.get("missing")) {
            assertTrue(m.get("reason").asText().contains("B: disconnected during restore"), m.toString());
        }
    }
}
