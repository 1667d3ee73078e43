package app.triplicate.core;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The documented, generous list of file extensions Triplicate treats as media: photos, the RAW formats
 * of every maker ExifTool knows, videos, audio notes and sidecars. Anything else on a card is listed as
 * "not media" and never skipped silently.
 */
public final class MediaTypes {

    public enum Kind { PHOTO, RAW, VIDEO, AUDIO, SIDECAR }

    static final Set<String> PHOTO = Set.of(
            "jpg", "jpeg", "jpe", "heic", "heif", "hif", "avif", "png", "tif", "tiff", "webp", "jxl",
            "gif", "bmp", "psd", "mpo", "insp");
    static final Set<String> RAW = Set.of(
            "3fr", "ari", "arw", "bay", "braw", "cap", "cr2", "cr3", "crm", "crw", "cs1", "dcr", "dcs", "dng",
            "drf", "eip", "erf", "fff", "gpr", "iiq", "k25", "kdc", "mdc", "mef", "mos", "mrw", "nef", "nrw",
            "orf", "ori", "pef", "ptx", "pxn", "r3d", "raf", "raw", "rw1", "rw2", "rwl", "rwz", "sr2", "srf",
            "srw", "sti", "x3f");
    static final Set<String> VIDEO = Set.of(
            "mov", "mp4", "m4v", "avi", "mts", "m2ts", "m2t", "mxf", "mkv", "3gp", "3g2", "mpg", "mpeg",
            "vob", "mod", "tod", "wmv", "insv", "lrv", "360", "crm", "dv", "webm");
    static final Set<String> AUDIO = Set.of("wav", "mp3", "m4a", "aac", "bwf");
    static final Set<String> SIDECAR = Set.of("xmp", "thm", "pp3", "dop", "on1", "cos", "xml", "lrf", "ctg");

    private static final Map<String, Kind> BY_EXTENSION = Stream.of(
                    entries(PHOTO, Kind.PHOTO), entries(RAW, Kind.RAW), entries(VIDEO, Kind.VIDEO),
                    entries(AUDIO, Kind.AUDIO), entries(SIDECAR, Kind.SIDECAR))
            .flatMap(s -> s)
            .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a));

    private MediaTypes() {
    }

    private static Stream<Map.Entry<String, Kind>> entries(Set<String> extensions, Kind kind) {
        return extensions.stream().map(e -> Map.entry(e, kind));
    }

    /** The kind of media a file name denotes, by its extension; empty when it is not media. */
    public static Optional<Kind> kindOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        if (dot < 0 || dot == fileName.length() - 1) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(fileName.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    public static boolean isMedia(String fileName) {
        return kindOf(fileName).isPresent();
    }

    /** Every extension recognised, sorted, for the README and {@code --help}. */
    public static Set<String> extensions() {
        return new java.util.TreeSet<>(BY_EXTENSION.keySet());
    }
}
