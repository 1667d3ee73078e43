package app.triplicate.remote;

import app.triplicate.core.Xxh128;
import app.triplicate.files.Xxh128Hasher;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** XXH128 (our identity for a file) and SHA-256 (the providers' checksum, our second identity) in one pass. */
final class ContentHasher {
    private final Xxh128Hasher xxh = new Xxh128Hasher();
    private final MessageDigest sha256;
    private long length;

    ContentHasher() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    void update(byte[] bytes, int offset, int count) {
        xxh.update(bytes, offset, count);
        sha256.update(bytes, offset, count);
        length += count;
    }

    long length() {
        return length;
    }

    Xxh128 xxh128() {
        return xxh.finish();
    }

    /** Base64 of the SHA-256, as S3 reports {@code ChecksumSHA256}. Call once, at the end. */
    String sha256Base64() {
        return Base64.getEncoder().encodeToString(sha256.digest());
    }
}
