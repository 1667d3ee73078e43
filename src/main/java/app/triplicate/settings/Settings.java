package app.triplicate.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The user's settings. Unknown fields are ignored so an older Triplicate reads a newer file; every field
 * has a default so a newer one reads an older file.
 *
 * @param writtenBy the Triplicate version that last wrote the file
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(String writtenBy, Integer targetCopies, Integer offsiteCopies, Integer copiesBeforeFormat) {

    public static Settings defaults() {
        return new Settings(null, 3, 1, 2);
    }

    /** Fills fields missing from an older file with their defaults. */
    public Settings withDefaults() {
        Settings d = defaults();
        return new Settings(writtenBy,
                targetCopies != null ? targetCopies : d.targetCopies,
                offsiteCopies != null ? offsiteCopies : d.offsiteCopies,
                copiesBeforeFormat != null ? copiesBeforeFormat : d.copiesBeforeFormat);
    }

    public Settings writtenBy(String version) {
        return new Settings(version, targetCopies, offsiteCopies, copiesBeforeFormat);
    }
}
