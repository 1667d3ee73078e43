package app.triplicate.mhl;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The C4 id (SMPTE ST 2114) that ASC MHL uses to chain its generations: the SHA-512 of the bytes written in base 58
 * with C4's alphabet, padded to 88 digits, after {@code c4}. The chain file holds one per manifest, so a manifest
 * changed after it was written is found by any tool that recomputes it.
 */
public final class C4 {
    private static final String ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static final BigInteger BASE = BigInteger.valueOf(58);
    private static final int DIGITS = 88;

    private C4() {
    }

    public static String of(byte[] bytes) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-512").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this Java has no SHA-512", e); // every Java SE has it
        }
        BigInteger n = new BigInteger(1, digest);
        StringBuilder reversed = new StringBuilder(DIGITS);
        while (n.signum() > 0) {
            BigInteger[] qr = n.divideAndRemainder(BASE);
            reversed.append(ALPHABET.charAt(qr[1].intValue()));
            n = qr[0];
        }
        while (reversed.length() < DIGITS) {
            reversed.append(ALPHABET.charAt(0)); // '1' is C4's zero
        }
        return "c4" + reversed.reverse();
    }
}
