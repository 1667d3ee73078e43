package app.triplicate.core;

import java.util.Locale;

/** What a drive is for. Ingest copies to working and backup drives; archive drives are filled on purpose. */
public enum DriveRole {
    WORKING, BACKUP, ARCHIVE;

    public boolean receivesIngest() {
        return this != ARCHIVE;
    }

    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static DriveRole parse(String word) {
        return valueOf(word.trim().toUpperCase(Locale.ROOT));
    }
}
