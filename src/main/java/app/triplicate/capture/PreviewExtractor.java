package app.triplicate.capture;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the JPEG preview a camera embedded in a photo or RAW file, for the window's thumbnails: the EXIF
 * thumbnail (IFD1), the previews of TIFF-based RAWs (NEF, CR2, DNG, ARW, PEF, ORF: JPEGInterchangeFormat or a
 * single JPEG strip in any IFD or SubIFD; RW2's JpgFromRaw), a JPEG's Multi-Picture (MPF) preview, the preview
 * a RAF or CR3 header points at, and, for a JPEG with no preview big enough, the picture itself.
 *
 * <p>Only headers and the chosen preview are read, through a {@link HeaderSource} with a budget, never the
 * whole RAW. Every candidate is checked before it is offered: it must start with a JPEG start-of-image and have
 * a baseline or progressive frame (the lossless JPEG of raw sensor data and the dummy previews of trimmed test
 * files are refused). Corrupt metadata yields no preview, never an exception; an unreadable file throws.
 */
public final class PreviewExtractor {
    private static final Logger log = LoggerFactory.getLogger(PreviewExtractor.class);

    /** The largest preview (or JPEG) read whole; the previews cameras embed are well below it. */
    public static final int MAX_PREVIEW_BYTES = 40 * 1024 * 1024;
    /** IFDs looked at per TIFF block, and entries per IFD: real files have a handful of IFDs, a few dozen entries. */
    private static final int MAX_IFDS = 32;
    private static final int MAX_ENTRIES = 1000;
    private static final int MAX_SEGMENTS = 512;
    /** Nested JPEGs looked into (a RAF's preview holds an EXIF thumbnail of its own). */
    private static final int MAX_DEPTH = 3;
    private static final byte[] CANON_PREVIEW_UUID = HexFormat.of().parseHex("eaf42b5e1c984b88b9fbb7dc406e4d16");

    private final int wanted;

    /** Prefers the smallest preview at least 240 px on its long side. */
    public PreviewExtractor() {
        this(240);
    }

    /** @param wanted the long side, in pixels, a preview should have to be preferred over bigger ones */
    public PreviewExtractor(int wanted) {
        this.wanted = wanted;
    }

    /**
     * A JPEG found in a file.
     *
     * @param jpeg   the bytes, starting with FF D8
     * @param width  its frame width in pixels
     * @param height its frame height in pixels
     * @param source where it came from: "EXIF thumbnail", "embedded preview", "JPEG from RAW", "the picture itself"
     */
    public record Preview(byte[] jpeg, int width, int height, String source) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Preview p && Arrays.equals(jpeg, p.jpeg) && width == p.width && height == p.height
                    && source.equals(p.source);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(jpeg) * 31 + width;
        }

        @Override
        public String toString() {
            return "Preview[" + width + "x" + height + ", " + jpeg.length + " bytes, " + source + "]";
        }
    }

    private record Candidate(long offset, long length, int width, int height, String source) {
        long area() {
            return (long) width * height;
        }

        int longSide() {
            return Math.max(width, height);
        }
    }

    /**
     * The best preview of {@code file}: the smallest at least {@code wanted} px on its long side, else the
     * picture itself when the file is a JPEG, else the largest found; empty when there is none.
     *
     * @throws IOException when the file cannot be opened or the preview cannot be read
     */
    public Optional<Preview> extract(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
             HeaderSource source = new HeaderSource(channel, MAX_PREVIEW_BYTES + HeaderSource.DEFAULT_BUDGET)) {
            List<Candidate> found = new ArrayList<>();
            Candidate whole = null;
            try {
                byte[] head = source.readUpTo(0, 16);
                if (head.length >= 3 && (head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xD8) {
                    whole = jpeg(source, 0, source.size(), "the picture itself", found, 0);
                } else if (isTiff(head)) {
                    tiff(source, 0, source.size(), found, 0);
                } else if (ascii(head, 0, "FUJIFILMCCD-RAW")) {
                    raf(source, found);
                } else if (ascii(head, 4, "ftyp") && ascii(head, 8, "crx ")) {
                    cr3(source, found);
                }
            } catch (IOException | RuntimeException e) {
                // corrupt metadata: what was found before it is still good
                log.debug("{}: metadata unreadable while looking for a preview: {}", file, e.toString());
            }
            Candidate pick = choose(found, whole);
            if (pick == null) {
                return Optional.empty();
            }
            byte[] bytes = source.read(pick.offset(), (int) pick.length());
            return Optional.of(new Preview(bytes, pick.width(), pick.height(), pick.source()));
        }
    }

    private Candidate choose(List<Candidate> found, Candidate whole) {
        Optional<Candidate> bigEnough = found.stream().filter(c -> c.longSide() >= wanted)
                .min(Comparator.comparingLong(Candidate::area));
        if (bigEnough.isPresent()) {
            return bigEnough.get();
        }
        if (whole != null && whole.length() <= MAX_PREVIEW_BYTES) {
            return whole;
        }
        return found.stream().max(Comparator.comparingLong(Candidate::area)).orElse(null);
    }

    /**
     * Walks a JPEG's markers up to its frame header, collecting the previews in its EXIF and MPF segments.
     *
     * @return the JPEG itself with its frame size, or null when it is not a JPEG the window can decode
     */
    private Candidate jpeg(HeaderSource s, long start, long end, String label, List<Candidate> out, int depth)
            throws IOException {
        if (depth > MAX_DEPTH || start + 4 > end) {
            return null;
        }
        byte[] soi = s.read(start, 3);
        if ((soi[0] & 0xff) != 0xFF || (soi[1] & 0xff) != 0xD8 || (soi[2] & 0xff) != 0xFF) {
            return null;
        }
        long pos = start + 2;
        for (int i = 0; i < MAX_SEGMENTS && pos + 4 <= end; i++) {
            byte[] m = s.read(pos, 4);
            if ((m[0] & 0xff) != 0xFF) {
                return null;
            }
            int marker = m[1] & 0xff;
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0x01 || (marker >= 0xD0 && marker <= 0xD8)) { // no length
                pos += 2;
                continue;
            }
            int length = u16(m, 2, false);
            long data = pos + 4;
            long next = pos + 2 + length;
            if (length < 2 || next > end) {
                return null;
            }
            if (marker == 0xC0 || marker == 0xC1 || marker == 0xC2) {
                if (length < 7) {
                    return null;
                }
                byte[] frame = s.read(data, 5);
                int height = u16(frame, 1, false);
                int width = u16(frame, 3, false);
                return width > 0 && height > 0 ? new Candidate(start, end - start, width, height, label) : null;
            }
            if (marker >= 0xC3 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC) {
                return null; // lossless (raw sensor data), hierarchical or arithmetic: not for a thumbnail
            }
            if (marker == 0xDA || marker == 0xD9) {
                return null; // scan data before any frame header
            }
            if (marker == 0xE1 && length >= 2 + 6 + 8 && ascii(s.read(data, 6), 0, "Exif\0\0")) {
                tiff(s, data + 6, next, out, depth + 1);
            } else if (marker == 0xE2 && length >= 2 + 4 + 8 && ascii(s.read(data, 4), 0, "MPF\0")) {
                mpf(s, data + 4, next, out, depth + 1);
            }
            pos = next;
        }
        return null;
    }

    /** Checks a JPEG at {@code offset} and offers it (and the previews inside it) as candidates. */
    private void offer(HeaderSource s, long offset, long length, String label, List<Candidate> out, int depth) {
        if (offset <= 0 || length < 4 || length > MAX_PREVIEW_BYTES || offset + length > s.size()
                || out.stream().anyMatch(c -> c.offset() == offset)) {
            return;
        }
        try {
            Candidate c = jpeg(s, offset, offset + length, label, out, depth);
            if (c != null) {
                out.add(c);
            }
        } catch (IOException | RuntimeException e) {
            log.debug("a preview at {} is unreadable: {}", offset, e.toString());
        }
    }

    private static boolean isTiff(byte[] head) {
        if (head.length < 8) {
            return false;
        }
        boolean le = head[0] == 'I' && head[1] == 'I';
        boolean be = head[0] == 'M' && head[1] == 'M';
        if (!le && !be) {
            return false;
        }
        int magic = u16(head, 2, le);
        return magic == 42 || magic == 0x4F52 || magic == 0x5352 || magic == 0x55; // TIFF, ORF, ORF, RW2
    }

    /**
     * Walks the IFDs of a TIFF block at {@code base} (IFD0, its followers and SubIFDs), offering every JPEG
     * their tags point at.
     */
    private void tiff(HeaderSource s, long base, long end, List<Candidate> out, int depth) throws IOException {
        if (depth > MAX_DEPTH || base + 8 > end) {
            return;
        }
        byte[] h = s.read(base, 8);
        if (!isTiff(h)) {
            return;
        }
        boolean le = h[0] == 'I';
        Deque<long[]> queue = new ArrayDeque<>(); // {offset, position in the main chain or -1 for a SubIFD}
        queue.add(new long[]{u32(h, 4, le), 0});
        Set<Long> seen = new HashSet<>();
        while (!queue.isEmpty() && seen.size() < MAX_IFDS) {
            long[] next = queue.poll();
            long ifd = base + next[0];
            if (next[0] < 8 || ifd + 2 > end || !seen.add(next[0])) {
                continue;
            }
            int count = u16(s.read(ifd, 2), 0, le);
            if (count == 0 || count > MAX_ENTRIES || ifd + 2 + count * 12L + 4 > end) {
                continue;
            }
            byte[] entries = s.read(ifd + 2, count * 12 + 4);
            long jpegOffset = -1;
            long jpegLength = -1;
            long stripOffset = -1;
            long stripLength = -1;
            int compression = -1;
            for (int i = 0; i < count; i++) {
                int e = i * 12;
                int tag = u16(entries, e, le);
                int type = u16(entries, e + 2, le);
                long n = u32(entries, e + 4, le);
                long value = type == 3 ? u16(entries, e + 8, le) : u32(entries, e + 8, le);
                switch (tag) {
                    case 0x0103 -> compression = (int) value;
                    case 0x0111 -> stripOffset = n == 1 ? value : -1;
                    case 0x0117 -> stripLength = n == 1 ? value : -1;
                    case 0x0201 -> jpegOffset = value;
                    case 0x0202 -> jpegLength = value;
                    case 0x014A -> { // SubIFDs: one offset in the entry, or an array of them
                        if (n == 1) {
                            queue.add(new long[]{value, -1});
                        } else if (n > 1 && n <= 16 && base + value + n * 4 <= end) {
                            byte[] offsets = s.read(base + value, (int) n * 4);
                            for (int k = 0; k < n; k++) {
                                queue.add(new long[]{u32(offsets, k * 4, le), -1});
                            }
                        }
                    }
                    case 0x002E -> { // RW2: JpgFromRaw, the JPEG stored as the tag's value
                        if (type == 7 && n > 4) {
                            offer(s, base + value, n, "JPEG from RAW", out, depth + 1);
                        }
                    }
                    default -> {
                    }
                }
            }
            String label = next[1] == 1 ? "EXIF thumbnail" : "embedded preview";
            if (jpegOffset > 0 && jpegLength > 0) {
                offer(s, base + jpegOffset, jpegLength, label, out, depth + 1);
            }
            if (stripOffset > 0 && stripLength > 0 && (compression == 6 || compression == 7)) {
                offer(s, base + stripOffset, stripLength, label, out, depth + 1);
            }
            if (next[1] >= 0) {
                queue.add(new long[]{u32(entries, count * 12, le), next[1] + 1});
            }
        }
    }

    /** A JPEG's Multi-Picture index (APP2 "MPF"): the second and later images are its previews. */
    private void mpf(HeaderSource s, long base, long end, List<Candidate> out, int depth) throws IOException {
        byte[] h = s.read(base, 8);
        if (!isTiff(h)) {
            return;
        }
        boolean le = h[0] == 'I';
        long ifd = base + u32(h, 4, le);
        if (ifd + 2 > end) {
            return;
        }
        int count = u16(s.read(ifd, 2), 0, le);
        if (count == 0 || count > 64 || ifd + 2 + count * 12L > end) {
            return;
        }
        byte[] entries = s.read(ifd + 2, count * 12);
        for (int i = 0; i < count; i++) {
            int e = i * 12;
            if (u16(entries, e, le) != 0xB002) { // MPEntry: 16 bytes per image
                continue;
            }
            long n = u32(entries, e + 4, le);
            long at = base + u32(entries, e + 8, le);
            if (n < 16 || n > 16 * 16 || at + n > end) {
                return;
            }
            byte[] list = s.read(at, (int) n);
            for (int k = 0; k + 16 <= n; k += 16) {
                long size = u32(list, k + 4, le);
                long offset = u32(list, k + 8, le);
                if (offset != 0) { // 0 is the primary image
                    offer(s, base + offset, size, "embedded preview", out, depth);
                }
            }
        }
    }

    /** Fujifilm RAF: the header says where its JPEG preview is (big-endian offset and length at 84 and 88). */
    private void raf(HeaderSource s, List<Candidate> out) throws IOException {
        byte[] h = s.read(84, 8);
        offer(s, u32(h, 0, false), u32(h, 4, false), "embedded preview", out, 0);
    }

    /**
     * Canon CR3: the top-level {@code uuid} box eaf42b5e-... holds a {@code PRVW} box with a 1620 px JPEG
     * (after a header of version, width, height and the JPEG's length).
     */
    private void cr3(HeaderSource s, List<Candidate> out) throws IOException {
        long pos = 0;
        for (int i = 0; i < 64 && pos + 8 <= s.size(); i++) {
            byte[] b = s.read(pos, 8);
            long size = u32(b, 0, false);
            long header = 8;
            if (size == 1) {
                byte[] large = s.read(pos + 8, 8);
                size = u32(large, 0, false) << 32 | u32(large, 4, false);
                header = 16;
            } else if (size == 0) {
                size = s.size() - pos;
            }
            if (size < header || pos + size > s.size()) {
                // a trimmed file can declare more than it holds; only the PRVW header needs to be there
                size = s.size() - pos;
            }
            if (ascii(b, 4, "uuid") && pos + header + 16 <= s.size()
                    && Arrays.equals(s.read(pos + header, 16), CANON_PREVIEW_UUID)) {
                long data = pos + header + 16;
                byte[] area = s.readUpTo(data, 64);
                for (int k = 4; k + 4 <= area.length; k++) {
                    if (ascii(area, k, "PRVW")) {
                        long prvw = data + k + 4;
                        byte[] ph = s.readUpTo(prvw, 16);
                        if (ph.length == 16) {
                            offer(s, prvw + 16, u32(ph, 12, false), "embedded preview", out, 0);
                        }
                        return;
                    }
                }
                return;
            }
            pos += size;
        }
    }

    private static boolean ascii(byte[] b, int at, String text) {
        byte[] t = text.getBytes(StandardCharsets.ISO_8859_1);
        return b.length >= at + t.length && Arrays.equals(b, at, at + t.length, t, 0, t.length);
    }

    private static int u16(byte[] b, int at, boolean le) {
        return le ? (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 : (b[at] & 0xff) << 8 | (b[at + 1] & 0xff);
    }

    private static long u32(byte[] b, int at, boolean le) {
        long v = le
                ? (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24
                : (b[at] & 0xffL) << 24 | (b[at + 1] & 0xffL) << 16 | (b[at + 2] & 0xffL) << 8 | (b[at + 3] & 0xffL);
        return v;
    }
}
