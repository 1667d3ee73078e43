package app.triplicate.settings;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * The user's settings. Unknown fields are ignored so an older Triplicate reads a newer file; every field
 * has a default so a newer one reads an older file.
 *
 * @param writtenBy      the Triplicate version that last wrote the file
 * @param sessionGap     a new session starts where consecutive pictures are further apart ("3h")
 * @param folderTemplate the library folder of a session, from {yyyy} {MM} {dd} {session} {camera}
 * @param theme          the window's look: "light" or "dark"
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(String writtenBy, Integer targetCopies, Integer offsiteCopies, Integer copiesBeforeFormat,
                       String sessionGap, String folderTemplate, String theme) {

    public static Settings defaults() {
        return new Settings(null, 3, 1, 2, "3h", "{yyyy}/{yyyy}-{MM}-{dd} {session}", "light");
    }

    /** Fills fields missing from an older file with their defaults. */
    public Settings withDefaults() {
        Settings d = defaults();
        return new Settings(writtenBy,
                targetCopies != null ? targetCopies : d.targetCopies,
                offsiteCopies != null ? offsiteCopies : d.offsiteCopies,
                copiesBeforeFormat != null ? copiesBeforeFormat : d.copiesBeforeFormat,
                sessionGap != null ? sessionGap : d.sessionGap,
                folderTemplate != null ? folderTemplate : d.folderTemplate,
                "dark".equals(theme) ? "dark" : d.theme);
    }

    public app.triplicate.core.CopyPolicy policy() {
        Settings d = withDefaults();
        return new app.triplicate.core.CopyPolicy(d.targetCopies, d.offsiteCopies, d.copiesBeforeFormat);
    }

    public Settings writtenBy(String version) {
        return new Settings(version, targetCopies, offsiteCopies, copiesBeforeFormat, sessionGap, folderTemplate, theme);
    }

    public Settings withPolicy(app.triplicate.core.CopyPolicy p) {
        return new Settings(writtenBy, p.targetCopies(), p.offsiteCopies(), p.copiesBeforeFormat(), sessionGap,
                folderTemplate, theme);
    }

    public Settings withSessionGap(String gap) {
        return new Settings(writtenBy, targetCopies, offsiteCopies, copiesBeforeFormat, gap, folderTemplate, theme);
    }

    public Settings withFolderTemplate(String template) {
        return new Settings(writtenBy, targetCopies, offsiteCopies, copiesBeforeFormat, sessionGap, template, theme);
    }

    public Settings withTheme(String newTheme) {
        return new Settings(writtenBy, targetCopies, offsiteCopies, copiesBeforeFormat, sessionGap, folderTemplate,
                newTheme);
    }
}
