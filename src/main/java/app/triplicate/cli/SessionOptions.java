package app.triplicate.cli;

import app.triplicate.core.Durations;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.UsageException;
import app.triplicate.ingest.IngestService;
import app.triplicate.settings.Settings;
import app.triplicate.settings.SettingsCheck;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The session options {@code scan} and {@code ingest} share. */
final class SessionOptions {

    @Option(names = "--gap", paramLabel = "D", description = "Start a new session where consecutive pictures are more than D apart (90m, 3h, 1h30m; at least 1m; default from settings, 3h).")
    String gap;

    @Option(names = "--name", paramLabel = "NAME", description = "Name the proposed sessions in order; repeat for several.")
    List<String> names = new ArrayList<>();

    @Option(names = "--session", paramLabel = "NAME", description = "Put every file of the card into one session of this name, whatever the gaps.")
    String session;

    IngestService.Request request(Path card, List<String> to, Settings settings) {
        if (session != null && !names.isEmpty()) {
            throw new UsageException("--session puts the whole card in one session; it cannot be combined with --name.");
        }
        String gapText = gap != null ? gap : settings.sessionGap();
        SettingsCheck.sessionGap(gapText).ifPresent(problem -> {
            throw new UsageException((gap != null ? "--gap " + gap : "the session gap in the settings") + ": " + problem);
        });
        Duration d = Durations.parse(gapText);
        String template;
        try {
            template = LibraryLayout.checkTemplate(settings.folderTemplate());
        } catch (IllegalArgumentException e) {
            throw new UsageException("the folder template in the settings: " + e.getMessage());
        }
        return new IngestService.Request(card, Optional.ofNullable(session), List.copyOf(names), d, template, to);
    }
}
