package app.triplicate.core;

import java.util.Locale;

/**
 * An XXH128 hash value. Written as 32 lowercase hex digits, most significant half first,
 * exactly as {@code xxhsum -H2} prints it.
 */
public record Xxh128(long high, long low) {

    /** XXH128 of no bytes at all. */
    public static final Xxh128 EMPTY = parse("99aa06d3014798d86001c324468d497f");

    public static Xxh128 parse(String hex) {
        if (hex == null || hex.length() != 32) {
            throw new IllegalArgumentException("an XXH128 hash has 32 hex digits: " + hex);
        }
        String lower = hex.toLowerCase(Locale.ROOT);
        return new Xxh128(Long.parseUnsignedLong(lower.substring(0, 16), 16),
                Long.parseUnsignedLong(lower.substring(16), 16));
    }

    public String hex() {
        return String.format(Locale.ROOT, "%016x%016x", high, low);
    }

    @Override
    public String toString() {
        return hex();
    }
}
