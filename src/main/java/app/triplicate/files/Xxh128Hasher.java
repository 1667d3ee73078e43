package app.triplicate.files;

import app.triplicate.core.Xxh128;
import com.dynatrace.hash4j.hashing.HashStream128;
import com.dynatrace.hash4j.hashing.HashValue128;
import com.dynatrace.hash4j.hashing.Hashing;

/** Streaming XXH128 (hash4j), fed in 64–256 KiB chunks as a file is read. */
public final class Xxh128Hasher {
    private final HashStream128 stream = Hashing.xxh3_128().hashStream();

    public Xxh128Hasher update(byte[] bytes, int offset, int length) {
        stream.putBytes(bytes, offset, length);
        return this;
    }

    public Xxh128 finish() {
        HashValue128 v = stream.get();
        return new Xxh128(v.getMostSignificantBits(), v.getLeastSignificantBits());
    }
}
