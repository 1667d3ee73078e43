package app.triplicate.capture;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/**
 * Random access to the head of a file for metadata readers, counting every byte read and refusing to
 * read more than a budget: reading a capture time costs a few kilobytes, never the whole 60 MB RAW, and a
 * corrupt length field cannot make a reader allocate or read gigabytes.
 */
public final class HeaderSource implements AutoCloseable {

    /** More than any real header needs (JPEG APP segments, TIFF IFDs with maker notes, an MP4 moov box). */
    public static final long DEFAULT_BUDGET = 8L * 1024 * 1024;

    private final FileChannel channel;
    private final long size;
    private final long budget;
    private long bytesRead;

    public HeaderSource(FileChannel channel, long budget) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.budget = budget;
    }

    public long size() {
        return size;
    }

    public long bytesRead() {
        return bytesRead;
    }

    /** Exactly {@code length} bytes at {@code position}; fails past the end of the file or the budget. */
    public byte[] read(long position, int length) throws IOException {
        if (position < 0 || length < 0 || position + length > size) {
            throw new EOFException("reading " + length + " bytes at " + position + " goes past the end of the "
                    + size + "-byte file");
        }
        byte[] out = new byte[charge(length)];
        ByteBuffer buf = ByteBuffer.wrap(out);
        long p = position;
        while (buf.hasRemaining()) {
            int n = channel.read(buf, p);
            if (n < 0) {
                throw new EOFException("the file ended early");
            }
            p += n;
        }
        return out;
    }

    /** Up to {@code length} bytes at {@code position} (fewer at the end of the file). */
    public byte[] readUpTo(long position, int length) throws IOException {
        if (position >= size) {
            return new byte[0];
        }
        return read(position, (int) Math.min(length, size - position));
    }

    private int charge(int length) throws IOException {
        if (bytesRead + length > budget) {
            throw new HeaderBudgetException("the metadata reader wanted more than " + budget
                    + " bytes of the header; the file looks corrupt");
        }
        bytesRead += length;
        return length;
    }

    /** A stream from {@code position}; skipping seeks instead of reading. */
    public InputStream streamFrom(long position) {
        return new InputStream() {
            private long pos = position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                if (pos >= size) {
                    return -1;
                }
                int n = (int) Math.min(len, size - pos);
                charge(n);
                ByteBuffer buf = ByteBuffer.wrap(b, off, n);
                int got = channel.read(buf, pos);
                if (got < 0) {
                    return -1;
                }
                bytesRead -= n - got;
                pos += got;
                return got;
            }

            @Override
            public long skip(long n) {
                long skipped = Math.max(0, Math.min(n, size - pos));
                pos += skipped;
                return skipped;
            }

            @Override
            public int available() {
                return (int) Math.min(Integer.MAX_VALUE, Math.max(0, size - pos));
            }
        };
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A reader asked for more of the file than any real header holds. */
    public static final class HeaderBudgetException extends IOException {
        public HeaderBudgetException(String message) {
            super(message);
        }
    }
}
