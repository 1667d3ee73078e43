package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.CaptureReaders;
import app.triplicate.capture.CaptureReading;
import app.triplicate.core.Camera;
import app.triplicate.files.LocalFileAccess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

import static app.triplicate.capture.formats.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HeifReaderTest {
    private static final Path HEIC = sample("apple_iphonexr_IMG_3589.HEIC");
    private static final LocalDateTime TAKEN = LocalDateTime.parse("2020-04-17T10:03:48.064");
    private static final byte[] BPLIST = "bplist00".getBytes(StandardCharsets.ISO_8859_1);
    private final HeifReader reader = new HeifReader();

    @Test
    void readsTheIphoneXrSample() throws IOException {
        Samples.Result result = Samples.readCounting(reader, HEIC);
        CaptureFields f = result.fields().orElseThrow();
        assertEquals(TAKEN, f.local());
        assertEquals(ZoneOffset.ofHours(-6), f.offset());
        assertEquals("EXIF:ExifIFD:DateTimeOriginal", f.source());
        assertEquals(new Camera("Apple", "iPhone XR", null), f.camera());
        assertTrue(result.bytesRead() < 64 * 1024, "read " + result.bytesRead() + " bytes");
    }

    @Test
    void acceptsHeifBrandsOnly() throws IOException {
        Samples.assertAcceptsOnlyItsOwn(reader, HEIC, "heic");
        assertFalse(reader.accepts(Samples.head(sample("canon_eosm50_CanonRaw.cr3"), 512), "cr3"), "a CR3");
        assertFalse(reader.accepts(Samples.head(sample(Samples.JPEG), 512), "heic"), "a JPEG");
        assertTrue(reader.accepts(ftyp("mp42", "isom", "mif1"), "hif"), "a HEIF brand among the compatible ones");
        assertFalse(reader.accepts(ftyp("crx ", "heic"), "heic"), "CR3, whatever else it lists");
        assertFalse(reader.accepts(ftyp("isom", "mp41", "mp42"), "mp4"), "an MP4");
        assertFalse(reader.accepts(Samples.head(sample("apple_iphonexr_IMG_3589.mov"), 512), "mov"), "a QuickTime movie");
    }

    /**
     * metadata-extractor's own HEIF reader fails on these: 2^63-1 objects ends in a NegativeArraySizeException,
     * 2^28-1 in an OutOfMemoryError after allocating what the heap holds.
     */
    @Test
    void aCorruptObjectCountInTheAppleRunTimePlistIsNotParsed(@TempDir Path tmp) throws IOException {
        for (long count : new long[] {Long.MAX_VALUE, 0x0FFF_FFFFL}) {
            byte[] bytes = Files.readAllBytes(HEIC);
            assertTrue(corruptPlistTrailers(bytes, count) > 0, "no binary plist trailer found in the sample");
            assertDateOrEmptyQuickly(write(tmp, "count-" + count + ".heic", bytes));
        }
    }

    @Test
    void garbageAfterThePlistMagicIsNotParsed(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(HEIC);
        int found = 0;
        for (int at = indexOf(bytes, BPLIST, 0); at >= 0; at = indexOf(bytes, BPLIST, at + 1)) {
            Arrays.fill(bytes, at + BPLIST.length, at + BPLIST.length + 8, (byte) 0xFF);
            found++;
        }
        assertTrue(found > 0, "no binary plist in the sample");
        assertDateOrEmptyQuickly(write(tmp, "garbage.heic", bytes));
    }

    @Test
    void theCaptureReaderReadsTheCorruptCopyToo(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(HEIC);
        corruptPlistTrailers(bytes, Long.MAX_VALUE);
        Path file = write(tmp, "IMG_3589.HEIC", bytes);
        Clock clock = Clock.fixed(Instant.parse("2025-01-01T12:00:00Z"), ZoneOffset.UTC);
        CaptureReading reading = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> CaptureReaders.standard(new LocalFileAccess(), clock).read(file, 0));
        assertFalse(reading.time().fallback(), reading.toString());
        assertEquals(TAKEN, reading.time().local());
        assertNull(reading.problem());
    }

    @Test
    void truncatedCopiesGiveNothingOrAnIOException(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(HEIC);
        for (int length : new int[] {100, all.length / 2}) {
            Path cut = write(tmp, "cut-" + length + ".heic", Arrays.copyOf(all, length));
            assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
                try {
                    Optional<CaptureFields> got = Samples.read(reader, cut);
                    assertTrue(got.isEmpty() || got.get().local().equals(TAKEN), "cut to " + length + ": " + got);
                } catch (IOException refused) {
                    // a clean refusal
                }
            });
        }
        Samples.assertTruncatedCopiesAreSafe(reader, HEIC, tmp);
    }

    @Test
    void aFileWithoutAnExifItemGivesNothing(@TempDir Path tmp) throws IOException {
        byte[] bytes = Files.readAllBytes(HEIC);
        // rename the item type in iinf: the EXIF bytes are still there, but no item says they are EXIF
        int type = indexOf(bytes, "Exif".getBytes(StandardCharsets.ISO_8859_1), 0);
        assertTrue(type > 0 && type < 4096, "Exif item type at " + type);
        bytes[type] = 'X';
        assertEquals(Optional.empty(), Samples.read(reader, write(tmp, "noexif.heic", bytes)));
    }

    /** Sets numObjects in every binary plist's trailer to {@code count}; returns how many trailers it changed. */
    private static int corruptPlistTrailers(byte[] bytes, long count) {
        int changed = 0;
        for (int at = indexOf(bytes, BPLIST, 0); at >= 0; at = indexOf(bytes, BPLIST, at + 1)) {
            int trailer = trailer(bytes, at);
            if (trailer >= 0) {
                for (int i = 0; i < 8; i++) {
                    bytes[trailer + 8 + i] = (byte) (count >>> (56 - 8 * i));
                }
                changed++;
            }
        }
        return changed;
    }

    /**
     * The 32-byte trailer of the plist at {@code start}: 5 unused bytes, sort version, offset size, object
     * reference size, then numObjects, topObject and offsetTableOffset as 8-byte big-endian numbers; it follows
     * the offset table directly, which is how it is told apart from other bytes. -1 when none is found.
     */
    private static int trailer(byte[] b, int start) {
        for (int t = start + BPLIST.length; t + 32 <= b.length && t < start + 64 * 1024; t++) {
            if (b[t] != 0 || b[t + 1] != 0 || b[t + 2] != 0 || b[t + 3] != 0 || b[t + 4] != 0) {
                continue;
            }
            int offsetSize = b[t + 6];
            long objects = u64(b, t + 8);
            long offsetTable = u64(b, t + 24);
            if (offsetSize >= 1 && offsetSize <= 8 && objects > 0 && objects < 1 << 16 && offsetTable > 0
                    && offsetTable + objects * offsetSize == t - start) {
                return t;
            }
        }
        return -1;
    }

    private void assertDateOrEmptyQuickly(Path file) {
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            try {
                Optional<CaptureFields> got = Samples.read(reader, file);
                assertTrue(got.isEmpty() || TAKEN.equals(got.get().local()), String.valueOf(got));
            } catch (IOException refused) {
                // a clean refusal is also fine; an Error or a runtime exception is not
            }
        });
    }

    private static byte[] ftyp(String major, String... compatible) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int size = 16 + 4 * compatible.length;
        out.writeBytes(new byte[] {0, 0, 0, (byte) size});
        out.writeBytes(("ftyp" + major + "\0\0\0\0" + String.join("", compatible)).getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(new byte[64]);
        return out.toByteArray();
    }

    private static Path write(Path dir, String name, byte[] bytes) throws IOException {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static int indexOf(byte[] b, byte[] what, int from) {
        outer:
        for (int i = Math.max(0, from); i + what.length <= b.length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (b[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static long u64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }
}
