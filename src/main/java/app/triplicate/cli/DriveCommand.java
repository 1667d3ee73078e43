package app.triplicate.cli;

import app.triplicate.core.DriveRole;
import app.triplicate.drives.DriveService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "drive", description = "Register, list and change the drives copies are kept on.",
        subcommands = {DriveCommand.Add.class, DriveCommand.ListDrives.class, DriveCommand.Rename.class, DriveCommand.Readopt.class,
                DriveCommand.SetFlags.class, DriveCommand.Retire.class})
final class DriveCommand {

    @ParentCommand
    RootCommand root;

    @Command(name = "add", description = {"Register PATH as a drive.",
            "Writes the drive's marker (.triplicate/drive.json) there, or adopts the marker already there."})
    static final class Add implements Callable<Integer> {
        @ParentCommand
        DriveCommand parent;

        @Parameters(paramLabel = "PATH", description = "The folder on the drive that holds (or will hold) the library.")
        Path path;

        @Option(names = "--label", required = true, description = "The drive's name, as you call it (\"Backup A\").")
        String label;

        @Option(names = "--role", defaultValue = "backup", description = "working, backup or archive (default: ${DEFAULT-VALUE}).",
                converter = RoleConverter.class)
        DriveRole role;

        @Option(names = "--offsite", description = "The drive is kept in another building.")
        boolean offsite;

        @Option(names = "--same-device", description = "Count this folder as a separate copy although it is on the same disk as another registered drive.")
        boolean sameDevice;

        @Option(names = "--adopt-from-other-catalog", description = "Register the drive even though its marker says "
                + "it belongs to another catalog (whose catalog was lost, or which you mean to leave): it becomes this "
                + "catalog's drive. Without it such a drive is refused, and restoring that catalog is offered.")
        boolean adoptFromOtherCatalog;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            // adopting is how a user says "this new catalog is meant": the check that connected drives belong to
            // this catalog would otherwise stop the very command that makes them belong
            var services = parent.root.services(!adoptFromOtherCatalog);
            DriveService.Registration r = services.drives.add(path, label, role, offsite, sameDevice,
                    adoptFromOtherCatalog);
            if (adoptFromOtherCatalog) {
                // and this computer takes the catalog as its own, or the next command would stop on its memory
                services.acceptCatalog().warning().ifPresent(w -> env.err().println("warning: " + w));
            }
            env.out().printf("Registered drive \"%s\" (%s) at %s, role %s%s%s.%n", r.location().label(), r.location().id(),
                    r.location().registeredPath(), r.location().role().word(), r.location().offsite() ? ", offsite" : "",
                    r.adopted() ? ", adopting the marker already there" : "");
            if (r.location().sameDevice()) {
                env.out().println("Note: this folder shares a disk with another registered drive; you asserted it counts as a separate copy.");
            }
            return Cli.OK;
        }
    }

    static final class RoleConverter implements picocli.CommandLine.ITypeConverter<DriveRole> {
        @Override
        public DriveRole convert(String value) {
            try {
                return DriveRole.parse(value);
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException("role must be working, backup or archive, not " + value);
            }
        }
    }

    record DriveJson(UUID id, String label, String role, boolean offsite, boolean sameDevice, boolean connected,
                     String path, String registeredPath, Long freeBytes, Instant lastSeen, Instant registered,
                     Instant lastVerified, boolean retired, String attention) {
    }

    @Command(name = "rename", description = {"Give a drive a new label.",
            "The label changes in the catalog, and in the drive's marker if it is connected."})
    static final class Rename implements Callable<Integer> {
        @ParentCommand
        DriveCommand parent;

        @Parameters(index = "0", paramLabel = "DRIVE", description = "The drive's label or UUID.")
        String drive;

        @Parameters(index = "1", paramLabel = "NEW_LABEL")
        String label;

        @Override
        public Integer call() {
            var l = parent.root.services().drives.rename(drive, label);
            parent.root.environment.out().printf("Drive %s is now \"%s\".%n", l.id(), l.label());
            return Cli.OK;
        }
    }

    @Command(name = "readopt", description = {"Give a registered drive its marker back.",
            "For a drive whose marker (.triplicate/drive.json) was damaged or deleted: writes a fresh one with the "
                    + "drive's own id at PATH, so its copies count again."})
    static final class Readopt implements Callable<Integer> {
        @ParentCommand
        DriveCommand parent;

        @Parameters(index = "0", paramLabel = "DRIVE", description = "The drive's label or UUID.")
        String drive;

        @Parameters(index = "1", paramLabel = "PATH", description = "The drive's folder (the one holding .triplicate).")
        Path path;

        @Override
        public Integer call() {
            var l = parent.root.services().drives.readopt(drive, path);
            parent.root.environment.out().printf("Drive \"%s\" (%s) has its marker again at %s.%n", l.label(), l.id(),
                    path.toAbsolutePath().normalize());
            return Cli.OK;
        }
    }

    @Command(name = "set", description = {"Mark a drive as kept offsite, or back on site.",
            "--offsite when it is taken to another building, --no-offsite when it comes back."})
    static final class SetFlags implements Callable<Integer> {
        @ParentCommand
        DriveCommand parent;

        @Parameters(paramLabel = "DRIVE", description = "The drive's label or UUID.")
        String drive;

        @Option(names = "--offsite", negatable = true, required = true, description = "Kept offsite (or not, with --no-offsite).")
        boolean offsite;

        @Override
        public Integer call() {
            var l = parent.root.services().drives.setOffsite(drive, offsite);
            parent.root.environment.out().printf("Drive \"%s\" is %s.%n", l.label(), l.offsite() ? "offsite" : "not offsite");
            return Cli.OK;
        }
    }

    @Command(name = "retire", description = {"Take a drive out of service.",
            "Its copies no longer count; nothing on it is touched."})
    static final class Retire implements Callable<Integer> {
        @ParentCommand
        DriveCommand parent;

        @Parameters(paramLabel = "DRIVE", description = "The drive's label or UUID.")
        String drive;

        @Override
        public Integer call() {
            var l = parent.root.services().drives.retire(drive);
            parent.root.environment.out().printf("Drive \"%s\" is retired: its copies no longer count. Nothing on it was changed.%n",
                    l.label());
            return Cli.OK;
        }
    }

    record DriveListJson(int schemaVersion, List<DriveJson> drives) {
    }

    @Command(name = "list", description = {"Show every registered drive, connected or not.",
            "With its path, free space, and when it was last seen and last verified."})
    static final class ListDrives implements Callable<Integer> {
        @ParentCommand
        DriveCommand parent;

        @Option(names = "--json", description = "Print one JSON object on standard output.")
        boolean json;

        @Override
        public Integer call() {
            var env = parent.root.environment;
            DriveService service = parent.root.services().drives;
            List<DriveService.DriveState> states = service.list();
            java.util.Map<UUID, String> damaged = new java.util.HashMap<>();
            for (DriveService.DriveState s : states) {
                if (!s.retired() && !s.connected()) {
                    service.damagedMarker(s.location()).ifPresent(folder ->
                            damaged.put(s.location().id(), DriveService.damagedMarkerAdvice(s.location(), folder)));
                }
            }
            if (json) {
                env.out().println(Json.write(new DriveListJson(Json.SCHEMA_VERSION, states.stream().map(s -> new DriveJson(
                        s.location().id(), s.location().label(), s.location().role().word(), s.location().offsite(),
                        s.location().sameDevice(), s.connected(), s.connectedAt().map(Path::toString).orElse(null),
                        s.location().registeredPath(), s.freeBytes().orElse(null), s.lastSeenAt(),
                        s.location().createdAt(), service.lastVerified(s.location()), s.retired(),
                        damaged.getOrDefault(s.location().id(), service.staleness(s).orElse(null)))).toList())));
                return Cli.OK;
            }
            if (states.isEmpty()) {
                env.out().println("No drives registered. Add one with: triplicate drive add PATH --label NAME");
                return Cli.OK;
            }
            env.out().printf("%-20s %-9s %-13s %-10s %-20s %-20s %s%n", "LABEL", "ROLE", "STATE", "FREE", "LAST SEEN",
                    "LAST VERIFIED", "PATH");
            for (DriveService.DriveState s : states) {
                var l = s.location();
                String flags = (l.offsite() ? " [offsite]" : "") + (l.sameDevice() ? " [same disk as another drive: counted separately by your choice]" : "");
                Instant verified = service.lastVerified(l);
                env.out().printf("%-20s %-9s %-13s %-10s %-20s %-20s %s%s%s%n", l.label(), l.role().word(),
                        s.retired() ? "retired" : s.connected() ? "connected"
                                : damaged.containsKey(l.id()) ? "damaged" : "not connected",
                        s.freeBytes().map(Json::bytes).orElse("-"),
                        s.lastSeenAt() == null ? "never" : s.lastSeenAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                        verified == null ? "never" : verified.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString(),
                        s.connectedAt().map(Path::toString).orElse(l.registeredPath()), flags,
                        service.staleness(s).map(r -> " [needs attention: " + r + "]").orElse(""));
            }
            damaged.values().forEach(advice -> env.out().println("Damaged marker: " + advice + "."));
            return Cli.OK;
        }
    }
}
