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
 * @param uploadLimit    the most the offsite uploads may send a second, all files together ("5MB/s"), or
 *                       null for no limit: {@code push} uses it unless {@code --limit} says otherwise
 * @param scrubInterval  a session whose oldest verification is older than this is due for a verify ("30d")
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Settings(String writtenBy, Integer targetCopies, Integer offsiteCopies, Integer copiesBeforeFormat,
                       String sessionGap, String folderTemplate, String theme, String uploadLimit,
                       String scrubInterval) {

    public static Settings defaults() {
        return new Settings(null, 3, 1, 2, "3h", "{yyyy}/{yyyy}-{MM}-{dd} {session}", "light", null, "30d");
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
                "dark".equals(theme) ? "dark" : d.theme,
                uploadLimit == null || uploadLimit.isBlank() ? null : uploadLimit.strip(),
                scrubInterval != null ? scrubInterval : d.scrubInterval);
    }

    public app.triplicate.core.CopyPolicy policy() {
        Settings d = withDefaults();
        return new app.triplicate.core.CopyPolicy(d.targetCopies, d.offsiteCopies, d.copiesBeforeFormat);
    }

    public Settings writtenBy(String version) {
        return new Settings(version, targetCopies, offsiteCopies, copiesBeforeFormat, sessionGap, folderTemplate, theme,
                uploadLimit, scrubInterval);
    }

    public Settings withPolicy(app.triplicate.core.CopyPolicy p) {
        return new Settings(writtenBy, p.targetCopies(), p.offsiteCopies(), p.copiesBeforeFormat(), sessionGap,
                folderTemplate, theme, uploadLimit, scrubInterval);
    }

    public Settings withSessionGap(String gap) {
        return new Settings(writtenBy, targetCopies, offsiteCopies, copiesBeforeFormat, gap, folderTemplate, theme,
                uploadLimit, scrubInterval);
    }

    public Settings withFolderTemplate(String template) {
        return new Settings(writtenBy, targetCopies, offsiteCopies, copiesBeforeFormat, sessionGap, template, theme,
                uploadLimit, scrubInterval);
    }

    public Settings withTheme(String newTheme) {
        return new Settings(writtenBy, targetCopies, offsiteCopies, copiesBeforeFormat, sessionGap, folderTemplate,
                newTheme, uploadLimit, scrubInterval);
    }

    /** @param limit "5MB/s", or null or blank for no limit */
    public Settings withUploadLimit(String limit) {
        return new Settings(writtenBy, targetCopies, offsiteCopies, copiesBeforeFormat, sessionGap, folderTemplate,
                theme, limit == null || limit.isBlank() ? null : limit.strip(), scrubInterval);
    }

    public Settings withScrubInterval(String interval) {
        return new Settings(writtenBy, targetCopies, offsiteCopies, copiesBeforeFormat, sessionGap, folderTemplate,
                theme, uploadLimit, interval);
    }

    /** The scrub interval as a duration; the default when the file holds one that does not parse. */
    public java.time.Duration scrubDuration() {
        String own = withDefaults().scrubInterval;
        if (SettingsCheck.scrubInterval(own).isEmpty()) {
            return app.triplicate.core.Durations.parse(own);
        }
        return app.triplicate.core.Durations.parse(defaults().scrubInterval);
    }

    /** The upload limit in bytes a second, 0 for none. */
    public long uploadBytesPerSecond() {
        return uploadLimit == null || uploadLimit.isBlank() ? 0 : app.triplicate.core.Units.parseRate(uploadLimit);
    }
}
