package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.ExifDates;
import app.triplicate.core.Camera;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Optional;

import static app.triplicate.capture.formats.Samples.sample;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AviReaderTest {
    private static final Path AVI = sample("pentax_k-x_Pentax.avi");
    private final AviReader reader = new AviReader();

    @Test
    void readsThePentaxSampleWithItsStoredSeconds() throws IOException {
        CaptureFields f = Samples.read(reader, AVI).orElseThrow();
        // stored "2009/10/27 12:14:34"; ExifTool 12.57 prints 12:14:00 (expected.tsv), we keep the seconds
        assertEquals(LocalDateTime.parse("2009-10-27T12:14:34"), f.local());
        assertNull(f.offset());
        assertEquals("RIFF:DateTimeOriginal", f.source());
        // as ExifTool: no make or model (the name is only in ISFT, software), serial from the Pentax maker notes
        assertEquals(new Camera(null, null, "3430417"), f.camera());
    }

    @Test
    void readsANikonAviFromItsNcdtListWhenThereIsNoIdit(@TempDir Path tmp) throws IOException {
        Path nikon = Path.of("src/test/resources/capture/nikon-ncdt.avi");
        CaptureFields f = Samples.read(reader, nikon).orElseThrow();
        assertEquals(LocalDateTime.parse("2013-06-27T21:27:28"), f.local());
        assertNull(f.offset());
        assertEquals("Nikon:DateTimeOriginal", f.source());
        assertEquals(new Camera("NIKON", "COOLPIX SYNTHETIC", null), f.camera());
        Samples.assertTruncatedCopiesAreSafe(reader, nikon, tmp);
    }

    @Test
    void nikonRecordsStopAtOneThatRunsPastTheChunk() {
        ByteBuffer b = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        byte[] make = "NIKON\0".getBytes(StandardCharsets.ISO_8859_1);
        b.putShort((short) 0x03).putShort((short) make.length).put(make);
        b.putShort((short) 0x13).putShort((short) 500).put(ascii("2013:06:27"));
        AviReader.NikonTags tags = AviReader.nikonTags(java.util.Arrays.copyOf(b.array(), b.position()));
        assertEquals("NIKON", tags.make());
        assertNull(tags.dateTimeOriginal());
    }

    @Test
    void acceptsBySignature() throws IOException {
        Samples.assertAcceptsOnlyItsOwn(reader, AVI, "avi");
    }

    @Test
    void truncatedCopiesAreSafe(@TempDir Path tmp) throws IOException {
        Samples.assertTruncatedCopiesAreSafe(reader, AVI, tmp);
    }

    @Test
    void parsesTheDateFormsCamerasWrite() {
        assertEquals(Optional.of(LocalDateTime.parse("2009-10-27T12:14:34")),
                AviReader.parseDate("2009/10/27 12:14:34").map(ExifDates.Zoned::local));
        assertEquals(Optional.of(LocalDateTime.parse("2009-10-27T12:14:34")),
                AviReader.parseDate("2009:10:27 12:14:34").map(ExifDates.Zoned::local));
        assertEquals(Optional.of(LocalDateTime.parse("2000-01-01T00:00:00")),
                AviReader.parseDate("SAT JAN 01 00:00:00 2000").map(ExifDates.Zoned::local));
        assertEquals(Optional.of(LocalDateTime.parse("2003-03-10T15:04:43")),
                AviReader.parseDate("Mon Mar 10 15:04:43 2003").map(ExifDates.Zoned::local));
        assertTrue(AviReader.parseDate("0000:00:00 00:00:00").isEmpty());
        assertTrue(AviReader.parseDate("").isEmpty());
    }

    @Test
    void skipsTheMoviListWithoutReadingIt(@TempDir Path tmp) throws IOException {
        Path file = tmp.resolve("big.avi");
        int movi = 20 << 20;
        byte[] idit = "SAT JAN 01 00:00:00 2000\n\0".getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer head = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        head.put(ascii("RIFF")).putInt(4 + 12 + idit.length + 8 + 12 + movi + 8 + 16).put(ascii("AVI "));
        head.put(ascii("LIST")).putInt(4 + 8 + idit.length).put(ascii("hdrl"));
        head.put(ascii("IDIT")).putInt(idit.length).put(idit);
        head.put(ascii("LIST")).putInt(4 + movi).put(ascii("movi"));
        try (RandomAccessFile out = new RandomAccessFile(file.toFile(), "rw")) {
            out.write(head.array(), 0, head.position());
            out.seek(head.position() + (long) movi); // the frames: 20 MiB of zeros, sparse on disk
            ByteBuffer idx = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
            idx.put(ascii("idx1")).putInt(16);
            out.write(idx.array());
        }
        Samples.Result result = Samples.readCounting(reader, file);
        assertEquals(LocalDateTime.parse("2000-01-01T00:00:00"), result.fields().orElseThrow().local());
        assertTrue(result.bytesRead() < 64 * 1024, "read " + result.bytesRead() + " bytes");
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }
}
