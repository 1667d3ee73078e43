package app.triplicate.fault;

import app.triplicate.testing.Cards;
import app.triplicate.testing.CliHarness;
import app.triplicate.testing.FaultyFileAccess;
import app.triplicate.testing.ForwardingFileAccess;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Names and times that trip file systems up. The destinations are ext4 folders; a FAT drive's name rules and a
 * case-insensitive drive are simulated through the file layer (this kernel has neither vfat nor exfat, see
 * ARCHITECTURE.md), which fails a create or rename the way those drives do, and says "FAT" when asked for the
 * largest file it can hold.
 */
@FaultSuite
class NamesTest {
    @TempDir
    Path tmp;

    @Test
    @FaultCase(name = "names-nfc-nfd", asserts = "The NFC and NFD forms of one name with different bytes on the card: "
            + "both land whole on both drives under names that stay distinct once normalized (as macOS compares "
            + "them), the same path on each drive, and a rerun finds nothing new.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void nfcAndNfdFormsOfOneName() throws Exception {
        FaultFixture f = new FaultFixture(tmp, 1);
        String nfc = Normalizer.normalize("Café.JPG", Normalizer.Form.NFC);
        String nfd = Normalizer.normalize("Café.JPG", Normalizer.Form.NFD);
        Cards.randomFile(f.card.resolve("DCIM/100TEST/" + nfc), 100_000, 1);
        Cards.randomFile(f.card.resolve("DCIM/100TEST/" + nfd), 100_000, 2);
        f.cardBefore = Library.snapshot(f.card);
        assertEquals(2, Library.regularFiles(f.card).size(), "the card holds both forms");
        f.ingest(f.cli, 0);
        assertSamePathsEverywhere(f, 2);
        Set<String> normalized = new HashSet<>();
        for (String name : names(f.drives.get("A"))) {
            assertTrue(normalized.add(Normalizer.normalize(name, Normalizer.Form.NFC)),
                    "two names on the drive differ only by Unicode normalization: " + names(f.drives.get("A")));
        }
        assertEquals(0, f.ingest(f.cli, 0).get("newFiles").asInt());
        f.assertWholeAndTrue(Map.of("A", 2, "B", 2), "NFC and NFD");
    }

    @Test
    @FaultCase(name = "names-255-bytes", asserts = "A 255-byte UTF-8 file name on the card: ingest lands it whole on "
            + "both drives under one name of at most 200 bytes (SPEC section 4), never cut inside a character, and "
            + "a second file of that name with other bytes still has room for its -2.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void twoHundredFiftyFiveByteName() throws Exception {
        FaultFixture f = new FaultFixture(tmp, 2);
        String name = "写".repeat(83) + "ab.JPG"; // 249 + 6 bytes
        assertEquals(255, name.getBytes(StandardCharsets.UTF_8).length);
        Cards.randomFile(f.card.resolve("DCIM/100TEST/" + name), 100_000, 1);
        Cards.randomFile(f.card.resolve("DCIM/101TEST/" + name), 100_000, 2);
        f.cardBefore = Library.snapshot(f.card);
        JsonNode report = f.ingest(f.cli, 0);
        assertEquals(List.of(), FaultFixture.failures(report));
        assertSamePathsEverywhere(f, 2);
        for (String landed : names(f.drives.get("A"))) {
            // the name is shortened to 200 bytes; an alternative adds its "-2"
            assertTrue(landed.getBytes(StandardCharsets.UTF_8).length <= (landed.contains("-2.") ? 202 : 200),
                    "too long: " + landed);
            assertTrue(landed.endsWith(".JPG") && landed.startsWith("写"), landed);
        }
        f.assertWholeAndTrue(Map.of("A", 2, "B", 2), "255-byte name");
    }

    @Test
    @FaultCase(name = "names-fat-refused", asserts = "Names a FAT, exFAT or NTFS drive refuses (: ? * and a trailing "
            + "dot or space) to such a drive: each file lands on both drives under one portable name, the same path "
            + "on each, nothing fails and nothing is overwritten.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void namesAFatDriveRefuses() throws Exception {
        FaultFixture f = new FaultFixture(tmp, 3);
        List<String> names = List.of("a:b.JPG", "what?.JPG", "star*.JPG", "dot.CR3.", "space.MOV ");
        long seed = 1;
        for (String n : names) {
            Cards.randomFile(f.card.resolve("DCIM/100TEST/" + n), 50_000, seed++);
        }
        f.cardBefore = Library.snapshot(f.card);
        FaultyFileAccess fat = new FaultyFileAccess();
        FaultyFileAccess.Fault rule = fat.fatNames(f.drives.get("B"));
        JsonNode report = f.ingest(f.with(fat), 0);
        assertEquals(List.of(), FaultFixture.failures(report));
        assertEquals(0, rule.fired(), "no refused name reached the FAT drive");
        assertEquals(new TreeSet<>(List.of("a_b.JPG", "what_.JPG", "star_.JPG", "dot.CR3", "space.MOV")),
                new TreeSet<>(names(f.drives.get("B"))));
        assertSamePathsEverywhere(f, names.size());
        f.assertWholeAndTrue(Map.of("A", names.size(), "B", names.size()), "FAT names");
    }

    @Test
    @FaultCase(name = "names-case-only", asserts = "Two names differing only in case, with different bytes, to a "
            + "case-insensitive drive: both land whole, neither overwrites the other, under the same paths on both "
            + "drives.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void namesDifferingOnlyInCase() throws Exception {
        FaultFixture f = new FaultFixture(tmp, 4);
        Cards.randomFile(f.card.resolve("DCIM/100TEST/IMG_0001.JPG"), 100_000, 1);
        Cards.randomFile(f.card.resolve("DCIM/100TEST/img_0001.jpg"), 100_000, 2);
        f.cardBefore = Library.snapshot(f.card);
        CaseInsensitive b = new CaseInsensitive(f.drives.get("B"));
        JsonNode report = f.ingest(f.with(b), 0);
        assertEquals(List.of(), FaultFixture.failures(report));
        Set<String> lower = new HashSet<>();
        for (String n : names(f.drives.get("B"))) {
            assertTrue(lower.add(n.toLowerCase(Locale.ROOT)), "a case-insensitive drive cannot hold both: "
                    + names(f.drives.get("B")));
        }
        assertSamePathsEverywhere(f, 2);
        f.assertWholeAndTrue(Map.of("A", 2, "B", 2), "names differing only in case");
    }

    @Test
    @FaultCase(name = "names-symlink-loop", asserts = "A symbolic-link loop on the card: ingest ends in time, copies "
            + "every real file, follows no link, names the link, and leaves the card unchanged.")
    @Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void symlinkLoopOnTheCard() throws Exception {
        FaultFixture f = new FaultFixture(tmp, 5);
        f.cardFiles(3, 50_000);
        Path dir = f.card.resolve("DCIM/100TEST");
        Files.createSymbolicLink(dir.resolve("loop"), dir);
        Files.createSymbolicLink(f.card.resolve("DCIM/self"), Path.of("self"));
        f.cardBefore = Library.snapshot(f.card);
        CliHarness.Result r = f.cli.run("ingest", f.card.toString(), "--json", "--progress", "none");
        assertTrue(r.exitCode() <= 1, r.out() + r.err());
        FaultFixture.assertNames(r.out() + r.err(), "loop");
        f.assertWholeAndTrue(Map.of("A", 3, "B", 3), "symlink loop");
    }

    @Test
    @FaultCase(name = "capture-dst-repeated-hour", asserts = "Two shots in the hour a daylight-saving change repeats "
            + "(01:40 MDT, then 01:10 MST, 30 minutes later): one session, in the order they were taken, dated and "
            + "shown in the camera's wall-clock time.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void shotsInTheRepeatedHourStayInOrder() throws Exception {
        FaultFixture f = new FaultFixture(tmp, 6);
        Path first = shot(f.card.resolve("DCIM/100CANON/_MG_0002.JPG"), "2019:11:03 01:40:00", "-06:00");
        Path second = shot(f.card.resolve("DCIM/100CANON/_MG_0001.JPG"), "2019:11:03 01:10:00", "-07:00");
        f.cardBefore = Library.snapshot(f.card);
        JsonNode scan = f.cli.expect(0, "scan", f.card.toString(), "--json").json();
        assertEquals(1, scan.get("sessions").size(), scan.toString());
        List<String> order = new ArrayList<>();
        scan.get("sessions").get(0).get("items").forEach(i -> order.add(i.get("path").asText() + " "
                + i.get("captureTime").asText()));
        assertEquals(List.of("DCIM/100CANON/_MG_0002.JPG 2019-11-03T01:40:00.29-06:00",
                "DCIM/100CANON/_MG_0001.JPG 2019-11-03T01:10:00.29-07:00"), order, "in the order taken");
        f.ingest(f.cli, 0);
        JsonNode session = f.cli.expect(0, "status", "--json").json().get("sessions").get(0);
        assertTrue(session.get("folder").asText().startsWith("2019/2019-11-03 "), session.toString());
        assertEquals("2019-11-03T01:40:00.29", session.get("firstWallClock").asText(), session.toString());
        assertEquals("2019-11-03T01:10:00.29", session.get("lastWallClock").asText(), session.toString());
        assertTrue(Files.exists(first) && Files.exists(second));
        f.assertWholeAndTrue(Map.of("A", 2, "B", 2), "repeated hour");
    }

    @Test
    @FaultCase(name = "file-over-4gib-to-fat", asserts = "A sparse 4 GiB + 1 byte video on the card to a FAT drive: "
            + "refused before a byte of it is read or written, with a message naming the file, the drive and the "
            + "limit; the card's other file lands, nothing partial is left, nothing is counted for it.")
    @Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void fileOverFourGibToAFatDrive() throws Exception {
        FaultFixture f = new FaultFixture(tmp, 7);
        Path big = f.card.resolve("DCIM/100TEST/MVI_0001.MOV");
        Files.createDirectories(big.getParent());
        try (var ch = java.nio.channels.FileChannel.open(big, java.nio.file.StandardOpenOption.CREATE_NEW,
                java.nio.file.StandardOpenOption.WRITE, java.nio.file.StandardOpenOption.SPARSE)) {
            ch.write(java.nio.ByteBuffer.wrap(new byte[]{1}), 4L << 30); // 4 GiB + 1 byte, almost all a hole
        }
        Cards.randomFile(f.card.resolve("DCIM/100TEST/IMG_0002.JPG"), 100_000, 2);
        f.cardBefore = Library.snapshot(f.card);
        Path fatDrive = f.drives.get("B");
        ForwardingFileAccess fat = new ForwardingFileAccess() {
            @Override
            public long maxFileSize(Path dir) {
                return dir.toAbsolutePath().startsWith(fatDrive) ? FAT_MAX_FILE_SIZE : real.maxFileSize(dir);
            }
        };
        JsonNode report = f.ingest(f.with(fat), 1, "--to", "B");
        assertEquals(List.of("B: DCIM/100TEST/MVI_0001.MOV: drive B is a FAT drive, which cannot hold a file over 4 GiB"
                + " (this one is 4.29 GB); nothing was copied there. Copy it to an exFAT or NTFS drive."),
                FaultFixture.failures(report));
        assertTrue(report.get("bytesRead").asLong() < 1_000_000, "refused before it was read: " + report);
        assertEquals(List.of("IMG_0002.JPG"), names(fatDrive));
        Library.assertNoPartialFiles(f.drives, Library.contents(f.card), false, "over 4 GiB to FAT");
        assertEquals(Map.of("B", 1), Library.assertCatalogTrue(f.cli, f.home, f.drives, "over 4 GiB to FAT"));
        f.cardBefore.assertUnchanged(f.card, "over 4 GiB to FAT");
    }

    /** A real Canon JPEG whose EXIF date (DateTimeOriginal and the others) and offsets are rewritten in place. */
    private static Path shot(Path target, String exifTime, String offset) throws IOException {
        byte[] b = Files.readAllBytes(Cards.samples().resolve("canon_eosrp__MG_0635.JPG"));
        replaceAll(b, "2020:02:18 08:56:13", exifTime);
        replaceAll(b, "-07:00", offset);
        Files.createDirectories(target.getParent());
        return Files.write(target, b);
    }

    private static void replaceAll(byte[] b, String from, String to) {
        byte[] x = from.getBytes(StandardCharsets.US_ASCII);
        byte[] y = to.getBytes(StandardCharsets.US_ASCII);
        int found = 0;
        for (int i = 0; i + x.length <= b.length; i++) {
            if (java.util.Arrays.equals(b, i, i + x.length, x, 0, x.length)) {
                System.arraycopy(y, 0, b, i, y.length);
                found++;
            }
        }
        assertTrue(found > 0, "not in the sample: " + from);
    }

    /** Both drives hold the same library paths, {@code n} of them. */
    private static void assertSamePathsEverywhere(FaultFixture f, int n) throws IOException {
        List<String> a = Cards.filesUnder(f.drives.get("A").resolve("Triplicate"));
        List<String> b = Cards.filesUnder(f.drives.get("B").resolve("Triplicate"));
        assertEquals(a, b, "the same library path on every drive");
        assertEquals(n, a.size(), a.toString());
    }

    private static List<String> names(Path drive) throws IOException {
        try (Stream<Path> s = Files.walk(drive.resolve("Triplicate"))) {
            // the ASC MHL history beside the pictures is Triplicate's own record, not a card file
            return s.filter(Files::isRegularFile).filter(p -> !p.getParent().getFileName().toString().equals("ascmhl"))
                    .map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * A case-insensitive drive (FAT, exFAT, NTFS, APFS by default), as Linux shows one: creating or renaming to a
     * name another entry in the folder already has in another case fails with "File exists".
     */
    private static final class CaseInsensitive extends ForwardingFileAccess {
        private final Path drive;

        CaseInsensitive(Path drive) {
            this.drive = drive;
        }

        private void check(Path p) throws IOException {
            Path abs = p.toAbsolutePath();
            if (!abs.startsWith(drive) || !Files.isDirectory(abs.getParent())) {
                return;
            }
            String name = abs.getFileName().toString();
            try (Stream<Path> s = Files.list(abs.getParent())) {
                if (s.map(x -> x.getFileName().toString()).anyMatch(x -> !x.equals(name) && x.equalsIgnoreCase(name))) {
                    throw new FileAlreadyExistsException(p.toString());
                }
            }
        }

        @Override
        public FileChannel createNew(Path file) throws IOException {
            check(file);
            return real.createNew(file);
        }

        @Override
        public void moveAtomically(Path from, Path to) throws IOException {
            check(to);
            real.moveAtomically(from, to);
        }
    }
}
