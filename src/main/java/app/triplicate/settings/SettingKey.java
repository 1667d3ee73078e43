package app.triplicate.settings;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The settings a user may read and change by name ({@code settings show}, {@code settings set KEY VALUE}), named as
 * in {@code settings.json}. Every change is checked by {@link SettingsCheck}, the rules the window applies.
 */
public enum SettingKey {
    TARGET_COPIES("targetCopies", s -> String.valueOf(s.targetCopies()),
            (s, v) -> count(v, n -> SettingsCheck.policy(n, s.offsiteCopies(), s.copiesBeforeFormat())),
            (s, v) -> s.withPolicy(new app.triplicate.core.CopyPolicy(Integer.parseInt(v), s.offsiteCopies(),
                    s.copiesBeforeFormat()))),
    OFFSITE_COPIES("offsiteCopies", s -> String.valueOf(s.offsiteCopies()),
            (s, v) -> count(v, n -> SettingsCheck.policy(s.targetCopies(), n, s.copiesBeforeFormat())),
            (s, v) -> s.withPolicy(new app.triplicate.core.CopyPolicy(s.targetCopies(), Integer.parseInt(v),
                    s.copiesBeforeFormat()))),
    COPIES_BEFORE_FORMAT("copiesBeforeFormat", s -> String.valueOf(s.copiesBeforeFormat()),
            (s, v) -> count(v, n -> SettingsCheck.policy(s.targetCopies(), s.offsiteCopies(), n)),
            (s, v) -> s.withPolicy(new app.triplicate.core.CopyPolicy(s.targetCopies(), s.offsiteCopies(),
                    Integer.parseInt(v)))),
    SESSION_GAP("sessionGap", Settings::sessionGap, (s, v) -> SettingsCheck.sessionGap(v), Settings::withSessionGap),
    FOLDER_TEMPLATE("folderTemplate", Settings::folderTemplate, (s, v) -> SettingsCheck.folderTemplate(v),
            Settings::withFolderTemplate),
    SCRUB_INTERVAL("scrubInterval", Settings::scrubInterval, (s, v) -> SettingsCheck.scrubInterval(v),
            Settings::withScrubInterval),
    /** "none" (or empty) for no limit, the word {@code settings show} prints. */
    UPLOAD_LIMIT("uploadLimit", s -> s.uploadLimit() == null ? SettingKey.NO_LIMIT : s.uploadLimit(),
            (s, v) -> SettingsCheck.uploadLimit(SettingKey.NO_LIMIT.equalsIgnoreCase(v.strip()) ? "" : v),
            (s, v) -> s.withUploadLimit(SettingKey.NO_LIMIT.equalsIgnoreCase(v.strip()) ? null : v));

    public static final String NO_LIMIT = "none";

    private final String key;
    private final Function<Settings, String> read;
    private final BiFunction<Settings, String, Optional<String>> check;
    private final BiFunction<Settings, String, Settings> write;

    SettingKey(String key, Function<Settings, String> read, BiFunction<Settings, String, Optional<String>> check,
               BiFunction<Settings, String, Settings> write) {
        this.key = key;
        this.read = read;
        this.check = check;
        this.write = write;
    }

    /** The name in settings.json and on the command line. */
    public String key() {
        return key;
    }

    /** By its name, case and dashes ignored: "sessionGap", "session-gap". */
    public static Optional<SettingKey> find(String typed) {
        String t = typed == null ? "" : typed.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(k -> k.key.toLowerCase(Locale.ROOT).equals(t)).findFirst();
    }

    /** The value as {@code settings show} prints it. */
    public String value(Settings settings) {
        return read.apply(settings.withDefaults());
    }

    /** What is wrong with setting this value, given the other settings, if anything. */
    public Optional<String> problem(Settings settings, String value) {
        return check.apply(settings.withDefaults(), value == null ? "" : value);
    }

    /** The settings with this value; call only when {@link #problem} found nothing. */
    public Settings set(Settings settings, String value) {
        problem(settings, value).ifPresent(p -> {
            throw new IllegalArgumentException(key + " " + value + ": " + p);
        });
        // as the window stores them: durations in lower case, every value without surrounding spaces
        String v = this == SESSION_GAP || this == SCRUB_INTERVAL ? value.strip().toLowerCase(Locale.ROOT)
                : value.strip();
        return write.apply(settings.withDefaults(), v);
    }

    /** A number of copies, then the policy's rules on it. */
    private static Optional<String> count(String text, java.util.function.IntFunction<Optional<String>> policy) {
        int n;
        try {
            n = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            return Optional.of("\"" + text.strip() + "\" is not a whole number of copies, like 3.");
        }
        return policy.apply(n);
    }
}
