package app.triplicate.cli;

import app.triplicate.core.UsageException;
import app.triplicate.settings.SettingKey;
import app.triplicate.settings.Settings;
import app.triplicate.settings.SettingsStore;
import app.triplicate.wiring.Version;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * The settings the window's Settings page holds, from the command line. The catalog is not opened, so these work
 * while the window is open.
 */
@Command(name = "settings", description = "Show or change the copy policy, the session gap and other settings.",
        subcommands = {SettingsCommand.Show.class, SettingsCommand.Set.class})
final class SettingsCommand {

    @ParentCommand
    RootCommand root;

    SettingsStore store() {
        return new SettingsStore(root.home().settingsFile(), Version.current());
    }

    static String keys() {
        return Arrays.stream(SettingKey.values()).map(SettingKey::key).collect(Collectors.joining(", "));
    }

    @Command(name = "show", description = {"Show every setting and its value.",
            "The keys are those of the settings file, which the first line names."})
    static final class Show implements Callable<Integer> {
        @ParentCommand
        SettingsCommand parent;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            Settings settings = parent.store().load();
            String file = parent.root.home().settingsFile().toString();
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("schemaVersion", Json.SCHEMA_VERSION);
                Settings s = settings.withDefaults();
                out.put("targetCopies", s.targetCopies());
                out.put("offsiteCopies", s.offsiteCopies());
                out.put("copiesBeforeFormat", s.copiesBeforeFormat());
                out.put("sessionGap", s.sessionGap());
                out.put("folderTemplate", s.folderTemplate());
                out.put("scrubInterval", s.scrubInterval());
                out.put("uploadLimit", s.uploadLimit());
                out.put("file", file);
                env.out().println(Json.write(out));
                return Cli.OK;
            }
            env.out().println("Settings file: " + file);
            for (SettingKey key : SettingKey.values()) {
                env.out().printf("%-19s %s%n", key.key(), key.value(settings));
            }
            return Cli.OK;
        }
    }

    @Command(name = "set", description = {"Change one setting.",
            "KEY is one of the names settings show prints (uploadLimit takes none for no limit). The value is "
                    + "checked as the window checks it; a wrong one is refused with the reason (exit 2) and nothing "
                    + "is written."})
    static final class Set implements Callable<Integer> {
        @ParentCommand
        SettingsCommand parent;

        @Parameters(index = "0", paramLabel = "KEY", description = "The setting, as settings show names it.")
        String key;

        @Parameters(index = "1", paramLabel = "VALUE", description = "Its new value (quote one with spaces).")
        String value;

        @Override
        public Integer call() {
            SettingKey k = SettingKey.find(key).orElseThrow(() -> new UsageException("\"" + key
                    + "\" is not a setting; the settings are: " + keys() + "."));
            SettingsStore store = parent.store();
            Settings current = store.load();
            k.problem(current, value).ifPresent(p -> {
                throw new UsageException(k.key() + " " + value + ": " + p);
            });
            Settings changed = k.set(current, value);
            store.save(changed);
            parent.root.environment.out().printf("%s is now %s.%n", k.key(), k.value(changed));
            return Cli.OK;
        }
    }
}
