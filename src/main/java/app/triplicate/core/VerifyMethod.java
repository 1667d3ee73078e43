package app.triplicate.core;

/** How the bytes of a copy were proven. */
public enum VerifyMethod {
    /** Read back from the device, bypassing the operating system's cache (O_DIRECT). */
    DIRECT_READ("direct-read"),
    /** Read back through the operating system's cache, where the platform or file system refuses direct reads. */
    CACHED_READ("cached-read"),
    /** A remote copy read back over the network and hashed (SFTP, a folder store). */
    READ_BACK("read-back"),
    /** A remote copy checked against the SHA-256 the provider keeps for the whole object (S3). */
    PROVIDER_CHECKSUM("provider-checksum"),
    /** A multipart remote copy checked against the provider's composite checksum of its parts (S3). */
    PROVIDER_COMPOSITE_CHECKSUM("provider-composite-checksum"),
    /**
     * Taken from the drive's ASC MHL history by {@code catalog rebuild}: the copy was read and matched when that
     * generation was written (its date is the copy's last verification); nothing was read again.
     */
    MANIFEST("manifest");

    private final String word;

    VerifyMethod(String word) {
        this.word = word;
    }

    public String word() {
        return word;
    }

    public static VerifyMethod fromWord(String word) {
        for (VerifyMethod m : values()) {
            if (m.word.equals(word)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown verify method: " + word);
    }
}
