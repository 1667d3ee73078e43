package app.triplicate.mhl;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One generation of an ASC MHL history: one {@code NNNN_<folder>_<date>Z.mhl} file in a folder's {@code ascmhl/}.
 *
 * @param number   the generation number (the file name's first digits)
 * @param fileName the file's name in {@code ascmhl/}
 * @param process  {@code in-place} (the files were checked where they are) or {@code transfer} (they were copied)
 * @param ignore   the ignore patterns in force from this generation on (gitwildmatch, as the reference tool reads them)
 * @param hashes   the files hashed in this generation, paths relative to the folder, with {@code /}
 */
public record HashList(int number, String fileName, OffsetDateTime creationDate, String hostName, String toolName,
                       String toolVersion, String process, List<String> ignore, List<Hash> hashes) {

    public HashList {
        ignore = List.copyOf(ignore);
        hashes = List.copyOf(hashes);
    }

    /** What a generation says it did with a file's hash (the ASC MHL {@code action} attribute). */
    public enum Action {
        /** The first hash of these bytes at this path. */
        ORIGINAL,
        /** Hashed again and found equal to the original. */
        VERIFIED,
        /** Hashed again and found different: the hash recorded is the one read now. */
        FAILED;

        public String xml() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static Action fromXml(String s) {
            return valueOf(s.trim().toUpperCase(java.util.Locale.ROOT));
        }
    }

    /**
     * One file's hash in one format.
     *
     * @param size         bytes, or -1 when the generation does not say
     * @param lastModified the file's modification time, or null when not given
     * @param format       {@code xxh128} for Triplicate's; others as another tool wrote them
     * @param action       null when the generation does not say
     */
    public record Hash(String path, long size, OffsetDateTime lastModified, String format, String value, Action action,
                       OffsetDateTime hashDate) {
    }
}
