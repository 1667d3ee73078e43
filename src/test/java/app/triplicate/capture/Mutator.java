package app.triplicate.capture;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Seeded mutations of a camera file for {@link CaptureFuzzTest}, concentrated where metadata lives: the
 * first {@link #HEAD} bytes (the whole file when smaller) and, less often, the last {@link #TAIL} bytes
 * (X3F keeps its section directory at the end; some MOV/MP4 files their moov box). Each mutant carries a
 * description of what was done, so a failing case can be understood without rerunning it.
 */
final class Mutator {
    static final int HEAD = 64 * 1024;
    static final int TAIL = 4 * 1024;
    /** Values that break length and offset fields: zero, all ones, just below and at the sign bit. */
    private static final byte[] MAGIC = {0x00, (byte) 0xff, 0x7f, (byte) 0x80};
    /** Prefix lengths for "only the first N bytes": around signatures, box and IFD headers, the 512-byte sniff. */
    private static final int[] PREFIXES = {1, 2, 3, 4, 6, 7, 8, 11, 12, 14, 15, 16, 24, 32, 40, 64, 100, 188, 192,
            196, 256, 511, 512, 513, 1024, 4095, 4096, 4097, 8192, 65535, 65536};

    /** A mutated file: its bytes, the extension to write it with, and what was done to it. */
    record Mutant(byte[] bytes, String extension, String description) {
    }

    private final Random random;
    private final List<String> extensions;

    /** @param extensions the extensions of all samples, for writing a mutant under another format's name */
    Mutator(Random random, List<String> extensions) {
        this.random = random;
        this.extensions = extensions;
    }

    Mutant mutate(byte[] original, String extension) {
        int roll = random.nextInt(100);
        if (roll < 3) {
            return new Mutant(new byte[0], pickExtension(extension), "zero-byte file");
        }
        if (roll < 8) {
            int n = Math.min(original.length, PREFIXES[random.nextInt(PREFIXES.length)]);
            String ext = random.nextInt(4) == 0 ? otherExtension(extension) : extension;
            return new Mutant(Arrays.copyOf(original, n), ext, "only the first " + n + " bytes, as ." + ext);
        }
        if (roll < 13) { // the bytes as they are, named as another format
            String ext = otherExtension(extension);
            return new Mutant(original.clone(), ext, "unchanged bytes named ." + ext);
        }
        byte[] b = original.clone();
        List<String> steps = new ArrayList<>();
        int count = 1 + (random.nextInt(3) == 0 ? random.nextInt(4) : 0); // mostly one, sometimes up to four
        for (int i = 0; i < count; i++) {
            b = step(b, steps);
        }
        String ext = extension;
        if (random.nextInt(10) == 0) {
            ext = otherExtension(extension);
            steps.add("named ." + ext);
        }
        return new Mutant(b, ext, String.join("; ", steps));
    }

    private byte[] step(byte[] b, List<String> steps) {
        int kind = random.nextInt(100);
        if (kind < 25) {
            return flips(b, steps);
        }
        if (kind < 50) {
            return magicRuns(b, steps);
        }
        if (kind < 62) {
            return insert(b, steps);
        }
        if (kind < 74) {
            return delete(b, steps);
        }
        if (kind < 84) {
            return truncate(b, steps);
        }
        if (kind < 94) {
            return duplicate(b, steps);
        }
        return bigInteger(b, steps);
    }

    /** 1-16 random bytes replaced, or single bits flipped. */
    private byte[] flips(byte[] b, List<String> steps) {
        if (b.length == 0) {
            return b;
        }
        int n = 1 + random.nextInt(16);
        boolean bits = random.nextBoolean();
        StringBuilder at = new StringBuilder();
        for (int i = 0; i < n; i++) {
            int p = position(b.length);
            if (bits) {
                b[p] ^= (byte) (1 << random.nextInt(8));
            } else {
                b[p] = (byte) random.nextInt(256);
            }
            at.append(i == 0 ? "" : ",").append(p);
        }
        steps.add((bits ? "bit flips at " : "random bytes at ") + at);
        return b;
    }

    /** 1-4 runs of 1-4 bytes set to 0x00, 0xFF, 0x7F or 0x80: huge, zero or negative length fields. */
    private byte[] magicRuns(byte[] b, List<String> steps) {
        if (b.length == 0) {
            return b;
        }
        int runs = 1 + random.nextInt(4);
        StringBuilder what = new StringBuilder();
        for (int i = 0; i < runs; i++) {
            int p = position(b.length);
            int len = Math.min(1 + random.nextInt(4), b.length - p);
            byte v = MAGIC[random.nextInt(MAGIC.length)];
            Arrays.fill(b, p, p + len, v);
            what.append(i == 0 ? "" : ",").append(String.format("%d x%02X@%d", len, v & 0xff, p));
        }
        steps.add("runs " + what);
        return b;
    }

    /** A 2-, 4- or 8-byte value (huge, negative, just past the file's end) written over a field. */
    private byte[] bigInteger(byte[] b, List<String> steps) {
        if (b.length < 8) {
            return flips(b, steps);
        }
        int width = new int[] {2, 4, 8}[random.nextInt(3)];
        long[] values = {0, 1, 0xffffffffL, 0x7fffffffL, 0x80000000L, 0xfffffff8L, b.length, b.length + 1L,
                b.length - 1L, -1L, Long.MAX_VALUE, 0x10000L};
        long v = values[random.nextInt(values.length)];
        int p = Math.min(position(b.length), b.length - width);
        boolean little = random.nextBoolean();
        for (int i = 0; i < width; i++) {
            int shift = 8 * (little ? i : width - 1 - i);
            b[p + i] = (byte) (v >>> shift);
        }
        steps.add(String.format("%d-byte %s 0x%X at %d", width, little ? "LE" : "BE", v, p));
        return b;
    }

    /** 1-64 bytes inserted (random, zeros or 0xFF), shifting every offset after them. */
    private byte[] insert(byte[] b, List<String> steps) {
        int p = b.length == 0 ? 0 : position(b.length + 1);
        int n = 1 + random.nextInt(random.nextBoolean() ? 4 : 64);
        byte[] ins = new byte[n];
        int fill = random.nextInt(3);
        if (fill == 0) {
            random.nextBytes(ins);
        } else {
            Arrays.fill(ins, fill == 1 ? 0 : (byte) 0xff);
        }
        byte[] out = new byte[b.length + n];
        System.arraycopy(b, 0, out, 0, p);
        System.arraycopy(ins, 0, out, p, n);
        System.arraycopy(b, p, out, p + n, b.length - p);
        steps.add("inserted " + n + (fill == 0 ? " random" : fill == 1 ? " zero" : " 0xFF") + " bytes at " + p);
        return out;
    }

    /** 1-64 bytes deleted. */
    private byte[] delete(byte[] b, List<String> steps) {
        if (b.length == 0) {
            return b;
        }
        int p = position(b.length);
        int n = Math.min(1 + random.nextInt(random.nextBoolean() ? 4 : 64), b.length - p);
        byte[] out = new byte[b.length - n];
        System.arraycopy(b, 0, out, 0, p);
        System.arraycopy(b, p + n, out, p, b.length - p - n);
        steps.add("deleted " + n + " bytes at " + p);
        return out;
    }

    /** Cut at a random point: mostly inside the header, sometimes anywhere in the file. */
    private byte[] truncate(byte[] b, List<String> steps) {
        if (b.length == 0) {
            return b;
        }
        int p = random.nextInt(4) == 0 ? random.nextInt(b.length) : random.nextInt(Math.min(b.length, HEAD));
        steps.add("truncated to " + p + " bytes");
        return Arrays.copyOf(b, p);
    }

    /** A chunk of the header copied elsewhere in it: inserted (the file grows) or written over. */
    private byte[] duplicate(byte[] b, List<String> steps) {
        if (b.length < 2) {
            return b;
        }
        int from = position(b.length);
        int n = Math.min(1 + random.nextInt(random.nextBoolean() ? 32 : 1024), b.length - from);
        byte[] chunk = Arrays.copyOfRange(b, from, from + n);
        int to = position(b.length);
        if (random.nextBoolean()) {
            byte[] out = new byte[b.length + n];
            System.arraycopy(b, 0, out, 0, to);
            System.arraycopy(chunk, 0, out, to, n);
            System.arraycopy(b, to, out, to + n, b.length - to);
            steps.add("duplicated " + n + " bytes from " + from + " inserted at " + to);
            return out;
        }
        int len = Math.min(n, b.length - to);
        System.arraycopy(chunk, 0, b, to, len);
        steps.add("copied " + len + " bytes from " + from + " over " + to);
        return b;
    }

    /** A position in the head (first 64 KiB) mostly, else in the last 4 KiB, where trailing metadata sits. */
    private int position(int length) {
        if (length > HEAD && random.nextInt(6) == 0) {
            int tail = Math.min(TAIL, length);
            return length - tail + random.nextInt(tail);
        }
        if (length <= HEAD && length > TAIL && random.nextInt(8) == 0) {
            return length - TAIL + random.nextInt(TAIL); // small files with a trailing directory (X3F)
        }
        // bias towards the very start, where signatures, box and IFD headers sit
        int bound = Math.min(length, random.nextInt(3) == 0 ? 1024 : HEAD);
        return random.nextInt(bound);
    }

    private String pickExtension(String own) {
        return random.nextBoolean() ? own : otherExtension(own);
    }

    private String otherExtension(String own) {
        for (int i = 0; i < 8; i++) {
            String e = extensions.get(random.nextInt(extensions.size()));
            if (!e.equalsIgnoreCase(own)) {
                return e;
            }
        }
        return own.equalsIgnoreCase("jpg") ? "cr2" : "jpg";
    }
}
