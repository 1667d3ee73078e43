package app.triplicate.capture.formats;

import java.nio.charset.StandardCharsets;

/** Small helpers for reading fixed-size fields out of header bytes; callers check the bounds first. */
final class Bytes {
    private Bytes() {
    }

    static int u16(byte[] b, int off, boolean littleEndian) {
        int a = b[off] & 0xff;
        int c = b[off + 1] & 0xff;
        return littleEndian ? a | c << 8 : a << 8 | c;
    }

    static long u32(byte[] b, int off, boolean littleEndian) {
        long v = 0;
        for (int i = 0; i < 4; i++) {
            int shift = littleEndian ? 8 * i : 8 * (3 - i);
            v |= (long) (b[off + i] & 0xff) << shift;
        }
        return v;
    }

    static long u64(byte[] b, int off) {
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = v << 8 | (b[off + i] & 0xff);
        }
        return v;
    }

    /** Whether {@code b} holds the ASCII text {@code s} at {@code off}. */
    static boolean ascii(byte[] b, int off, String s) {
        if (off < 0 || b.length < off + s.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[off + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** A four-character code (chunk, box or section name) as text. */
    static String fourCc(byte[] b, int off) {
        return new String(b, off, 4, StandardCharsets.ISO_8859_1);
    }

    /** ASCII up to the first NUL, trimmed; null when blank. */
    static String cString(byte[] b, int off, int len) {
        int end = off;
        while (end < off + len && end < b.length && b[end] != 0) {
            end++;
        }
        String s = new String(b, off, end - off, StandardCharsets.ISO_8859_1).strip();
        return s.isEmpty() ? null : s;
    }

    static byte[] hex(String hex) {
        byte[] out = new byte[hex.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return out;
    }
}
