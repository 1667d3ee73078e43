package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.FormatReader;
import app.triplicate.capture.HeaderSource;
import app.triplicate.core.Camera;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Sigma/Foveon X3F ("FOVb", little-endian). The last four bytes of the file give the offset of the section
 * directory ("SECd": version, count, then 12-byte entries of offset, length and type). The "PROP" section
 * ("SECp") is a property list: a header, pairs of (name, value) offsets counted in characters, then UTF-16LE
 * NUL-terminated strings. TIME is decimal seconds since 1970 of the camera clock: read as UTC it gives the
 * wall-clock time ExifTool prints (2001-01-01 00:36:35 for the SD10 sample), with no zone. CAMMANUF,
 * CAMMODEL and CAMSERIAL name the camera. Only the directory and the property section are read.
 */
public final class X3fReader implements FormatReader {
    static final String SOURCE = "SigmaRaw:DateTimeOriginal";

    private static final int MAX_SECTIONS = 1024;
    /** A property list is a few KiB. */
    private static final int MAX_PROP = 1 << 20;
    private static final int PROP_HEADER = 24;
    private static final int FORMAT_UTF16 = 0;

    public X3fReader() {
    }

    @Override
    public boolean accepts(byte[] head, String extension) {
        return Bytes.ascii(head, 0, "FOVb");
    }

    @Override
    public Optional<CaptureFields> read(HeaderSource source) throws IOException {
        long size = source.size();
        if (size < 40 || !accepts(source.read(0, 4), "")) {
            return Optional.empty();
        }
        long dir = Bytes.u32(source.read(size - 4, 4), 0, true);
        if (dir + 12 > size - 4) {
            return Optional.empty();
        }
        byte[] dirHeader = source.read(dir, 12);
        long count = Bytes.u32(dirHeader, 8, true);
        if (!Bytes.ascii(dirHeader, 0, "SECd") || count > MAX_SECTIONS || dir + 12 + 12 * count > size) {
            return Optional.empty();
        }
        byte[] entries = source.read(dir + 12, (int) (12 * count));
        for (int i = 0; i < count; i++) {
            if (Bytes.ascii(entries, 12 * i + 8, "PROP")) {
                long offset = Bytes.u32(entries, 12 * i, true);
                long length = Bytes.u32(entries, 12 * i + 4, true);
                if (length < PROP_HEADER || length > MAX_PROP || offset + length > size) {
                    throw new IOException("X3F property section out of bounds: " + length + " bytes at " + offset);
                }
                return fields(properties(source.read(offset, (int) length)));
            }
        }
        return Optional.empty();
    }

    /** The name → value pairs of a "SECp" property section. */
    static Map<String, String> properties(byte[] prop) {
        Map<String, String> out = new HashMap<>();
        if (!Bytes.ascii(prop, 0, "SECp") || Bytes.u32(prop, 12, true) != FORMAT_UTF16) {
            return out;
        }
        long n = Bytes.u32(prop, 8, true);
        if (n > (prop.length - PROP_HEADER) / 8) {
            return out;
        }
        int chars = PROP_HEADER + 8 * (int) n; // where the character data starts
        for (int i = 0; i < n; i++) {
            long name = Bytes.u32(prop, PROP_HEADER + 8 * i, true);
            long value = Bytes.u32(prop, PROP_HEADER + 8 * i + 4, true);
            String k = utf16(prop, chars, name);
            String v = utf16(prop, chars, value);
            if (k != null && v != null) {
                out.putIfAbsent(k, v);
            }
        }
        return out;
    }

    /** The NUL-terminated UTF-16LE string {@code index} characters into the character data; null if outside. */
    private static String utf16(byte[] b, int base, long index) {
        long start = base + 2 * index;
        if (index < 0 || start >= b.length) {
            return null;
        }
        int end = (int) start;
        while (end + 1 < b.length && (b[end] != 0 || b[end + 1] != 0)) {
            end += 2;
        }
        return new String(b, (int) start, end - (int) start, StandardCharsets.UTF_16LE);
    }

    private static Optional<CaptureFields> fields(Map<String, String> props) {
        LocalDateTime local = null;
        String time = props.get("TIME");
        if (time != null && time.strip().matches("\\d{1,12}")) {
            long seconds = Long.parseLong(time.strip());
            local = seconds == 0 ? null : LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        }
        Camera camera = new Camera(blankToNull(props.get("CAMMANUF")), blankToNull(props.get("CAMMODEL")),
                blankToNull(props.get("CAMSERIAL")));
        if (local == null && !camera.isKnown()) {
            return Optional.empty();
        }
        return Optional.of(new CaptureFields(local, null, local == null ? null : SOURCE, camera));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
