package app.triplicate.capture.formats;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Movie files of two kinds older cameras write, made byte by byte with the layout their formats define (no
 * picture data): a classic QuickTime movie with no {@code ftyp} atom, starting with {@code moov} or with
 * {@code mdat}, whose capture time is the {@code mvhd} creation time (seconds since 1904-01-01 UTC); and a
 * Nikon AVI whose date is in Nikon's {@code LIST ncdt} / {@code nctg} records (tag 0x0013, DateTimeOriginal)
 * rather than in {@code IDIT}. The files in {@code src/test/resources/capture} were written by {@link #main}.
 */
public final class SyntheticMovies {
    /** The capture time the QuickTime files carry (UTC, as QuickTime's convention has it). */
    public static final Instant QUICKTIME_CREATED = Instant.parse("2006-07-15T14:23:05Z");
    /** The Nikon AVI's DateTimeOriginal, as the camera stores it (its local time, no zone). */
    public static final String NIKON_DATE = "2013:06:27 21:27:28";
    public static final String NIKON_MAKE = "NIKON";
    public static final String NIKON_MODEL = "COOLPIX SYNTHETIC";

    private static final Instant QUICKTIME_EPOCH = Instant.parse("1904-01-01T00:00:00Z");

    private SyntheticMovies() {
    }

    /** Writes the committed test files into {@code args[0]} (src/test/resources/capture). */
    public static void main(String[] args) throws IOException {
        Path dir = Files.createDirectories(Path.of(args[0]));
        Files.write(dir.resolve("quicktime-moov-first.mov"), quickTimeMoovFirst(QUICKTIME_CREATED));
        Files.write(dir.resolve("quicktime-mdat-first.mov"), quickTimeMdatFirst(QUICKTIME_CREATED, 4096));
        Files.write(dir.resolve("nikon-ncdt.avi"), nikonAvi(NIKON_DATE));
    }

    /** {@code moov} (with {@code mvhd}) first, then a small {@code mdat}. */
    public static byte[] quickTimeMoovFirst(Instant created) {
        return concat(moov(created), atom("mdat", new byte[64]));
    }

    /** {@code mdat} of {@code mdatBytes} first, then {@code moov}: the camera wrote the frames before the index. */
    public static byte[] quickTimeMdatFirst(Instant created, int mdatBytes) {
        return concat(atom("mdat", new byte[mdatBytes]), moov(created));
    }

    /** The {@code moov} atom of a one-second movie created (and modified) at {@code created}. */
    public static byte[] moov(Instant created) {
        long seconds = Duration.between(QUICKTIME_EPOCH, created).getSeconds();
        ByteBuffer mvhd = ByteBuffer.allocate(100).order(ByteOrder.BIG_ENDIAN);
        mvhd.putInt(0); // version 0, no flags: 32-bit times
        mvhd.putInt((int) seconds).putInt((int) seconds); // creation, modification
        mvhd.putInt(600).putInt(600); // time scale, duration (1 s)
        mvhd.putInt(0x00010000).putShort((short) 0x0100); // preferred rate 1.0, volume 1.0
        mvhd.put(new byte[10]); // reserved
        int[] matrix = {0x00010000, 0, 0, 0, 0x00010000, 0, 0, 0, 0x40000000};
        for (int m : matrix) {
            mvhd.putInt(m);
        }
        mvhd.put(new byte[24]); // preview, poster, selection and current times
        mvhd.putInt(2); // next track id
        return atom("moov", atom("mvhd", mvhd.array()));
    }

    /**
     * RIFF 'AVI ' with an {@code hdrl} list (main header only), Nikon's {@code LIST ncdt} holding an {@code nctg}
     * chunk of records (16-bit little-endian tag and size, then the value): Make (0x03), Model (0x04),
     * DateTimeOriginal (0x13) and CreateDate (0x14) as NUL-terminated strings; then an empty {@code movi}.
     */
    public static byte[] nikonAvi(String dateTimeOriginal) {
        byte[] nctg = concat(record(0x03, NIKON_MAKE), record(0x04, NIKON_MODEL),
                record(0x13, dateTimeOriginal), record(0x14, dateTimeOriginal));
        byte[] hdrl = list("hdrl", chunk("avih", new byte[56]));
        byte[] ncdt = list("ncdt", chunk("nctg", nctg));
        byte[] movi = list("movi", new byte[0]);
        byte[] body = concat(ascii("AVI "), hdrl, ncdt, movi, chunk("idx1", new byte[0]));
        return concat(ascii("RIFF"), le32(body.length), body);
    }

    private static byte[] record(int tag, String value) {
        byte[] text = (value + "\0").getBytes(StandardCharsets.ISO_8859_1);
        ByteBuffer b = ByteBuffer.allocate(4 + text.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort((short) tag).putShort((short) text.length).put(text);
        return b.array();
    }

    private static byte[] atom(String type, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(8 + payload.length).order(ByteOrder.BIG_ENDIAN);
        b.putInt(8 + payload.length).put(ascii(type)).put(payload);
        return b.array();
    }

    private static byte[] chunk(String id, byte[] data) {
        byte[] padded = data.length % 2 == 0 ? data : concat(data, new byte[1]);
        return concat(ascii(id), le32(data.length), padded);
    }

    private static byte[] list(String type, byte[] chunks) {
        return chunk("LIST", concat(ascii(type), chunks));
    }

    private static byte[] le32(int v) {
        return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v).array();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
