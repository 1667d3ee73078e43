package app.triplicate.ui.importer;

import app.triplicate.capture.CaptureReading;
import app.triplicate.capture.SessionGrouper;
import app.triplicate.core.DriveRole;
import app.triplicate.ingest.IngestService;
import app.triplicate.ingest.SessionPlanner;
import app.triplicate.ui.common.Formats;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What the import sheet shows and edits, in plain Java: the proposed sessions with the user's names, where
 * sessions start (merge and split move these starts; the planner then plans again from them), the
 * destination drives with the room each one needs, and whether the import may start.
 *
 * <p>A session is known by its start: the first file of its first shot. Names the user typed stay with that
 * start, so a merge or split elsewhere does not move them to another session.
 */
public final class ImportPlanModel {

    /** A connected drive the card can be copied to, with what the import needs there. */
    public record DriveChoice(UUID id, String label, DriveRole role, Path path, Optional<Long> freeBytes,
                              long neededBytes, boolean selected) {
        /** How many bytes are missing, 0 when the drive has room (or its free space is unknown). */
        public long shortBy() {
            return freeBytes.map(free -> Math.max(0, neededBytes - free)).orElse(0L);
        }

        DriveChoice withSelected(boolean s) {
            return new DriveChoice(id, label, role, path, freeBytes, neededBytes, s);
        }
    }

    /** A file whose capture time needs a look, and why. */
    public record FileFlag(String path, String reason) {
    }

    /** A place a session can be split: a new session would start at this shot. */
    public record SplitPoint(String start, String fileName, LocalDateTime time, Duration gapBefore) {
        /** "IMG_0042.JPG · 14:05:10 · 2 h 10 min after the previous picture". */
        public String describe() {
            return fileName + " · " + Formats.captureTime(time) + " · " + gapWords(gapBefore)
                    + " after the previous picture";
        }
    }

    /** One proposed session as the sheet lists it. */
    public record SessionView(int index, String start, String name, String proposedName, boolean edited,
                              Optional<String> joins, LocalDateTime first, LocalDateTime last, List<String> cameras,
                              int files, long newFiles, long knownFiles, long newBytes, long bytes, int shots,
                              List<String> notes, List<FileFlag> flags) {
        /** "12 files: 10 new, 2 already imported · 45.2 MB new". */
        public String filesText() {
            StringBuilder b = new StringBuilder(Formats.count(files, "file"));
            if (knownFiles == 0) {
                b.append(", all new");
            } else if (newFiles == 0) {
                b.append(", all already imported");
            } else {
                b.append(": ").append(newFiles).append(" new, ").append(knownFiles).append(" already imported");
            }
            b.append(" · ").append(Formats.bytes(newBytes)).append(" new");
            return b.toString();
        }

        /** "Sat 14 Nov 2026, 14:02 – 18:40 · Canon EOS R5, iPhone XR". */
        public String whenText() {
            return Formats.dateRange(first, last) + " · "
                    + (cameras.isEmpty() ? "camera unknown" : String.join(", ", cameras));
        }
    }

    private final Path card;
    private SessionPlanner.Plan plan;
    private final List<String> starts = new ArrayList<>();
    private final Map<String, String> names = new HashMap<>();
    private List<DriveChoice> drives = List.of();
    private List<String> notConnected = List.of();

    public ImportPlanModel(Path card, SessionPlanner.Plan plan) {
        this.card = card;
        setPlan(plan);
    }

    public Path card() {
        return card;
    }

    /** "EOS_DIGITAL": the card's folder name. */
    public String cardName() {
        Path name = card.getFileName();
        return name == null ? card.toString() : name.toString();
    }

    public SessionPlanner.Plan plan() {
        return plan;
    }

    /** Takes a new plan (planned again after a merge, split or rename); the starts follow its sessions. */
    public void setPlan(SessionPlanner.Plan plan) {
        this.plan = plan;
        starts.clear();
        plan.sessions().forEach(s -> starts.add(startOf(s)));
        names.keySet().retainAll(starts);
    }

    static String startOf(SessionPlanner.PlannedSession s) {
        return s.proposal().shots().get(0).items().get(0).relativePath();
    }

    /** The session starts the user chose, in time order (what the next plan and the import follow). */
    public List<String> starts() {
        return List.copyOf(starts);
    }

    /** The sessions of the current plan, with the names the user typed. */
    public List<SessionView> sessions() {
        List<SessionView> out = new ArrayList<>();
        List<SessionPlanner.PlannedSession> planned = plan.sessions();
        for (int i = 0; i < planned.size(); i++) {
            SessionPlanner.PlannedSession s = planned.get(i);
            String start = startOf(s);
            String typed = names.get(start);
            boolean edited = typed != null && !typed.isBlank();
            SessionGrouper.Proposal p = s.proposal();
            out.add(new SessionView(i, start, edited ? typed : s.name(), s.name(), edited,
                    s.existing().map(e -> e.name()), p.firstWallClock(), p.lastWallClock(), p.cameras(), s.files().size(), s.newFiles(),
                    s.knownFiles(), s.newBytes(), p.bytes(), p.shots().size(), s.notes(), flags(s)));
        }
        return out;
    }

    /** Files with no capture date of their own, an unreadable header, or a camera clock that was not set. */
    static List<FileFlag> flags(SessionPlanner.PlannedSession s) {
        List<FileFlag> out = new ArrayList<>();
        for (SessionPlanner.PlannedFile f : s.files()) {
            CaptureReading r = f.reading();
            String path = f.file().relativePath();
            if (r.time().fallback()) {
                String why = r.problem() != null ? r.problem() : "no capture date in the file";
                out.add(new FileFlag(path, why + "; placed by its modification time, "
                        + Formats.captureTime(r.time().local())));
            } else if (r.problem() != null) {
                out.add(new FileFlag(path, r.problem()));
            }
            if (r.suspicious()) {
                out.add(new FileFlag(path, "suspicious camera clock: " + Formats.captureTime(r.time().local())
                        + " is before 1980 or in the future"));
            }
        }
        return out;
    }

    // ---- names ----

    /** The user typed a name for session {@code index}; blank goes back to the proposed name. */
    public void rename(int index, String name) {
        rename(starts.get(index), name);
    }

    /**
     * The user typed a name for the session starting at {@code start} (by its start, so a rename typed while a
     * merge is being planned still reaches the right session); blank goes back to the proposed name.
     */
    public void rename(String start, String name) {
        if (name == null || name.isBlank()) {
            names.remove(start);
        } else {
            names.put(start, name.strip());
        }
    }

    /**
     * The names for the planner, one per start: what the user typed, or blank for the proposed name (so a
     * merged or split session gets the planner's name, and the plan shown is the plan the import follows).
     */
    public List<String> names() {
        return starts.stream().map(s -> names.getOrDefault(s, "")).toList();
    }

    // ---- merge and split ----

    public boolean canMerge(int index) {
        return index >= 0 && index < starts.size() - 1;
    }

    /** Makes session {@code index} and the next one a single session. */
    public void mergeWithNext(int index) {
        if (!canMerge(index)) {
            throw new IllegalArgumentException("session " + (index + 1) + " has no next session to merge with");
        }
        names.remove(starts.remove(index + 1));
    }

    /** Where session {@code index} can be split: before each of its shots but the first. */
    public List<SplitPoint> splitPoints(int index) {
        List<SessionGrouper.Shot> shots = plan.sessions().get(index).proposal().shots();
        List<SplitPoint> out = new ArrayList<>();
        for (int i = 1; i < shots.size(); i++) {
            SessionGrouper.Shot shot = shots.get(i);
            String start = shot.items().get(0).relativePath();
            // shown on the camera's clock, the pause measured between instants, as sessions are
            out.add(new SplitPoint(start, start.substring(start.lastIndexOf('/') + 1), shot.wallClock(),
                    Duration.between(shots.get(i - 1).instant(), shot.instant())));
        }
        return out;
    }

    /** The split a photographer most likely wants: at the longest pause in the session. */
    public Optional<SplitPoint> suggestedSplit(int index) {
        SplitPoint best = null;
        for (SplitPoint p : splitPoints(index)) {
            if (best == null || p.gapBefore().compareTo(best.gapBefore()) > 0) {
                best = p;
            }
        }
        return Optional.ofNullable(best);
    }

    /** Splits session {@code index} so that a new session starts at {@code point}. */
    public void split(int index, SplitPoint point) {
        if (splitPoints(index).stream().noneMatch(p -> p.start().equals(point.start()))) {
            throw new IllegalArgumentException(point.fileName() + " is not a place to split session " + (index + 1));
        }
        starts.add(index + 1, point.start());
    }

    // ---- destinations ----

    /** The connected drives (selection kept for drives already listed) and the registered ones not connected. */
    public void setDrives(List<DriveChoice> connected, List<String> missing) {
        Map<UUID, Boolean> was = new LinkedHashMap<>();
        drives.forEach(d -> was.put(d.id(), d.selected()));
        drives = connected.stream().map(d -> d.withSelected(was.getOrDefault(d.id(), d.selected()))).toList();
        notConnected = List.copyOf(missing);
    }

    public List<DriveChoice> drives() {
        return drives;
    }

    public List<String> notConnected() {
        return notConnected;
    }

    public void select(UUID drive, boolean selected) {
        drives = drives.stream().map(d -> d.id().equals(drive) ? d.withSelected(selected) : d).toList();
    }

    public List<DriveChoice> selectedDrives() {
        return drives.stream().filter(DriveChoice::selected).toList();
    }

    /**
     * Why the import cannot start, in words naming the drive; empty when it can. A selected drive that lacks
     * room refuses the start: copying would stop half-way with "disk full".
     */
    public Optional<String> blocker() {
        if (plan.files().isEmpty()) {
            return Optional.of("No pictures or videos found in " + card + ".");
        }
        if (drives.isEmpty()) {
            return Optional.of("No destination drive is connected. Connect a working or backup drive, or add one "
                    + "under Drives.");
        }
        List<DriveChoice> selected = selectedDrives();
        if (selected.isEmpty()) {
            return Optional.of("Choose at least one drive to copy to.");
        }
        List<String> short_ = new ArrayList<>();
        for (DriveChoice d : selected) {
            if (d.shortBy() > 0) {
                short_.add("Not enough room on " + d.label() + ": this import needs " + Formats.bytes(d.neededBytes())
                        + " there, " + Formats.bytes(d.freeBytes().orElse(0L)) + " is free ("
                        + Formats.bytes(d.shortBy()) + " short).");
            }
        }
        return short_.isEmpty() ? Optional.empty() : Optional.of(String.join("\n", short_));
    }

    /** The request for the next plan or the import: the chosen starts and names, to the selected drives. */
    public IngestService.Request request(Duration gap, String folderTemplate) {
        return new IngestService.Request(card, Optional.empty(), names(), gap, folderTemplate,
                selectedDrives().stream().map(DriveChoice::label).toList(), Optional.of(starts()));
    }

    /** Bytes of files not imported before (the session figures' sum). */
    public long newBytes() {
        return plan.sessions().stream().mapToLong(SessionPlanner.PlannedSession::newBytes).sum();
    }

    /** "9 s", "12 min", "2 h 10 min", "3 days". */
    static String gapWords(Duration d) {
        long s = d.toSeconds();
        if (s < 60) {
            return s + " s";
        }
        if (s < 3600) {
            return (s / 60) + " min";
        }
        if (s < 2 * 86400) {
            long min = (s % 3600) / 60;
            return (s / 3600) + " h" + (min > 0 ? " " + min + " min" : "");
        }
        return (s / 86400) + " days";
    }
}
