package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.FormatReader;
import app.triplicate.capture.HeaderSource;
import app.triplicate.core.Camera;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * AVCHD video (.mts/.m2ts: 192-byte packets, a 4-byte timestamp then a 188-byte MPEG transport-stream packet
 * starting with the sync byte 0x47; plain .ts/.m2t has 188-byte packets). The date is not in the container
 * but in the H.264 stream: an SEI "user data unregistered" message with UUID
 * 17ee8c60-f84d-11d9-8cd6-0800200c9a66 followed by "MDPM", a count and 5-byte entries (tag, 4 data bytes).
 * Tags 0x18 and 0x19 hold the date in BCD, the first byte of 0x18 the time zone (0x20 sign, 0x1e hours,
 * 0x01 half hour, 0x40 DST); tag 0xe0 starts with a maker code. We reassemble the elementary stream of the
 * first video PID from the packets (the SEI may be split across packets), strip the PES headers, look for
 * the UUID, and undo the H.264 emulation-prevention bytes (00 00 03) before decoding. At most the first
 * {@link #SCAN_LIMIT} bytes are read, in chunks, stopping as soon as the MDPM block is complete.
 */
public final class M2tsReader implements FormatReader {
    static final String SOURCE = "H264:DateTimeOriginal";
    /** AVCHD cameras write the MDPM SEI with the first frame; never read more than this looking for it. */
    static final long SCAN_LIMIT = 4L << 20;

    private static final int TS_PACKET = 188;
    private static final int M2TS_PACKET = 192;
    private static final int CHUNK_PACKETS = 256;
    private static final byte[] MDPM_ID = Bytes.hex("17ee8c60f84d11d98cd60800200c9a66" + "4d44504d");
    /** Enough bytes for an MDPM block of 255 entries, with room for emulation-prevention bytes. */
    private static final int MAX_MDPM = 20 + 1 + 255 * 5 + 512;
    private static final Set<String> EXTENSIONS = Set.of("mts", "m2ts", "m2t", "ts");
    private static final Map<Integer, String> MAKERS = Map.of(
            0x0103, "Panasonic", 0x0108, "Sony", 0x1011, "Canon", 0x1104, "JVC");
    private static final int TAG_DATE = 0x18;
    private static final int TAG_TIME = 0x19;
    private static final int TAG_MAKE = 0xe0;
    private static final int TAG_SONY_MODEL = 0xe4;

    public M2tsReader() {
    }

    @Override
    public boolean accepts(byte[] head, String extension) {
        String ext = extension == null ? "" : extension.replaceFirst("^\\.", "");
        return looksLikeTs(head, M2TS_PACKET, 4, ext) || looksLikeTs(head, TS_PACKET, 0, ext);
    }

    /** A sync byte where the first packet starts, and another one packet later (or the extension if the head is short). */
    private static boolean looksLikeTs(byte[] head, int stride, int sync, String ext) {
        if (head.length <= sync || head[sync] != 0x47) {
            return false;
        }
        return head.length > sync + stride ? head[sync + stride] == 0x47 : EXTENSIONS.contains(ext);
    }

    @Override
    public Optional<CaptureFields> read(HeaderSource source) throws IOException {
        byte[] first = source.readUpTo(0, 2 * M2TS_PACKET + 4);
        int stride;
        int sync;
        if (looksLikeTs(first, M2TS_PACKET, 4, "m2ts")) {
            stride = M2TS_PACKET;
            sync = 4;
        } else if (looksLikeTs(first, TS_PACKET, 0, "ts")) {
            stride = TS_PACKET;
            sync = 0;
        } else {
            return Optional.empty();
        }
        Scan scan = new Scan();
        long limit = Math.min(source.size(), SCAN_LIMIT);
        long pos = 0;
        boolean inSync = true;
        while (inSync) {
            int packets = (int) Math.min(CHUNK_PACKETS, (limit - pos) / stride);
            if (packets <= 0) {
                break;
            }
            byte[] buf = source.read(pos, packets * stride);
            pos += (long) packets * stride;
            for (int p = 0; p < packets && inSync; p++) {
                inSync = scan.packet(buf, p * stride + sync);
            }
            int[] span = scan.mdpm(false);
            if (span != null) {
                return decode(unescape(scan.es, span[0], span[1]));
            }
        }
        int[] span = scan.mdpm(true);
        return span == null ? Optional.empty() : decode(unescape(scan.es, span[0], span[1]));
    }

    /** The video elementary stream gathered so far, and where the MDPM search got to. */
    private static final class Scan {
        byte[] es = new byte[64 * 1024];
        int length;
        int videoPid = -1;
        int searchFrom;

        /** Takes the payload of one TS packet at {@code s}; false when the sync byte is missing. */
        boolean packet(byte[] buf, int s) {
            if (buf[s] != 0x47) {
                return false;
            }
            boolean unitStart = (buf[s + 1] & 0x40) != 0;
            int pid = (buf[s + 1] & 0x1f) << 8 | (buf[s + 2] & 0xff);
            int control = (buf[s + 3] >> 4) & 3;
            int start = s + 4;
            int end = s + TS_PACKET;
            if ((control & 2) != 0) { // adaptation field first
                start += 1 + (buf[s + 4] & 0xff);
            }
            if ((control & 1) == 0 || start >= end) {
                return true; // no payload
            }
            if (unitStart && end - start >= 9 && buf[start] == 0 && buf[start + 1] == 0 && buf[start + 2] == 1
                    && (buf[start + 3] & 0xf0) == 0xe0) { // a PES header of a video stream
                if (videoPid < 0) {
                    videoPid = pid;
                }
                if (pid == videoPid) {
                    start += 9 + (buf[start + 8] & 0xff);
                }
            }
            if (pid == videoPid && start < end) {
                append(buf, start, end - start);
            }
            return true;
        }

        private void append(byte[] b, int off, int len) {
            if (length + len > es.length) {
                es = Arrays.copyOf(es, Math.max(es.length * 2, length + len));
            }
            System.arraycopy(b, off, es, length, len);
            length += len;
        }

        /**
         * Where the MDPM block starts (its UUID) and where its NAL unit ends; null when not found, or when
         * found but still incomplete and more data may come ({@code atEnd} false).
         */
        int[] mdpm(boolean atEnd) {
            int at = indexOf(es, length, MDPM_ID, searchFrom);
            if (at < 0) {
                searchFrom = Math.max(0, length - MDPM_ID.length);
                return null;
            }
            searchFrom = at;
            int end = nalEnd(es, at + MDPM_ID.length, Math.min(length, at + MAX_MDPM));
            if (end < 0) {
                if (!atEnd && length < at + MAX_MDPM) {
                    return null;
                }
                end = Math.min(length, at + MAX_MDPM);
            }
            return new int[] {at, end};
        }
    }

    private static int indexOf(byte[] b, int length, byte[] needle, int from) {
        outer:
        for (int i = from; i + needle.length <= length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (b[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The first 00 00 0x (x ≤ 2) in [from, to): the end of the NAL unit; -1 if none. */
    private static int nalEnd(byte[] b, int from, int to) {
        for (int i = from; i + 2 < to; i++) {
            if (b[i] == 0 && b[i + 1] == 0 && (b[i + 2] & 0xff) <= 2) {
                return i;
            }
        }
        return -1;
    }

    /** Removes H.264 emulation-prevention bytes: 00 00 03 becomes 00 00. */
    static byte[] unescape(byte[] b, int from, int to) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(to - from);
        int zeros = 0;
        for (int i = from; i < to; i++) {
            int v = b[i] & 0xff;
            if (zeros >= 2 && v == 3) {
                zeros = 0;
                continue;
            }
            out.write(v);
            zeros = v == 0 ? zeros + 1 : 0;
        }
        return out.toByteArray();
    }

    /** Decodes an MDPM block: the UUID, "MDPM", a count, then (tag, 4 bytes) entries in ascending tag order. */
    static Optional<CaptureFields> decode(byte[] b) {
        if (b.length < MDPM_ID.length + 1) {
            return Optional.empty();
        }
        byte[][] values = new byte[256][];
        int count = b[MDPM_ID.length] & 0xff;
        int p = MDPM_ID.length + 1;
        int last = -1;
        for (int i = 0; i < count && p + 5 <= b.length; i++, p += 5) {
            int tag = b[p] & 0xff;
            if (tag <= last) {
                break; // out of order: ExifTool stops here too
            }
            last = tag;
            values[tag] = Arrays.copyOfRange(b, p + 1, p + 5);
        }
        LocalDateTime local = date(values[TAG_DATE], values[TAG_TIME]);
        ZoneOffset offset = local == null ? null : zone(values[TAG_DATE][0] & 0xff);
        String make = values[TAG_MAKE] == null ? null : MAKERS.get(Bytes.u16(values[TAG_MAKE], 0, false));
        String model = null;
        if ("Sony".equals(make) && values[TAG_SONY_MODEL] != null) { // Sony spells the model over 0xe4-0xe6
            ByteArrayOutputStream text = new ByteArrayOutputStream();
            for (int t = TAG_SONY_MODEL; t <= TAG_SONY_MODEL + 2 && values[t] != null; t++) {
                text.writeBytes(values[t]);
            }
            byte[] s = text.toByteArray();
            model = Bytes.cString(s, 0, s.length);
        }
        if (local == null && make == null) {
            return Optional.empty();
        }
        return Optional.of(new CaptureFields(local, offset, local == null ? null : SOURCE,
                new Camera(make, model, null)));
    }

    /** 0x18 = zone byte, year (2 BCD bytes), month; 0x19 = day, hour, minute, second (BCD). */
    private static LocalDateTime date(byte[] d, byte[] t) {
        if (d == null || t == null) {
            return null;
        }
        int century = bcd(d[1]);
        int year = bcd(d[2]);
        int[] rest = {bcd(d[3]), bcd(t[0]), bcd(t[1]), bcd(t[2]), bcd(t[3])};
        if (century < 0 || year < 0 || Arrays.stream(rest).anyMatch(v -> v < 0)) {
            return null;
        }
        try {
            return LocalDateTime.of(century * 100 + year, rest[0], rest[1], rest[2], rest[3], rest[4]);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The zone byte: 0x20 sign (set = west), 0x1e whole hours, 0x01 an extra half hour; 0xff = not set. */
    private static ZoneOffset zone(int tz) {
        if (tz == 0xff) {
            return null;
        }
        int sign = (tz & 0x20) != 0 ? -1 : 1;
        int hours = (tz >> 1) & 0x0f;
        int minutes = (tz & 0x01) != 0 ? 30 : 0;
        return ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
    }

    private static int bcd(byte v) {
        int hi = (v >> 4) & 0x0f;
        int lo = v & 0x0f;
        return hi > 9 || lo > 9 ? -1 : hi * 10 + lo;
    }
}
