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

    /** The folder in a session's folder that holds the card's files that are not media (GPS logs, notes). */
    public static final String OTHER_FILES = "Other files";

    /**
     * The ASC MHL history folder in each session folder (SPEC.md: <i>manifest</i>): Triplicate's record of the
     * proven bytes, never a session's content, so checks that list a session folder's files pass over it.
     */
    public static final String MANIFEST_FOLDER = "ascmhl";

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT);
    private static final int MAX_NAME_CHARS = 120;

    private LibraryLayout() {
    }

    /** The default folder template. */
    public static final String DEFAULT_TEMPLATE = "{yyyy}/{yyyy}-{MM}-{dd} {session}";
    private static final java.util.regex.Pattern TOKEN = java.util.regex.Pattern.compile("\\{([A-Za-z]+)}");

    /**
     * The session's folder, relative to the library root, from a template with the tokens {@code {yyyy}},
     * {@code {MM}}, {@code {dd}} (the date of the session's first picture), {@code {session}} and
     * {@code {camera}}. A session name that starts with that date (the default names do) is not repeated
     * after it: "2026-11-26 Afternoon" gives {@code 2026/2026-11-26 Afternoon}.
     */
    public static String sessionFolder(String template, LocalDate firstDay, String sessionName, String camera) {
        String day = DAY.format(firstDay);
        String name = sessionName.strip();
        if (template.contains("{dd}") && name.startsWith(day)) {
            name = name.substring(day.length()).strip();
        }
        String session = name;
        java.util.regex.Matcher m = TOKEN.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String value = switch (m.group(1)) {
                case "yyyy" -> String.format(Locale.ROOT, "%04d", firstDay.getYear());
                case "MM" -> String.format(Locale.ROOT, "%02d", firstDay.getMonthValue());
                case "dd" -> String.format(Locale.ROOT, "%02d", firstDay.getDayOfMonth());
                case "session" -> session;
                case "camera" -> camera == null ? "" : camera;
                default -> throw new IllegalArgumentException("unknown token " + m.group() + " in the folder template \""
                        + template + "\" (use {yyyy}, {MM}, {dd}, {session}, {camera})");
            };
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(value));
        }
        m.appendTail(sb);
        StringBuilder out = new StringBuilder();
        for (String part : sb.toString().split("/")) {
            String p = portableName(part.strip().replaceAll("\\s{2,}", " "));
            if (!p.equals("_") || !part.isBlank()) {
                out.append(out.isEmpty() ? "" : "/").append(p);
            }
        }
        return out.toString();
    }

    /** The default layout's folder: {@code <yyyy>/<yyyy-MM-dd> <session name>}. */
    public static String sessionFolder(LocalDate firstDay, String sessionName) {
        return sessionFolder(DEFAULT_TEMPLATE, firstDay, sessionName, null);
    }

    /** Validates a template; returns it, or throws naming the problem. */
    public static String checkTemplate(String template) {
        sessionFolder(template, LocalDate.of(2000, 1, 2), "x", "cam");
        if (!template.contains("{session}") && !template.contains("{dd}")) {
            throw new IllegalArgumentException("the folder template needs {session} or the date down to {dd}, "
                    + "so sessions do not share a folder");
        }
        return template;
    }

    public static String filePath(String sessionFolder, String fileName) {
        return sessionFolder + "/" + libraryFileName(fileName);
    }

    /**
     * At most this many UTF-8 bytes in a file's name in the library (SPEC.md section 4), so that an alternative
     * ({@code -2}) and a remote's temporary suffix still fit the 255 bytes that ext4, APFS and most servers allow.
     */
    public static final int MAX_FILE_NAME_BYTES = 200;

    /**
     * A card file's name in the library: {@link #portableName}, in NFC (the form macOS compares names in, so two
     * forms of one name cannot meet on its drives as one file), shortened to {@link #MAX_FILE_NAME_BYTES} UTF-8
     * bytes, keeping the extension and never cutting inside a character.
     */
    public static String libraryFileName(String fileName) {
        String s = portableName(java.text.Normalizer.normalize(fileName, java.text.Normalizer.Form.NFC));
        if (utf8Length(s) <= MAX_FILE_NAME_BYTES) {
            return s;
        }
        int dot = s.lastIndexOf('.');
        String ext = dot > 0 && s.length() - dot <= 10 ? s.substring(dot) : "";
        String stem = s.substring(0, s.length() - ext.length());
        while (!stem.isEmpty() && utf8Length(stem + ext) > MAX_FILE_NAME_BYTES) {
            stem = stem.substring(0, stem.offsetByCodePoints(stem.length(), -1));
        }
        while (!stem.isEmpty() && (stem.endsWith(".") || stem.endsWith(" "))) {
            stem = stem.substring(0, stem.length() - 1);
        }
        return (stem.isEmpty() ? "_" : stem) + ext;
    }

    private static int utf8Length(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
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

    private static final java.util.regex.Pattern DAY_PREFIX = java.util.regex.Pattern.compile("^\\d{4}-\\d{2}-\\d{2}\\s*");
    /** At most this many UTF-8 bytes in a session name (SPEC section 4: what a destination can hold). */
    public static final int MAX_SESSION_NAME_BYTES = 200;

    /**
     * A session name as the user typed it, stripped; refuses a blank name, a line break or other control
     * character, and a name over {@value #MAX_SESSION_NAME_BYTES} UTF-8 bytes. Characters a drive cannot hold
     * are kept in the name and become {@code _} in the folder, as at ingest ({@link #portableName}).
     */
    public static String checkSessionName(String name) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("a session needs a name");
        }
        if (n.codePoints().anyMatch(cp -> cp < 0x20 || cp == 0x7f)) {
            throw new IllegalArgumentException("a session name cannot hold line breaks or control characters");
        }
        if (n.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > MAX_SESSION_NAME_BYTES) {
            throw new IllegalArgumentException("a session name can be at most " + MAX_SESSION_NAME_BYTES
                    + " bytes long (UTF-8)");
        }
        return n;
    }

    /**
     * The session folder after a rename: only its own (last) name changes, where it holds the old session name
     * (as {@link #sessionFolder} wrote it, after the date or alone); the date before it stays, since it is the
     * date of the session's first picture. Empty when the folder's name does not hold the session's name
     * (a template that puts the session higher up or not at all): the folder then keeps its name.
     */
    public static java.util.Optional<String> renamedFolder(String folder, String oldName, String newName) {
        int slash = folder.lastIndexOf('/');
        String parent = slash < 0 ? "" : folder.substring(0, slash + 1);
        String last = folder.substring(slash + 1);
        String oldStripped = oldName.strip();
        // the name without its date first: a default name ("2026-11-26 Afternoon") is written after the date once
        for (String old : java.util.List.of(DAY_PREFIX.matcher(oldStripped).replaceFirst(""), oldStripped)) {
            String written = portableName(old.replaceAll("\\s{2,}", " "));
            if (old.isEmpty() || !last.endsWith(written)) {
                continue;
            }
            String before = last.substring(0, last.length() - written.length());
            if (!before.isEmpty() && !before.matches(".*[\\s_-]")) {
                continue; // the old name is only the end of a longer word: not the session's part of the name
            }
            String name = newName.strip();
            java.util.regex.Matcher day = DAY_PREFIX.matcher(before);
            if (day.find() && name.startsWith(before.strip())) {
                name = name.substring(before.strip().length()).strip(); // the date is not written twice
            }
            String renamed = portableName((before + name).strip().replaceAll("\\s{2,}", " "));
            return java.util.Optional.of(parent + renamed);
        }
        return java.util.Optional.empty();
    }
}
