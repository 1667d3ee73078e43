package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.core.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;

import static app.triplicate.capture.formats.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class M2tsReaderTest {
    private static final Path MTS = sample("canon_unknown_M2TS.mts");
    private static final CaptureFields EXPECTED = new CaptureFields(LocalDateTime.parse("2008-12-31T23:16:24"),
            ZoneOffset.ofHours(1), "H264:DateTimeOriginal", new Camera("Canon", null, null));
    private final M2tsReader reader = new M2tsReader();

    @Test
    void readsTheCanonSample() throws IOException {
        Samples.Result result = Samples.readCounting(reader, MTS);
        assertEquals(EXPECTED, result.fields().orElseThrow());
        assertTrue(result.bytesRead() <= Files.size(MTS) + 400, "read " + result.bytesRead() + " bytes");
    }

    @Test
    void acceptsBySyncBytes() throws IOException {
        Samples.assertAcceptsOnlyItsOwn(reader, MTS, "mts");
        assertTrue(reader.accepts(Samples.head(MTS, 512), "bin"), "two sync bytes win over the extension");
        assertFalse(reader.accepts(Samples.head(MTS, 64), "bin"), "one sync byte alone is not enough");
    }

    @Test
    void truncatedCopiesAreSafe(@TempDir Path tmp) throws IOException {
        Samples.assertTruncatedCopiesAreSafe(reader, MTS, tmp);
    }

    @Test
    void stopsReadingOnceTheMdpmBlockIsFound(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("long.mts");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(Files.readAllBytes(MTS));
            writeNullPackets(out, 10 << 20);
        }
        Samples.Result result = Samples.readCounting(reader, file);
        assertEquals(EXPECTED, result.fields().orElseThrow());
        assertTrue(result.bytesRead() < 64 * 1024, "read " + result.bytesRead() + " bytes");
    }

    @Test
    void givesUpAfterTheScanLimit(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("no-sei.mts");
        try (OutputStream out = Files.newOutputStream(file)) {
            writeNullPackets(out, 20 << 20);
        }
        Samples.Result result = Samples.readCounting(reader, file);
        assertTrue(result.fields().isEmpty());
        assertTrue(result.bytesRead() <= M2tsReader.SCAN_LIMIT + 1024, "read " + result.bytesRead() + " bytes");
    }

    @Test
    void reassemblesAnSeiSplitAcrossPackets(@TempDir Path tmp) throws IOException {
        byte[] all = Files.readAllBytes(MTS);
        int videoPacket = 0x300; // the sample's first video packet: TS header at +4, PES payload at +8
        byte[] payload = Arrays.copyOfRange(all, videoPacket + 8, videoPacket + 192);
        int uuid = indexOf(payload, Bytes.hex("17ee8c60f84d11d98cd60800200c9a66"));
        assertTrue(uuid > 0);
        int split = uuid + 8; // cut the UUID itself in two
        byte[] rebuilt = Arrays.copyOf(all, videoPacket + 2 * 192);
        System.arraycopy(packet(all, videoPacket, true, Arrays.copyOfRange(payload, 0, split)), 0,
                rebuilt, videoPacket, 192);
        System.arraycopy(packet(all, videoPacket, false, Arrays.copyOfRange(payload, split, payload.length)), 0,
                rebuilt, videoPacket + 192, 192);
        Path file = tmp.resolve("split.mts");
        Files.write(file, rebuilt);
        assertEquals(EXPECTED, Samples.read(reader, file).orElseThrow());
    }

    @Test
    void removesEmulationPreventionBytes() {
        byte[] escaped = {1, 0, 0, 3, 1, 0, 0, 3, 0, 0, 3, 2};
        assertArrayEquals(new byte[] {1, 0, 0, 1, 0, 0, 0, 0, 2}, M2tsReader.unescape(escaped, 0, escaped.length));
    }

    /** A 192-byte packet of the video PID carrying {@code data}, padded with adaptation-field stuffing. */
    private static byte[] packet(byte[] sample, int original, boolean unitStart, byte[] data) {
        byte[] p = new byte[192];
        System.arraycopy(sample, original, p, 0, 4); // the 4-byte M2TS timestamp
        p[4] = 0x47;
        p[5] = (byte) ((unitStart ? 0x40 : 0) | (sample[original + 5] & 0x1f));
        p[6] = sample[original + 6];
        p[7] = (byte) (0x30 | (unitStart ? 0 : 1)); // adaptation field + payload, continuity counter
        int adaptation = 184 - 1 - data.length; // bytes after the length byte
        p[8] = (byte) adaptation;
        if (adaptation > 0) {
            p[9] = 0; // no flags
            Arrays.fill(p, 10, 9 + adaptation, (byte) 0xff);
        }
        System.arraycopy(data, 0, p, 9 + adaptation, data.length);
        return p;
    }

    /** Null packets (PID 0x1fff) in 192-byte M2TS framing. */
    private static void writeNullPackets(OutputStream out, int bytes) throws IOException {
        byte[] p = new byte[192];
        Arrays.fill(p, (byte) 0xff);
        p[0] = p[1] = p[2] = p[3] = 0;
        p[4] = 0x47;
        p[5] = 0x1f;
        p[6] = (byte) 0xff;
        p[7] = 0x10;
        for (int written = 0; written < bytes; written += p.length) {
            out.write(p);
        }
    }

    private static int indexOf(byte[] b, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= b.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
