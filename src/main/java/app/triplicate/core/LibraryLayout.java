package app.triplicate.core;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Where a media file lives in the library: {@code <yyyy>/<yyyy-MM-dd> <session name>/<file name>} under
 * the library root ({@code <drive>/Triplicate}). The path is chosen once, at a file's first ingest, and is
 * the same on every location, so it uses only characters every file system a photographer meets can hold.
 */
public final class LibraryLayout {

    /** The library folder at the top of every drive. */
    public static final String ROOT = "Triplicate";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final int MAX_NAME_CHARS = 120;

    private LibraryLayout() {
    }

    /** The session's folder, relative to the library root; its date is the date of the session's first picture. */
    public static String sessionFolder(LocalDate firstDay, String sessionName) {
        String day = DAY.format(firstDay);
        String name = portableName(sessionName.strip());
        String folder = name.isEmpty() || name.equals(day) ? day : day + " " + name;
        return String.format(Locale.ROOT, "%04d", firstDay.getYear()) + "/" + folder;
    }

    public static String filePath(String sessionFolder, String fileName) {
        return sessionFolder + "/" + portableName(fileName);
    }

    /**
     * A file or folder name that Windows, macOS and Linux drives (FAT, exFAT, NTFS, APFS, ext4) all accept:
     * reserved characters and control characters become {@code _}, trailing dots and spaces are dropped,
     * and over-long names are shortened, keeping the extension.
     */
    public static String portableName(String name) {
        StringBuilder sb = new StringBuilder(name.length());
        name.codePoints().forEach(cp -> {
            if (cp < 0x20 || cp == 0x7f || "<>:\"/\\|?*".indexOf(cp) >= 0) {
                sb.append('_');
            } else {
                sb.appendCodePoint(cp);
            }
        });
        String s = sb.toString();
        while (!s.isEmpty() && (s.endsWith(".") || s.endsWith(" "))) {
            s = s.substring(0, s.length() - 1);
        }
        if (s.codePointCount(0, s.length()) > MAX_NAME_CHARS) {
            int dot = s.lastIndexOf('.');
            String ext = dot > 0 && s.length() - dot <= 10 ? s.substring(dot) : "";
            String stem = s.substring(0, s.length() - ext.length());
            stem = stem.substring(0, stem.offsetByCodePoints(0, MAX_NAME_CHARS - ext.length()));
            s = stem + ext;
        }
        String upper = s.toUpperCase(Locale.ROOT);
        String stem = upper.contains(".") ? upper.substring(0, upper.indexOf('.')) : upper;
        if (stem.matches("CON|PRN|AUX|NUL|COM[1-9]|LPT[1-9]")) {
            s = "_" + s;
        }
        return s.isEmpty() ? "_" : s;
    }

    /** The n-th alternative for a name already taken by other content: {@code DSC_0001-2.JPG} for n = 2. */
    public static String alternative(String relativePath, int n) {
        int slash = relativePath.lastIndexOf('/');
        int dot = relativePath.lastIndexOf('.');
        if (dot <= slash + 1) {
            return relativePath + "-" + n;
        }
        return relativePath.substring(0, dot) + "-" + n + relativePath.substring(dot);
    }

    public static String fileName(String relativePath) {
        return relativePath.substring(relativePath.lastIndexOf('/') + 1);
    }
}
