package app.triplicate.capture.formats;

import app.triplicate.capture.CaptureFields;
import app.triplicate.capture.ExifFields;
import app.triplicate.capture.FormatReader;
import app.triplicate.capture.HeaderSource;
import app.triplicate.capture.formats.Boxes.Box;
import com.drew.metadata.Metadata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Optional;
import java.util.Set;

/**
 * HEIF (iPhone HEIC, Canon HIF, AVIF): an ISO-BMFF file whose EXIF is an item of type {@code Exif}. The
 * top-level {@code meta} box lists the items in {@code iinf} and says where each one's bytes are in
 * {@code iloc}; the EXIF item is a 4-byte offset to its TIFF header followed by the TIFF block, parsed by
 * {@link Tiffs} (which skips Apple's maker-note RunTime plist: metadata-extractor's own HEIF reader cannot be
 * told to, and its plist parser hangs or exhausts memory on a corrupt one). Only the meta box and the EXIF
 * item are read, never the image data.
 */
public final class HeifReader implements FormatReader {
    private static final Set<String> BRANDS = Set.of("heic", "heix", "hevc", "heim", "heis", "hevm", "mif1",
            "msf1", "avif");
    /** iinf and iloc are a few KiB even for a file of hundreds of tiles; far larger is a corrupt length. */
    private static final int MAX_BOX = 1 << 20;
    /** An EXIF item is tens of KiB. */
    private static final int MAX_EXIF = 1 << 20;
    /** Extents of the EXIF item itself; real files have one. */
    private static final int MAX_EXIF_EXTENTS = 64;

    public HeifReader() {
    }

    @Override
    public boolean accepts(byte[] head, String extension) {
        if (head.length < 12 || !Bytes.ascii(head, 4, "ftyp")) {
            return false;
        }
        String major = Bytes.fourCc(head, 8);
        if (major.equals("crx ")) {
            return false; // Canon CR3 is ISO-BMFF too, and lists no HEIF brand, but is never one
        }
        if (BRANDS.contains(major)) {
            return true;
        }
        // compatible brands follow the major brand and its 4-byte minor version
        long ftypEnd = Math.min(Bytes.u32(head, 0, false), head.length);
        for (int off = 16; off + 4 <= ftypEnd; off += 4) {
            if (BRANDS.contains(Bytes.fourCc(head, off))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public Optional<CaptureFields> read(HeaderSource source) throws IOException {
        Box meta = Boxes.find(source, 0, source.size(), "meta", null);
        if (meta == null || meta.dataLength() < 4) {
            return Optional.empty();
        }
        Box iinf = null;
        Box iloc = null;
        Box idat = null;
        long pos = meta.dataStart() + 4; // meta is a FullBox: version and flags come before its children
        for (int i = 0; i < Boxes.MAX_BOXES; i++) {
            Box box = Boxes.at(source, pos, meta.end());
            if (box == null) {
                break;
            }
            switch (box.type()) {
                case "iinf" -> iinf = iinf == null ? box : iinf;
                case "iloc" -> iloc = iloc == null ? box : iloc;
                case "idat" -> idat = idat == null ? box : idat;
                default -> { }
            }
            pos = box.end();
        }
        if (iinf == null || iloc == null) {
            return Optional.empty();
        }
        long exifId = exifItem(new Cursor(payload(source, iinf)));
        if (exifId < 0) {
            return Optional.empty();
        }
        byte[] item = itemBytes(source, new Cursor(payload(source, iloc)), exifId, idat);
        if (item == null) {
            return Optional.empty();
        }
        Metadata metadata = new Metadata();
        Tiffs.parse(tiff(item), null, metadata);
        CaptureFields fields = ExifFields.from(metadata);
        return fields.hasDate() || fields.camera().isKnown() || fields.camera().serial() != null
                ? Optional.of(fields) : Optional.empty();
    }

    private static byte[] payload(HeaderSource source, Box box) throws IOException {
        if (box.dataLength() > MAX_BOX) {
            throw new IOException(box.type() + " box of " + box.dataLength() + " bytes: the file looks corrupt");
        }
        return source.read(box.dataStart(), (int) box.dataLength());
    }

    /** The item_ID of the first unprotected item of type {@code Exif} in the iinf payload, or -1. */
    private static long exifItem(Cursor iinf) throws IOException {
        int version = iinf.u8();
        iinf.skip(3);
        long count = version == 0 ? iinf.u16() : iinf.u32();
        for (long i = 0; i < count && iinf.remaining() >= 8; i++) {
            long size = iinf.u32();
            String type = iinf.fourCc();
            if (size < 8 || size - 8 > iinf.remaining()) {
                throw new IOException("infe entry with a bad size " + size);
            }
            Cursor infe = iinf.slice((int) (size - 8));
            if (!type.equals("infe") || infe.remaining() < 4) {
                continue;
            }
            int infeVersion = infe.u8();
            infe.skip(3);
            if (infeVersion < 2) {
                continue; // versions 0 and 1 have no item type
            }
            long id = infeVersion == 2 ? infe.u16() : infe.u32();
            int protection = infe.u16();
            if (infe.fourCc().equals("Exif") && protection == 0) {
                return id;
            }
        }
        return -1;
    }

    /**
     * The bytes of item {@code id} as iloc places them, or null when they live elsewhere (another file, or
     * built from other items).
     */
    private static byte[] itemBytes(HeaderSource source, Cursor iloc, long id, Box idat) throws IOException {
        int version = iloc.u8();
        iloc.skip(3);
        if (version > 2) {
            throw new IOException("iloc version " + version + " is not known");
        }
        int sizes = iloc.u8();
        int offsetSize = sizes >> 4;
        int lengthSize = sizes & 0xf;
        sizes = iloc.u8();
        int baseOffsetSize = sizes >> 4;
        int indexSize = version >= 1 ? sizes & 0xf : 0;
        long count = version < 2 ? iloc.u16() : iloc.u32();
        for (long i = 0; i < count; i++) {
            long itemId = version < 2 ? iloc.u16() : iloc.u32();
            int construction = version >= 1 ? iloc.u16() & 0xf : 0;
            int dataReference = iloc.u16();
            long base = iloc.sized(baseOffsetSize);
            int extents = iloc.u16();
            if (itemId != id) { // each item takes at least 6 bytes, so the payload bounds this loop
                iloc.skip((long) extents * (indexSize + offsetSize + lengthSize));
                continue;
            }
            if (dataReference != 0 || construction > 1 || construction == 1 && idat == null) {
                return null;
            }
            if (extents > MAX_EXIF_EXTENTS) {
                throw new IOException("EXIF item in " + extents + " pieces: the file looks corrupt");
            }
            long dataStart = construction == 0 ? 0 : idat.dataStart();
            long dataEnd = construction == 0 ? source.size() : idat.end();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (int e = 0; e < extents; e++) {
                iloc.sized(indexSize);
                long offset = iloc.sized(offsetSize);
                long length = iloc.sized(lengthSize);
                if (base > dataEnd - dataStart || offset > dataEnd - dataStart - base) {
                    throw new IOException("EXIF item at " + base + "+" + offset + " lies past the end of its data");
                }
                long start = dataStart + base + offset;
                if (length == 0) { // "the rest of the data": only meaningful for a single extent
                    if (extents != 1) {
                        throw new IOException("EXIF item with an empty piece: the file looks corrupt");
                    }
                    length = Math.min(dataEnd - start, MAX_EXIF);
                }
                if (length > MAX_EXIF - out.size()) {
                    throw new IOException("EXIF item of over " + MAX_EXIF + " bytes: the file looks corrupt");
                }
                if (length > dataEnd - start) {
                    throw new IOException("EXIF item at " + start + " runs past the end of its data");
                }
                out.writeBytes(source.read(start, (int) length));
            }
            return out.toByteArray();
        }
        return null;
    }

    /**
     * The TIFF block in an EXIF item: after the 4-byte offset to the TIFF header (which skips the
     * "Exif\0\0" most writers put first). Writers that get the offset wrong are forgiven when the header is
     * plainly where it usually is.
     */
    private static byte[] tiff(byte[] item) throws IOException {
        if (item.length >= 4) {
            long offset = Bytes.u32(item, 0, false);
            if (offset <= item.length - 4L && isTiffHeader(item, 4 + (int) offset)) {
                return Arrays.copyOfRange(item, 4 + (int) offset, item.length);
            }
            if (Bytes.ascii(item, 4, "Exif\0\0") && isTiffHeader(item, 10)) {
                return Arrays.copyOfRange(item, 10, item.length);
            }
        }
        if (isTiffHeader(item, 0)) {
            return item;
        }
        throw new IOException("the EXIF item holds no TIFF header");
    }

    private static boolean isTiffHeader(byte[] b, int off) {
        return off + 8 <= b.length && (Bytes.ascii(b, off, "II*\0") || Bytes.ascii(b, off, "MM\0*"));
    }

    /** Reads big-endian fields from a box payload; running past its end is an IOException, not a wrong value. */
    private static final class Cursor {
        private final byte[] b;
        private int pos;
        private final int end;

        Cursor(byte[] b) {
            this(b, 0, b.length);
        }

        private Cursor(byte[] b, int pos, int end) {
            this.b = b;
            this.pos = pos;
            this.end = end;
        }

        int remaining() {
            return end - pos;
        }

        /** The next {@code n} bytes as their own cursor; this one moves past them. */
        Cursor slice(int n) throws IOException {
            need(n);
            Cursor c = new Cursor(b, pos, pos + n);
            pos += n;
            return c;
        }

        void skip(long n) throws IOException {
            if (n < 0 || n > remaining()) {
                throw truncated();
            }
            pos += (int) n;
        }

        int u8() throws IOException {
            need(1);
            return b[pos++] & 0xff;
        }

        int u16() throws IOException {
            need(2);
            int v = Bytes.u16(b, pos, false);
            pos += 2;
            return v;
        }

        long u32() throws IOException {
            need(4);
            long v = Bytes.u32(b, pos, false);
            pos += 4;
            return v;
        }

        String fourCc() throws IOException {
            need(4);
            String s = Bytes.fourCc(b, pos);
            pos += 4;
            return s;
        }

        /** An iloc field of 0, 4 or 8 bytes (0 bytes reads as 0). */
        long sized(int size) throws IOException {
            return switch (size) {
                case 0 -> 0;
                case 4 -> u32();
                case 8 -> {
                    need(8);
                    long v = Bytes.u64(b, pos);
                    pos += 8;
                    if (v < 0) {
                        throw new IOException("iloc offset or length beyond 2^63: the file looks corrupt");
                    }
                    yield v;
                }
                default -> throw new IOException("iloc field size " + size + " is not 0, 4 or 8");
            };
        }

        private void need(int n) throws IOException {
            if (n > remaining()) {
                throw truncated();
            }
        }

        private static IOException truncated() {
            return new IOException("a HEIF item box ends early: the file looks corrupt");
        }
    }
}
