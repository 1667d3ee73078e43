package app.triplicate.core;

/** How the bytes of a copy were proven. */
public enum VerifyMethod {
    /** Read back from the device, bypassing the operating system's cache (O_DIRECT). */
    DIRECT_READ("direct-read"),
    /** Read back through the operating system's cache, where the platform or file system refuses direct reads. */
    CACHED_READ("cached-read");

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
