package app.triplicate.cli;

import app.triplicate.catalog.StatusService;
import app.triplicate.core.Durations;
import app.triplicate.core.Words;
import app.triplicate.settings.Settings;
import app.triplicate.settings.SettingsCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

@Command(name = "status", description = {"Show how many verified copies every session has.",
        "For every session: dates, files, bytes, copy count against the policy, verified copies per drive, and how "
                + "long ago its copies were last verified (DUE when longer than the scrub interval in the settings).",
        "Exit 0, or with --needs-attention 1 when any session is below the copy policy."})
final class StatusCommand implements Callable<Integer> {

    @ParentCommand
    RootCommand root;

    @Option(names = "--json", description = "Print one JSON object on standard output.")
    boolean json;

    @Option(names = "--needs-attention", description = "List only the sessions below the copy policy; exit 1 when "
            + "there are any.")
    boolean needsAttention;

    record CopiesJson(String location, String locationId, long verifiedFiles, long verifiedBytes) {
    }

    /**
     * @param firstCapture   the first capture on the importing computer's local timeline
     * @param firstWallClock the first capture on the camera's own clock, as the session is named and shown
     */
    record SessionJson(String id, String name, String folder, LocalDateTime firstCapture, LocalDateTime lastCapture,
                       List<String> cameras, long files, long bytes, long fallbackFiles, int copyCount,
                       int targetCopies, String offsite, int offsiteCopies, boolean meetsPolicy, List<String> reasons,
                       java.time.Instant oldestVerified, List<CopiesJson> copies, long culledFiles, boolean due,
                       LocalDateTime firstWallClock, LocalDateTime lastWallClock) {
    }

    record PolicyJson(int targetCopies, int offsiteCopies, int copiesBeforeFormat) {
    }

    record DriveAttentionJson(String drive, String reason) {
    }

    record StatusJson(int schemaVersion, PolicyJson policy, List<SessionJson> sessions, List<DriveAttentionJson> drives,
                      String scrubInterval) {
    }

    /** With --needs-attention, 1 when a session is below the policy, so a scheduled job notices; due is not a reason. */
    private int exitCode(List<StatusService.SessionStatus> shown) {
        return needsAttention && !shown.isEmpty() ? Cli.PROBLEMS : Cli.OK;
    }

    @Override
    public Integer call() {
        var env = root.environment;
        var services = root.services();
        var settings = services.settings.load();
        var policy = settings.policy();
        SettingsCheck.scrubInterval(settings.scrubInterval()).ifPresent(p -> env.err().println("warning: " + p
                + " Using the default, " + Settings.defaults().scrubInterval() + "."));
        Duration scrub = settings.scrubDuration();
        Instant now = Instant.now();
        List<StatusService.SessionStatus> sessions = services.status.sessions(policy).stream()
                .filter(s -> !needsAttention || !s.standing().meetsPolicy()).toList();
        List<DriveAttentionJson> staleDrives = services.drives.list().stream()
                .flatMap(d -> services.drives.staleness(d).map(r -> new DriveAttentionJson(d.location().label(), r)).stream())
                .toList();
        if (json) {
            StatusJsonWriter.print(env.out(), new StatusJson(Json.SCHEMA_VERSION,
                    new PolicyJson(policy.targetCopies(), policy.offsiteCopies(), policy.copiesBeforeFormat()),
                    sessions.stream().map(s -> new SessionJson(
                    s.id(), s.name(), s.folder(), s.firstCapture(), s.lastCapture(), s.cameras(), s.files(), s.bytes(),
                    s.fallbackFiles(), s.copyCount(), s.targetCopies(), s.offsiteState(), s.standing().offsiteCount(),
                    s.standing().meetsPolicy(), s.standing().reasons(), s.oldestVerified(),
                    s.locations().stream().map(l -> new CopiesJson(l.label(), l.locationId().toString(),
                            l.verifiedFiles(), l.verifiedBytes())).toList(), s.culledFiles(), s.due(scrub, now),
                            s.firstWallClock(), s.lastWallClock())).toList(),
                    staleDrives, Durations.format(scrub)));
            return exitCode(sessions);
        }
        for (DriveAttentionJson d : staleDrives) {
            env.out().printf("Drive \"%s\" needs attention: %s.%n", d.drive(), d.reason());
        }
        if (sessions.isEmpty()) {
            env.out().println(needsAttention ? "Every session meets the copy policy ("
                    + Words.count(policy.targetCopies(), "copy", "copies") + ", " + policy.offsiteCopies() + " offsite)."
                    : "No sessions yet. Import a card with: triplicate ingest CARD");
            return Cli.OK;
        }
        env.out().printf("%-9s %-30s %-31s %7s %10s %6s  %-13s  %s%n", "ID", "SESSION", "DATES", "FILES", "SIZE",
                "COPIES", "LAST VERIFIED", "VERIFIED ON");
        for (StatusService.SessionStatus s : sessions) {
            String dates = wallClockRange(s.firstWallClock(), s.lastWallClock());
            StringBuilder per = new StringBuilder();
            for (StatusService.LocationCopies l : s.locations()) {
                per.append(per.isEmpty() ? "" : ", ").append(l.label()).append(' ').append(l.verifiedFiles())
                        .append('/').append(s.files());
            }
            String verified = Words.ago(s.oldestVerified(), now);
            env.out().printf("%-9s %-30s %-31s %7d %10s %6s  %-13s  %s%n", s.id(), s.name(), dates, s.files(),
                    Json.bytes(s.bytes()), s.copyCount() + "/" + s.targetCopies(), verified, per.isEmpty() ? "-" : per);
            if (!s.standing().meetsPolicy()) {
                env.out().printf("%-9s NEEDS ATTENTION: %s%n", "", String.join("; ", s.standing().reasons()));
            }
            if (s.due(scrub, now)) {
                env.out().printf("%-9s DUE: oldest copy verified %s, longer than the scrub interval (%s); "
                        + "run: triplicate verify --session %s%n", "", verified, Durations.format(scrub), s.id());
            }
            if (s.culledFiles() > 0) {
                env.out().printf("%-9s %s, not counted against the policy%n", "", Words.count(s.culledFiles(),
                        "culled file"));
            }
            if (!s.cameras().isEmpty() || s.fallbackFiles() > 0) {
                env.out().printf("%-9s %s%s%n", "", String.join(", ", s.cameras()), s.fallbackFiles() == 0 ? ""
                        : (s.cameras().isEmpty() ? "" : "; ") + Words.count(s.fallbackFiles(), "file")
                        + " without a capture date");
            }
        }
        return exitCode(sessions);
    }

    private static final DateTimeFormatter DAY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter MONTH_DAY_TIME = DateTimeFormatter.ofPattern("MM-dd HH:mm", Locale.ROOT);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT);

    /**
     * A session's dates on the camera's clock, as short as stays unambiguous: "2020-04-17 10:03-11:40",
     * "2020-04-17 22:10 .. 04-18 01:30", "2020-12-31 22:00 .. 2021-01-01 01:00".
     */
    static String wallClockRange(LocalDateTime first, LocalDateTime last) {
        if (first == null) {
            return "-";
        }
        String start = DAY_TIME.format(first);
        if (last == null || TIME.format(last).equals(TIME.format(first)) && last.toLocalDate().equals(first.toLocalDate())) {
            return start;
        }
        if (last.toLocalDate().equals(first.toLocalDate())) {
            return start + "-" + TIME.format(last);
        }
        return start + " .. " + (last.getYear() == first.getYear() ? MONTH_DAY_TIME : DAY_TIME).format(last);
    }
}
