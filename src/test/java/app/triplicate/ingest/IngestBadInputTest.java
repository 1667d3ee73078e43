package app.triplicate.ingest;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.FaultyFileAccess;
import app.triplicate.testing.FaultyFileAccess.Fault;
import app.triplicate.testing.FaultyFileAccess.Op;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SPEC.md section 3, bad input: an unreadable card file, a read-only, full or vanished drive, a name a drive
 * cannot hold, an empty file, a link and a missing card each get a clear message naming the file or drive,
 * and the rest of the work goes on. Runs the real command line on real files and a real catalog; faults the
 * OS would raise are injected through {@link FaultyFileAccess} (tests run as root), and every test checks
 * that its fault really happened.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class IngestBadInputTest {

    /** Every card file gets this modification date, so the session folder is known. */
    private static final LocalDate DAY = LocalDate.of(2024, 5, 17);
    // no EXIF in these files: the modification time (noon) names the default session
    private static final String SESSION_FOLDER = "Triplicate/2024/2024-05-17 Afternoon";
    private static final String DCIM = "DCIM/100TEST/";
    private static final String TEMP_SUFFIX = ".triplicate-tmp";

    @TempDir
    Path tmp;

    private Path home;
    private Path card;
    private Path driveA;
    private Path driveB;
    private final FaultyFileAccess faulty = new FaultyFileAccess();
    private CliHarness cli;

    @BeforeEach
    void setUp() throws IOException {
        home = tmp.resolve("home");
        card = Files.createDirectories(tmp.resolve("card"));
        cli = new CliHarness(home).withFiles(faulty);
        driveA = cli.addDrive(tmp.resolve("driveA"), "A");
        driveB = cli.addDrive(tmp.resolve("driveB"), "B");
    }

    // ---- 1 and 9: a card file that cannot be read ----

    @Test
    void unreadableFileOnCardIsReportedAndTheRestAreCopied() throws IOException {
        List<Path> files = fourFilesWithTheSecondUnreadable();
        Fault unreadable = faulty.failReadsOf(p -> p.equals(files.get(1).toAbsolutePath().normalize()),
                300_000, FaultyFileAccess.inputOutputError());

        JsonNode report = ingest(cli, 1);

        assertTrue(unreadable.fired() > 0, "the read fault never happened: " + unreadable);
        List<Failure> failed = failures(report);
        assertEquals(1, failed.size(), "one failure expected: " + report);
        Failure f = failed.get(0);
        assertEquals(DCIM + "DSC_0002.JPG", f.file());
        assertNull(f.drive(), "a card read failure is not a drive's fault: " + f);
        assertTrue(f.reason().contains("card") && f.reason().contains("Input/output error"), f.reason());
        assertEquals(1, report.get("failedFiles").asInt());
        assertEquals(3, report.get("newFiles").asInt());
        assertFalse(report.get("complete").asBoolean());
        for (Path drive : List.of(driveA, driveB)) {
            assertCopied(drive, "DSC_0001.JPG", files.get(0));
            assertAbsent(drive, "DSC_0002.JPG");
            assertCopied(drive, "DSC_0003.JPG", files.get(2));
            assertCopied(drive, "DSC_0004.JPG", files.get(3));
            assertEquals(3, libraryFiles(drive).size(), "library of " + drive + ": " + libraryFiles(drive));
            assertNoTemporaryFiles(drive);
        }
        assertEquals(1024 * 1024L, Files.size(files.get(1)), "the card file itself is untouched");
    }

    @Test
    void secondRunAfterFailureFinishesTheRest() throws IOException {
        List<Path> files = fourFilesWithTheSecondUnreadable();
        Fault unreadable = faulty.failReadsOf(p -> p.equals(files.get(1).toAbsolutePath().normalize()),
                300_000, FaultyFileAccess.inputOutputError());
        ingest(cli, 1);
        assertTrue(unreadable.fired() > 0, "the read fault never happened: " + unreadable);

        // the card reads fine again: same home, no fault
        CliHarness again = new CliHarness(home);
        JsonNode report = ingest(again, 0);

        assertTrue(failures(report).isEmpty(), "no failure expected: " + report);
        assertEquals(1, report.get("newFiles").asInt(), report.toString());
        assertEquals(3, report.get("alreadyThere").asInt(), report.toString());
        for (Path drive : List.of(driveA, driveB)) {
            for (Path f : files) {
                assertCopied(drive, f.getFileName().toString(), f);
            }
            assertEquals(4, libraryFiles(drive).size(), "library of " + drive + ": " + libraryFiles(drive));
            assertNoTemporaryFiles(drive);
        }
        JsonNode session = onlySession(again);
        assertEquals(4, session.get("files").asLong());
        assertEquals(4, verifiedOn(session, "A"));
        assertEquals(4, verifiedOn(session, "B"));
    }

    private List<Path> fourFilesWithTheSecondUnreadable() {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            // 1 MiB: bigger than one read chunk, so the drives already hold part of the bad file when it fails
            files.add(cardFile("DSC_000" + i + ".JPG", 1024 * 1024, i));
        }
        return files;
    }

    // ---- 2: read-only drive ----

    @Test
    void readOnlyDestinationFailsItsCopiesAndTheOtherDriveGetsEverything() throws IOException {
        List<Path> files = List.of(cardFile("DSC_0001.JPG", 300_000, 1), cardFile("DSC_0002.JPG", 300_000, 2),
                cardFile("MVI_0003.MOV", 700_000, 3));
        Fault readOnly = faulty.failCreateUnder(driveB, FaultyFileAccess.readOnlyFileSystem());

        JsonNode report = ingest(cli, 1);

        assertTrue(readOnly.fired() > 0, "the read-only fault never happened: " + readOnly);
        List<Failure> failed = failures(report);
        assertEquals(Set.of(DCIM + "DSC_0001.JPG", DCIM + "DSC_0002.JPG", DCIM + "MVI_0003.MOV"),
                new TreeSet<>(failed.stream().map(Failure::file).toList()), report.toString());
        for (Failure f : failed) {
            assertEquals("B", f.drive(), f.toString());
            assertTrue(f.reason().contains("read-only") && f.reason().contains("B"), f.reason());
        }
        assertEquals(3, failed.size(), report.toString());
        assertEquals(3, report.get("newFiles").asInt(), "written to A: " + report);
        for (Path f : files) {
            assertCopied(driveA, f.getFileName().toString(), f);
        }
        assertEquals(List.of(), libraryFiles(driveB));
        assertNoTemporaryFiles(driveA);
        assertNoTemporaryFiles(driveB);
        JsonNode session = onlySession(cli);
        assertEquals(3, verifiedOn(session, "A"));
        assertEquals(0, verifiedOn(session, "B"));
    }

    // ---- 3: a drive that fills up ----

    @Test
    void destinationThatFillsUpMidIngest() throws IOException, InterruptedException {
        Path small = Files.createDirectories(tmp.resolve("small"));
        boolean mounted = mountTmpfs(small, "20m");
        Fault full = null;
        try {
            if (!mounted) {
                System.err.println("IngestBadInputTest.destinationThatFillsUpMidIngest: cannot mount a tmpfs here; "
                        + "falling back to an injected \"No space left on device\" after 20 MiB");
                full = faulty.failWritesAfterBytes(small, 20L * 1024 * 1024, FaultyFileAccess.noSpaceLeft());
            } else {
                assertEquals("tmpfs", Files.getFileStore(small).type(), "the small drive is a real 20 MiB tmpfs");
            }
            cli.addDrive(small, "Small");
            List<Path> files = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                files.add(cardFile("DSC_000" + i + ".JPG", 6L * 1024 * 1024, 100 + i));
            }

            ListAppender<ILoggingEvent> logged = new ListAppender<>();
            Logger ingestLog = (Logger) LoggerFactory.getLogger(IngestService.class);
            logged.start();
            ingestLog.addAppender(logged);
            JsonNode report;
            try {
                report = ingest(cli, 1, "--to", "A", "--to", "Small");
            } finally {
                ingestLog.detachAppender(logged);
            }

            if (full != null) {
                assertTrue(full.fired() > 0, "the full-drive fault never happened: " + full);
            }
            List<Failure> failed = failures(report);
            assertFalse(failed.isEmpty(), "36 MiB cannot fit on a 20 MiB drive: " + report);
            Set<String> failedOnSmall = new TreeSet<>();
            for (Failure f : failed) {
                assertEquals("Small", f.drive(), "only the small drive fails: " + f);
                assertTrue(f.reason().contains("Small") && f.reason().contains("full"), f.reason());
                failedOnSmall.add(f.file());
            }
            for (Path f : files) {
                assertCopied(driveA, f.getFileName().toString(), f);
            }
            assertNoTemporaryFiles(driveA);
            assertNoTemporaryFiles(small);

            // what the report says reached the small drive is there whole; nothing else is
            List<String> onSmall = libraryFiles(small);
            Set<String> expected = new TreeSet<>();
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (!failedOnSmall.contains(DCIM + name)) {
                    expected.add(SESSION_FOLDER + "/" + name);
                    assertCopied(small, name, f);
                } else {
                    assertAbsent(small, name);
                }
            }
            assertEquals(expected, new TreeSet<>(onSmall));
            assertFalse(onSmall.isEmpty(), "the first files fit on the small drive");
            assertEquals(onSmall.size(), destination(report, "Small").get("filesWritten").asInt(), report.toString());
            // only what landed under its final name counts, not the bytes of the copy the drive ran out on
            assertEquals(onSmall.size() * 6L * 1024 * 1024, destination(report, "Small").get("bytesWritten").asLong(),
                    report.toString());
            assertEquals(6 * 6L * 1024 * 1024, destination(report, "A").get("bytesWritten").asLong(), report.toString());
            // each failure is in the log too, with the file, the drive and the reason
            for (Failure f : failed) {
                assertTrue(logged.list.stream().anyMatch(e -> e.getLevel() == Level.WARN
                        && e.getFormattedMessage().contains(f.file()) && e.getFormattedMessage().contains("Small")
                        && e.getFormattedMessage().contains(f.reason())), "not in the log: " + f + " " + logged.list);
            }
            JsonNode session = onlySession(cli);
            assertEquals(onSmall.size(), verifiedOn(session, "Small"));
            assertEquals(6, verifiedOn(session, "A"));
        } finally {
            if (mounted) {
                umount(small);
            }
        }
    }

    private static boolean mountTmpfs(Path dir, String size) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                System.err.println("mount failed: " + out.strip());
                return false;
            }
            return true;
        } catch (IOException e) {
            System.err.println("mount failed: " + e.getMessage());
            return false;
        }
    }

    private static void umount(Path dir) throws InterruptedException {
        try {
            Process p = new ProcessBuilder("umount", dir.toString()).redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                new ProcessBuilder("umount", "-l", dir.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            System.err.println("umount " + dir + " failed: " + e.getMessage());
        }
    }

    // ---- 4: a drive that goes away ----

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void destinationThatDisappearsMidIngest() throws IOException {
        List<Path> files = new ArrayList<>();
        for (int i = 1; i <= 4; i++) {
            files.add(cardFile("DSC_000" + i + ".JPG", 512 * 1024, 200 + i));
        }
        Path firstOnB = driveB.resolve(SESSION_FOLDER).resolve("DSC_0001.JPG");
        AtomicBoolean firstWasInPlace = new AtomicBoolean();
        // The drive is unplugged between two files: the first is in place on B, and B's writer is starting the
        // second (its first call for a new file is creating the session folder). The writer is told apart from
        // the verifier, which creates the same folder before its rename, as the thread that created a file on B.
        Fault unplugged = faulty.beforeOnce(Op.CREATE_DIRECTORIES, driveB,
                p -> faulty.calls().stream().anyMatch(c -> c.op() == Op.CREATE_NEW
                        && c.thread() == Thread.currentThread() && c.path().startsWith(driveB)),
                () -> {
                    firstWasInPlace.set(waitFor(firstOnB));
                    deleteRecursively(driveB);
                });

        CliHarness.Result r = cli.run("ingest", card.toString(), "--json", "--progress", "none");

        assertTrue(unplugged.fired() > 0, "the drive was never removed: " + unplugged);
        assertTrue(firstWasInPlace.get(), "the first file was in place on B before it went away");
        assertEquals(1, r.exitCode(), "B went away, yet: " + r.out() + r.err() + "\nnow at B's mount point: "
                + Cards.filesUnder(driveB));
        JsonNode report = r.json();
        List<Failure> failed = failures(report);
        assertEquals(Set.of(DCIM + "DSC_0002.JPG", DCIM + "DSC_0003.JPG", DCIM + "DSC_0004.JPG"),
                new TreeSet<>(failed.stream().map(Failure::file).toList()), report.toString());
        for (Failure f : failed) {
            assertEquals("B", f.drive(), f.toString());
            assertTrue(f.reason().contains("B") && f.reason().contains("no longer connected"), f.reason());
        }
        for (Path f : files) {
            assertCopied(driveA, f.getFileName().toString(), f);
        }
        assertNoTemporaryFiles(driveA);
        // nothing may be written where the drive was mounted: that would land on whatever disk holds the mount point
        assertFalse(Files.exists(driveB), "the vanished drive's folder was recreated: " + Cards.filesUnder(tmp));
    }

    private static boolean waitFor(Path file) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (Files.exists(file)) {
                return true;
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    // ---- 5: names a drive cannot hold ----

    @Test
    void fileNameTheDestinationCannotHold() throws IOException {
        Path one = cardFile("DSC_0001.JPG", 200_000, 1);
        Path two = cardFile("DSC_0002.JPG", 200_000, 2);
        Path three = cardFile("DSC_0003.JPG", 200_000, 3);
        Path strange = cardFile("a:b?.JPG", 200_000, 4);
        Fault fat = faulty.fatNames(driveB);
        Fault tooLong = faulty.refuseNames(driveB, "DSC_0002.JPG"::equals, FaultyFileAccess.fileNameTooLong());
        // the FAT filter really refuses the card's own name
        assertThrows(FileSystemException.class, () -> faulty.createNew(driveB.resolve("a:b?.JPG")).close());
        assertEquals(1, fat.fired());

        JsonNode report = ingest(cli, 1);

        assertTrue(tooLong.fired() > 0, "the name refusal never happened: " + tooLong);
        List<Failure> failed = failures(report);
        assertEquals(1, failed.size(), report.toString());
        Failure f = failed.get(0);
        assertEquals(DCIM + "DSC_0002.JPG", f.file());
        assertEquals("B", f.drive());
        assertTrue(f.reason().contains("B") && f.reason().contains("file name"), f.reason());
        assertCopied(driveA, "DSC_0002.JPG", two);
        assertAbsent(driveB, "DSC_0002.JPG");
        for (Path drive : List.of(driveA, driveB)) {
            assertCopied(drive, "DSC_0001.JPG", one);
            assertCopied(drive, "DSC_0003.JPG", three);
            assertCopied(drive, "a_b_.JPG", strange);
            assertNoTemporaryFiles(drive);
        }
        assertEquals(1, fat.fired(), "a name on B that a FAT drive cannot hold: " + libraryFiles(driveB));
        assertTrue(faulty.calls(Op.MOVE, driveB) >= 3, "the files reached B through the FAT filter");
    }

    // ---- 6: an empty file ----

    @Test
    void zeroByteFileIsCopiedAndCounted() throws IOException {
        Path photo = cardFile("DSC_0001.JPG", 100_000, 1);
        Path empty = cardFile("DSC_0002.JPG", 0, 2);

        JsonNode report = ingest(cli, 0);

        assertEquals(2, report.get("newFiles").asInt(), report.toString());
        assertEquals(2, report.get("mediaFiles").asInt(), report.toString());
        for (Path drive : List.of(driveA, driveB)) {
            assertCopied(drive, "DSC_0001.JPG", photo);
            assertCopied(drive, "DSC_0002.JPG", empty);
            assertEquals(0, Files.size(drive.resolve(SESSION_FOLDER).resolve("DSC_0002.JPG")));
            assertNoTemporaryFiles(drive);
        }
        JsonNode session = onlySession(cli);
        assertEquals(2, session.get("files").asLong());
        assertEquals(2, verifiedOn(session, "A"));
        assertEquals(2, verifiedOn(session, "B"));
    }

    // ---- 7: links on the card ----

    @Test
    void linkOnTheCardPointingOutsideIsNotFollowed() throws IOException {
        Path photo = cardFile("DSC_0001.JPG", 100_000, 1);
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path secret = Cards.randomFile(outside.resolve("SECRET.JPG"), 150_000, 99);
        Path fileLink = Files.createSymbolicLink(card.resolve(DCIM + "DSC_0002.JPG"), secret);
        Path dirLink = Files.createSymbolicLink(card.resolve("DCIM/101TEST"), outside);
        assertTrue(Files.isSymbolicLink(fileLink) && Files.isSymbolicLink(dirLink));

        JsonNode report = ingest(cli, 0);

        assertEquals(1, report.get("mediaFiles").asInt(), report.toString());
        List<String> skipped = new ArrayList<>();
        report.get("skipped").forEach(s -> skipped.add(s.asText()));
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith(DCIM + "DSC_0002.JPG") && s.contains("link")),
                "file link listed as skipped: " + skipped);
        assertTrue(skipped.stream().anyMatch(s -> s.startsWith("DCIM/101TEST") && s.contains("link")),
                "folder link listed as skipped: " + skipped);
        for (Path drive : List.of(driveA, driveB)) {
            assertCopied(drive, "DSC_0001.JPG", photo);
            assertEquals(List.of(SESSION_FOLDER + "/DSC_0001.JPG"), libraryFiles(drive));
            for (Path f : regularFilesUnder(drive)) {
                assertNotEquals(-1L, Files.mismatch(f, secret), "the linked file's content is on " + f);
            }
        }
        assertTrue(Files.isRegularFile(secret), "the outside file is untouched");
    }

    // ---- 8: no card there ----

    @Test
    void cardPathThatDoesNotExistGivesAClearMessageAndExit2() throws IOException {
        Path missing = tmp.resolve("no-such-card");

        CliHarness.Result r = cli.expect(2, "ingest", missing.toString(), "--json", "--progress", "none");

        assertTrue(r.err().contains(missing.toString()), "stderr names the path: " + r.err());
        assertFalse(Files.exists(driveA.resolve("Triplicate")));
        assertFalse(Files.exists(driveB.resolve("Triplicate")));
    }

    // ---- helpers ----

    private record Failure(String file, String drive, String reason) {
    }

    private JsonNode ingest(CliHarness harness, int exit, String... extra) {
        List<String> args = new ArrayList<>(List.of("ingest", card.toString(), "--json", "--progress", "none"));
        args.addAll(List.of(extra));
        return harness.expect(exit, args.toArray(String[]::new)).json();
    }

    private static List<Failure> failures(JsonNode report) {
        List<Failure> out = new ArrayList<>();
        for (JsonNode f : report.get("failed")) {
            JsonNode drive = f.get("drive");
            out.add(new Failure(f.get("file").asText(), drive == null || drive.isNull() ? null : drive.asText(),
                    f.get("reason").asText()));
        }
        return out;
    }

    private static JsonNode destination(JsonNode report, String label) {
        for (JsonNode d : report.get("destinations")) {
            if (d.get("label").asText().equals(label)) {
                return d;
            }
        }
        throw new AssertionError("no destination " + label + " in " + report);
    }

    private static JsonNode onlySession(CliHarness harness) {
        JsonNode sessions = harness.expect(0, "status", "--json").json().get("sessions");
        assertEquals(1, sessions.size(), sessions.toString());
        return sessions.get(0);
    }

    private static long verifiedOn(JsonNode session, String label) {
        for (JsonNode c : session.get("copies")) {
            if (c.get("location").asText().equals(label)) {
                return c.get("verifiedFiles").asLong();
            }
        }
        return 0;
    }

    /** A card file of seeded random bytes in {@code DCIM/100TEST}, modified at noon on {@link #DAY}. */
    private Path cardFile(String name, long size, long seed) {
        Path f = Cards.randomFile(card.resolve(DCIM + name), size, seed);
        try {
            Files.setLastModifiedTime(f, FileTime.from(DAY.atTime(12, 0).atZone(ZoneId.systemDefault()).toInstant()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return f;
    }

    private static void assertCopied(Path drive, String name, Path source) throws IOException {
        Path copy = drive.resolve(SESSION_FOLDER).resolve(name);
        assertTrue(Files.isRegularFile(copy), copy + " is missing; library: " + libraryFiles(drive));
        assertEquals(-1L, Files.mismatch(copy, source), copy + " differs from " + source);
    }

    private static void assertAbsent(Path drive, String name) throws IOException {
        Path copy = drive.resolve(SESSION_FOLDER).resolve(name);
        assertFalse(Files.exists(copy), copy + " should not exist; library: " + libraryFiles(drive));
    }

    private static List<String> libraryFiles(Path drive) throws IOException {
        return Cards.filesUnder(drive.resolve("Triplicate")).stream()
                .map(p -> "Triplicate/" + p.replace('\\', '/')).toList();
    }

    private static List<Path> regularFilesUnder(Path root) throws IOException {
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(Files::isRegularFile).toList();
        }
    }

    private static void assertNoTemporaryFiles(Path drive) throws IOException {
        List<Path> temps = regularFilesUnder(drive).stream()
                .filter(p -> p.getFileName().toString().endsWith(TEMP_SUFFIX)).toList();
        assertEquals(List.of(), temps, "temporary files left on " + drive);
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
