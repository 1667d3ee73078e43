package app.triplicate.capture;

import com.drew.lang.BufferBoundsException;
import com.drew.lang.RandomAccessReader;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Lets metadata-extractor's TIFF reader seek around a {@link HeaderSource}: it reads IFDs and tag values
 * where they are, in 4 KiB pages, so a RAW costs a few pages, not its size.
 */
final class HeaderRandomAccessReader extends RandomAccessReader {
    private static final int PAGE = 4096;
    private final HeaderSource source;
    private final Map<Long, byte[]> pages = new HashMap<>();

    HeaderRandomAccessReader(HeaderSource source) {
        this.source = source;
    }

    @Override
    public int toUnshiftedOffset(int localOffset) {
        return localOffset;
    }

    @Override
    public byte getByte(int index) throws IOException {
        validateIndex(index, 1);
        return page(index / PAGE)[index % PAGE];
    }

    @Override
    public byte[] getBytes(int index, int count) throws IOException {
        validateIndex(index, count);
        byte[] out = new byte[count];
        int done = 0;
        while (done < count) {
            long at = (long) index + done;
            byte[] p = page(at / PAGE);
            int from = (int) (at % PAGE);
            int n = Math.min(count - done, p.length - from);
            System.arraycopy(p, from, out, done, n);
            done += n;
        }
        return out;
    }

    private byte[] page(long number) throws IOException {
        byte[] p = pages.get(number);
        if (p == null) {
            p = source.readUpTo(number * PAGE, PAGE);
            pages.put(number, p);
        }
        return p;
    }

    @Override
    protected void validateIndex(int index, int bytesRequested) throws IOException {
        if (!isValidIndex(index, bytesRequested)) {
            throw new BufferBoundsException(index, bytesRequested, source.size());
        }
    }

    @Override
    protected boolean isValidIndex(int index, int bytesRequested) {
        return index >= 0 && bytesRequested >= 0 && (long) index + bytesRequested <= source.size();
    }

    @Override
    public long getLength() {
        return source.size();
    }
}
