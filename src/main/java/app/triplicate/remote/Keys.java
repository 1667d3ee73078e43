package app.triplicate.remote;

import app.triplicate.core.LibraryLayout;

/**
 * Checks object keys before any store turns them into a path: a key is a library path relative to the base,
 * so it must not climb out of it or land in Triplicate's own area.
 */
final class Keys {
    /** Triplicate's own folder under the base: the probe of {@code test()} lives there, nothing else. */
    static final String OWN_AREA = ".triplicate";
    /** Suffix of the temporary name an upload is written under before it is renamed into place. */
    static final String PART_SUFFIX = ".triplicate-part";

    private Keys() {
    }

    static String check(String key) {
        if (key == null || key.isEmpty()) {
            throw new IllegalArgumentException("an object key must not be empty");
        }
        if (key.startsWith("/") || key.indexOf('\\') >= 0 || key.indexOf('\0') >= 0) {
            throw new IllegalArgumentException("an object key is a relative library path with '/': " + key);
        }
        for (String part : key.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..")) {
                throw new IllegalArgumentException("an object key must not contain empty, '.' or '..' parts: " + key);
            }
        }
        if (key.equals(OWN_AREA) || key.startsWith(OWN_AREA + "/")) {
            throw new IllegalArgumentException("keys under " + OWN_AREA + "/ are Triplicate's own: " + key);
        }
        if (key.endsWith(PART_SUFFIX)) {
            throw new IllegalArgumentException("the suffix " + PART_SUFFIX + " marks unfinished uploads: " + key);
        }
        return key;
    }

    /** A key {@link RemoteStore#replace} may write: a file directly in a folder's ASC MHL history. */
    static String checkManifest(String key) {
        check(key);
        String[] parts = key.split("/");
        if (parts.length < 2 || !parts[parts.length - 2].equals(LibraryLayout.MANIFEST_FOLDER)) {
            throw new IllegalArgumentException("only a file in an " + LibraryLayout.MANIFEST_FOLDER
                    + "/ folder is ever replaced on the remote: " + key);
        }
        return key;
    }

    /** Whether a name in a folder is an object's (not an unfinished upload's). */
    static boolean isObjectName(String name) {
        return !name.endsWith(PART_SUFFIX) && !name.equals(".") && !name.equals("..");
    }
}
