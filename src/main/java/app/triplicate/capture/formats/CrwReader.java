package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.FormatReader;
import app.triplicate.capture.HeaderSource;
import app.triplicate.core.Camera;

import java.io.IOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * Canon CRW (CIFF): a byte-order mark ("II" or "MM"), the header length, "HEAPCCDR", then one heap running
 * to the end of the file. A heap's last four bytes give the offset of its directory (from the heap start);
 * the directory is a count and 10-byte records (tag, size, offset). Records whose tag type is 0x2800 or
 * 0x3000 are sub-heaps. We want TimeStamp (0x180e: seconds since 1970 of the camera's local clock, so read
 * as UTC it gives the wall clock; no zone), the make/model strings (0x080a) and the serial number (0x180b).
 * Only directories and those few records are read; the raw image data in the heap is skipped.
 */
public final class CrwReader implements FormatReader {
    static final String SOURCE = "MakerNotes:CanonRaw:DateTimeOriginal";

    private static final int TAG_MAKE_MODEL = 0x080a;
    private static final int TAG_SERIAL = 0x180b;
    private static final int TAG_TIMESTAMP = 0x180e;
    /** Record types holding a sub-heap. */
    private static final int TYPE_SUBDIR_1 = 0x2800;
    private static final int TYPE_SUBDIR_2 = 0x3000;
    /** Data kept inside the 8 bytes of the record instead of in the heap. */
    private static final int LOCATION_IN_RECORD = 0x4000;
    private static final int MAX_DEPTH = 8;
    /** Records looked at in all: real files have well under a hundred. */
    private static final int MAX_RECORDS = 4096;
    private static final int MAX_STRING = 256;

    public CrwReader() {
    }

    @Override
    public boolean accepts(byte[] head, String extension) {
        return (Bytes.ascii(head, 0, "II") || Bytes.ascii(head, 0, "MM")) && Bytes.ascii(head, 6, "HEAPCCDR");
    }

    @Override
    public Optional<CaptureFields> read(HeaderSource source) throws IOException {
        if (source.size() < 14) {
            return Optional.empty();
        }
        byte[] header = source.read(0, 14);
        if (!accepts(header, "")) {
            return Optional.empty();
        }
        Walk walk = new Walk(source, Bytes.ascii(header, 0, "II"));
        long heapStart = Bytes.u32(header, 2, walk.littleEndian);
        if (heapStart < 14 || heapStart >= source.size()) {
            return Optional.empty();
        }
        walk.heap(heapStart, source.size(), 0);
        Camera camera = new Camera(walk.make, walk.model, walk.serial);
        if (walk.local == null && !camera.isKnown()) {
            return Optional.empty();
        }
        return Optional.of(new CaptureFields(walk.local, null, walk.local == null ? null : SOURCE, camera));
    }

    /** The state of one walk over the heaps: what was found so far, and how many records were seen. */
    private static final class Walk {
        final HeaderSource source;
        final boolean littleEndian;
        int records;
        LocalDateTime local;
        String make;
        String model;
        String serial;

        Walk(HeaderSource source, boolean littleEndian) {
            this.source = source;
            this.littleEndian = littleEndian;
        }

        /** Reads the directory of the heap [start, end) and the records we want, entering sub-heaps. */
        void heap(long start, long end, int depth) throws IOException {
            if (depth > MAX_DEPTH || end - start < 6) {
                return;
            }
            long dir = start + Bytes.u32(source.read(end - 4, 4), 0, littleEndian);
            if (dir < start || dir + 2 > end - 4) {
                throw new IOException("CIFF directory offset outside its heap at " + start);
            }
            int count = Bytes.u16(source.read(dir, 2), 0, littleEndian);
            if (dir + 2 + 10L * count > end || records + count > MAX_RECORDS) {
                throw new IOException("CIFF directory at " + dir + " claims " + count + " records");
            }
            records += count;
            byte[] entries = source.read(dir + 2, 10 * count);
            for (int i = 0; i < count; i++) {
                int tag = Bytes.u16(entries, 10 * i, littleEndian);
                long size = Bytes.u32(entries, 10 * i + 2, littleEndian);
                long offset = Bytes.u32(entries, 10 * i + 6, littleEndian);
                int type = tag & 0x3800;
                int id = tag & 0x3fff;
                boolean inRecord = (tag & 0xc000) == LOCATION_IN_RECORD;
                if (!inRecord && (tag & 0xc000) != 0) {
                    continue; // an unknown storage location
                }
                if (!inRecord && (offset > end - start || size > end - start - offset)) {
                    continue; // points outside the heap: ignore the record, keep the others
                }
                if ((type == TYPE_SUBDIR_1 || type == TYPE_SUBDIR_2) && !inRecord) {
                    heap(start + offset, start + offset + size, depth + 1);
                } else if (id == TAG_TIMESTAMP || id == TAG_SERIAL || id == TAG_MAKE_MODEL) {
                    byte[] data = inRecord ? java.util.Arrays.copyOfRange(entries, 10 * i + 2, 10 * i + 10)
                            : source.read(start + offset, (int) Math.min(size, MAX_STRING));
                    record(id, data);
                }
            }
        }

        private void record(int id, byte[] data) {
            if (id == TAG_TIMESTAMP && local == null && data.length >= 4) {
                long seconds = Bytes.u32(data, 0, littleEndian);
                if (seconds != 0 && seconds != 0xffffffffL) {
                    local = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
                }
            } else if (id == TAG_SERIAL && serial == null && data.length >= 4) {
                long value = Bytes.u32(data, 0, littleEndian);
                serial = value == 0 ? null : Long.toString(value);
            } else if (id == TAG_MAKE_MODEL && make == null && model == null) {
                // "Canon\0Canon EOS DIGITAL REBEL\0..."
                make = Bytes.cString(data, 0, data.length);
                int nul = 0;
                while (nul < data.length && data[nul] != 0) {
                    nul++;
                }
                model = nul + 1 < data.length ? Bytes.cString(data, nul + 1, data.length - nul - 1) : null;
            }
        }
    }
}
