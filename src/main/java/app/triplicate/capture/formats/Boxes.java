package app.triplicate.capture.formats;

import app.triplicate.capture.HeaderSource;

import java.io.IOException;
import java.util.Arrays;

/**
 * Walking ISO-BMFF boxes (CR3, HEIF) through a {@link HeaderSource}: only box headers are read, every size is
 * checked against its parent, and a walk stops after {@link #MAX_BOXES} boxes, so a corrupt size can neither
 * loop nor send a reader past the end of its parent.
 */
final class Boxes {
    /** Boxes looked at per level; real files have a handful (a HEIF meta box a dozen). */
    static final int MAX_BOXES = 256;

    private Boxes() {
    }

    /** A box: its four-character type, where its payload starts (after any UUID) and where it ends. */
    record Box(String type, long dataStart, long end, byte[] uuid) {
        long dataLength() {
            return end - dataStart;
        }
    }

    /** The first child of type {@code type} (and UUID {@code uuid}, when given) between start and end. */
    static Box find(HeaderSource source, long start, long end, String type, byte[] uuid) throws IOException {
        long pos = start;
        for (int i = 0; i < MAX_BOXES; i++) {
            Box box = at(source, pos, end);
            if (box == null) {
                return null;
            }
            if (box.type().equals(type) && (uuid == null || Arrays.equals(uuid, box.uuid()))) {
                return box;
            }
            pos = box.end();
        }
        return null;
    }

    /** The box header at {@code pos}, or null when no whole header fits before {@code end}. */
    static Box at(HeaderSource source, long pos, long end) throws IOException {
        if (pos + 8 > end) {
            return null;
        }
        byte[] h = source.read(pos, 8);
        long size = Bytes.u32(h, 0, false);
        String type = Bytes.fourCc(h, 4);
        long header = 8;
        if (size == 1) { // 64-bit size follows
            if (pos + 16 > end) {
                return null;
            }
            size = Bytes.u64(source.read(pos + 8, 8), 0);
            header = 16;
        } else if (size == 0) { // extends to the end of the parent
            size = end - pos;
        }
        byte[] uuid = null;
        if (type.equals("uuid")) {
            if (pos + header + 16 > end) {
                return null;
            }
            uuid = source.read(pos + header, 16);
            header += 16;
        }
        // a size smaller than its header would loop forever; one past the parent is a truncated or corrupt file
        // (a 64-bit size above Long.MAX_VALUE reads as negative and is refused here too)
        if (size < header || size > end - pos) {
            throw new IOException("box '" + type + "' at " + pos + " has a bad size " + size);
        }
        return new Box(type, pos + header, pos + size, uuid);
    }
}
