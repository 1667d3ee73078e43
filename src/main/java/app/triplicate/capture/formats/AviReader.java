package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.ExifDates;
import app.triplicate.capture.FormatReader;
import app.triplicate.capture.HeaderSource;
import app.triplicate.core.Camera;
import com.drew.metadata.Directory;
import com.drew.metadata.Metadata;
import com.drew.metadata.exif.ExifIFD0Directory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * AVI (RIFF form 'AVI '). Walks the chunk headers of the first RIFF: into the 'hdrl', 'INFO' and 'hydt'
 * lists, past everything else ('movi' with the frames is skipped by its length, never read). The capture
 * date is the IDIT chunk, a string in one of the forms cameras write: "2009/10/27 12:14:34",
 * "2009:10:27 12:14:34" or ctime style "SAT JAN 01 00:00:00 2000". We keep the stored seconds (ExifTool
 * 12.57 drops them for the slash form; metadata-extractor loses the last digit). Pentax cameras add a
 * 'hydt' list whose 'hymn' chunk holds Pentax maker notes; its SerialNumber (0x0229) is read. The make and
 * model are left empty as in ExifTool: the camera name appears only as software (ISFT, "PENTAX K-x").
 * Nikon cameras write no IDIT: their 'ncdt' list holds an 'nctg' chunk of records (a 16-bit little-endian
 * tag and length, then the value) with Make (0x03), Model (0x04) and DateTimeOriginal (0x13), the camera's
 * local time as "YYYY:MM:DD HH:MM:SS" (ExifTool's Nikon AVITags). IDIT wins where a file has both.
 */
public final class AviReader implements FormatReader {
    static final String SOURCE = "RIFF:DateTimeOriginal";
    static final String NIKON_SOURCE = "Nikon:DateTimeOriginal";

    /** Lists worth entering; all other chunks are skipped by their length. */
    private static final List<String> LISTS = List.of("hdrl", "INFO", "hydt", "ncdt");
    private static final int MAX_CHUNKS = 4096;
    private static final int MAX_DEPTH = 4;
    private static final int MAX_DATE = 64;
    /** A Pentax maker-note chunk is a few KiB. */
    private static final int MAX_MAKER_NOTE = 1 << 16;
    private static final int PENTAX_SERIAL = 0x0229;
    /** Nikon's tag records are a few hundred bytes. */
    private static final int MAX_NIKON_TAGS = 1 << 16;
    private static final int NIKON_MAKE = 0x03;
    private static final int NIKON_MODEL = 0x04;
    private static final int NIKON_DATE_TIME_ORIGINAL = 0x13;

    private static final Pattern CTIME = Pattern.compile(
            "\\s*[A-Za-z]{3}\\s+([A-Za-z]{3})\\s+(\\d{1,2})\\s+(\\d{1,2}):(\\d{2}):(\\d{2})\\s+(\\d{4})\\s*");
    private static final List<String> MONTHS = List.of(
            "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC");

    public AviReader() {
    }

    @Override
    public boolean accepts(byte[] head, String extension) {
        return Bytes.ascii(head, 0, "RIFF") && Bytes.ascii(head, 8, "AVI ");
    }

    @Override
    public Optional<CaptureFields> read(HeaderSource source) throws IOException {
        if (source.size() < 12 || !accepts(source.read(0, 12), "")) {
            return Optional.empty();
        }
        long riffEnd = Math.min(source.size(), 8 + Bytes.u32(source.read(4, 4), 0, true));
        Walk walk = new Walk(source);
        walk.chunks(12, riffEnd, 0);
        Optional<ExifDates.Zoned> idit = parseDate(walk.idit);
        Optional<ExifDates.Zoned> nikon = walk.nikon == null ? Optional.empty()
                : ExifDates.parseWithZone(walk.nikon.dateTimeOriginal());
        Camera camera = walk.nikon == null ? new Camera(null, null, walk.serial)
                : new Camera(walk.nikon.make(), walk.nikon.model(), walk.serial);
        if (idit.isPresent()) {
            return Optional.of(new CaptureFields(idit.get().local(), idit.get().offset(), SOURCE, camera));
        }
        if (nikon.isPresent()) {
            return Optional.of(new CaptureFields(nikon.get().local(), nikon.get().offset(), NIKON_SOURCE, camera));
        }
        return camera.equals(Camera.UNKNOWN) ? Optional.empty() : Optional.of(CaptureFields.cameraOnly(camera));
    }

    /** What a Nikon 'nctg' chunk says (each part null when absent). */
    record NikonTags(String make, String model, String dateTimeOriginal) {
    }

    /** Reads the records of a Nikon 'nctg' chunk; a record running past the chunk ends the walk, as in ExifTool. */
    static NikonTags nikonTags(byte[] nctg) {
        String make = null;
        String model = null;
        String date = null;
        int pos = 0;
        while (pos + 4 <= nctg.length) {
            int tag = Bytes.u16(nctg, pos, true);
            int length = Bytes.u16(nctg, pos + 2, true);
            pos += 4;
            if (pos + length > nctg.length) {
                break;
            }
            switch (tag) {
                case NIKON_MAKE -> make = Bytes.cString(nctg, pos, length);
                case NIKON_MODEL -> model = Bytes.cString(nctg, pos, length);
                case NIKON_DATE_TIME_ORIGINAL -> date = Bytes.cString(nctg, pos, length);
                default -> { }
            }
            pos += length;
        }
        return new NikonTags(make, model, date);
    }

    /** Parses an IDIT string; empty for blank, zero or unknown forms. */
    static Optional<ExifDates.Zoned> parseDate(String idit) {
        if (idit == null) {
            return Optional.empty();
        }
        Matcher m = CTIME.matcher(idit);
        if (m.matches()) {
            int month = MONTHS.indexOf(m.group(1).toUpperCase(Locale.ROOT)) + 1;
            try {
                return month == 0 ? Optional.empty() : Optional.of(new ExifDates.Zoned(LocalDateTime.of(
                        Integer.parseInt(m.group(6)), month, Integer.parseInt(m.group(2)),
                        Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)),
                        Integer.parseInt(m.group(5))), null));
            } catch (DateTimeException e) {
                return Optional.empty();
            }
        }
        return ExifDates.parseWithZone(idit);
    }

    private static final class Walk {
        final HeaderSource source;
        int chunks;
        String idit;
        String serial;
        NikonTags nikon;

        Walk(HeaderSource source) {
            this.source = source;
        }

        /** Visits the chunks in [pos, end); reads only headers, IDIT, the Pentax maker notes and Nikon's tags. */
        void chunks(long pos, long end, int depth) throws IOException {
            while (pos + 8 <= end && chunks++ < MAX_CHUNKS) {
                byte[] h = source.read(pos, 8);
                String id = Bytes.fourCc(h, 0);
                long length = Bytes.u32(h, 4, true);
                long data = pos + 8;
                long dataEnd = Math.min(end, data + length);
                if (id.equals("LIST") && length >= 4 && depth < MAX_DEPTH && data + 4 <= end
                        && LISTS.contains(Bytes.fourCc(source.read(data, 4), 0))) {
                    chunks(data + 4, dataEnd, depth + 1);
                } else if (id.equals("IDIT") && idit == null && dataEnd > data) {
                    idit = new String(source.read(data, (int) Math.min(MAX_DATE, dataEnd - data)),
                            StandardCharsets.ISO_8859_1).replace('\0', ' ').strip();
                } else if (id.equals("hymn") && serial == null && length <= MAX_MAKER_NOTE && data + length <= end) {
                    serial = pentaxSerial(source.read(data, (int) length));
                } else if (id.equals("nctg") && nikon == null && length <= MAX_NIKON_TAGS && data + length <= end) {
                    nikon = nikonTags(source.read(data, (int) length));
                }
                pos = data + length + (length & 1); // chunks are padded to an even length
            }
        }
    }

    /**
     * The serial number in Pentax maker notes ("PENTAX \0", a byte-order mark, then an IFD at offset 10 whose
     * offsets count from the "PENTAX" signature). Rewriting the signature into a TIFF header that points at
     * offset 10 lets metadata-extractor's TIFF reader parse the IFD as it stands.
     */
    static String pentaxSerial(byte[] note) throws IOException {
        if (note.length < 12 || !Bytes.ascii(note, 0, "PENTAX \0")
                || !(Bytes.ascii(note, 8, "MM") || Bytes.ascii(note, 8, "II"))) {
            return null;
        }
        byte[] tiff = note.clone();
        boolean little = Bytes.ascii(note, 8, "II");
        byte[] header = little ? new byte[] {'I', 'I', 0x2a, 0, 10, 0, 0, 0} : new byte[] {'M', 'M', 0, 0x2a, 0, 0, 0, 10};
        System.arraycopy(header, 0, tiff, 0, 8);
        Metadata metadata = new Metadata();
        Tiffs.parse(tiff, null, metadata);
        for (Directory dir : metadata.getDirectoriesOfType(ExifIFD0Directory.class)) {
            String s = dir.getString(PENTAX_SERIAL);
            if (s != null && !s.replace('\0', ' ').isBlank()) {
                return s.replace('\0', ' ').strip();
            }
        }
        return null;
    }
}
