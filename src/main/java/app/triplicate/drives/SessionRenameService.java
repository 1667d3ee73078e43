package app.triplicate.drives;

import app.triplicate.catalog.SessionFolderRepository;
import app.triplicate.catalog.SessionRepository;
import app.triplicate.core.LibraryLayout;
import app.triplicate.core.Session;
import app.triplicate.core.UsageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Renames a session (SPEC.md, *library path*): its name and its folder's own name in the catalog at once, then
 * the folder on every connected drive. A drive not connected, or one where the folder could not be renamed,
 * keeps the old name in the catalog and catches up when it is next found connected; the remote keeps its paths.
 * The window and the command line both call this.
 */
public final class SessionRenameService {
    private static final Logger log = LoggerFactory.getLogger(SessionRenameService.class);

    private final DriveService drives;
    private final SessionRepository sessions;
    private final SessionFolderRepository folders;
    private final SessionFolderCatchUp catchUp;

    public SessionRenameService(DriveService drives, SessionRepository sessions, SessionFolderRepository folders,
                                SessionFolderCatchUp catchUp) {
        this.drives = drives;
        this.sessions = sessions;
        this.folders = folders;
        this.catchUp = catchUp;
    }

    /** A drive whose session folder still has an earlier name, and why (null: not connected since). */
    public record Behind(String drive, String folder, String problem) {
    }

    /**
     * @param drives  the connected drives' folders, renamed or not (with the reason)
     * @param behind  every drive still holding the folder under an earlier name (not connected, or failed)
     */
    public record Result(Session session, String oldName, String oldFolder,
                         List<SessionFolderCatchUp.Outcome> drives, List<Behind> behind) {
        public boolean ok() {
            return drives.stream().allMatch(SessionFolderCatchUp.Outcome::ok);
        }
    }

    /**
     * Renames the session given by its stable id or unique name. Refuses (usage error) a blank or unusable
     * name, an unknown or ambiguous session, and a new folder name that another session or a connected
     * drive already uses, before anything changes.
     */
    public Result rename(String idOrName, String newName) {
        String name;
        try {
            name = LibraryLayout.checkSessionName(newName);
        } catch (IllegalArgumentException e) {
            throw new UsageException("Cannot rename the session: " + e.getMessage() + ".");
        }
        Session s = find(idOrName);
        String folder = LibraryLayout.renamedFolder(s.folder(), s.name(), name).orElse(s.folder());
        // finding the connected drives also brings them up to date with earlier renames
        List<DriveService.DriveState> states = drives.list();
        List<ConnectedDrive> connected = states.stream().filter(DriveService.DriveState::connected)
                .map(d -> new ConnectedDrive(d.location(), d.connectedAt().orElseThrow())).toList();
        if (!folder.equals(s.folder())) {
            Map<UUID, String> folderOn = new HashMap<>();
            folders.behindOf(s.id()).forEach(b -> folderOn.put(b.locationId(), b.folder()));
            for (ConnectedDrive d : connected) {
                boolean ours = folder.equals(folderOn.get(d.location().id())); // renamed back to where it still is
                if (!ours && Files.exists(d.libraryRoot().resolve(folder), LinkOption.NOFOLLOW_LINKS)) {
                    throw new UsageException("Drive \"" + d.label() + "\" already has a folder \"" + folder
                            + "\"; choose another name (nothing was renamed).");
                }
            }
        }
        Session renamed = folders.rename(s.id(), name, folder);
        log.info("session {} renamed from \"{}\" to \"{}\" (folder {} -> {})", s.stableId(), s.name(), name,
                s.folder(), folder);
        List<SessionFolderCatchUp.Outcome> outcomes = new ArrayList<>();
        for (ConnectedDrive d : connected) {
            catchUp.catchUp(d).stream().filter(o -> o.sessionId() == s.id()).forEach(outcomes::add);
        }
        return new Result(renamed, s.name(), s.folder(), outcomes, behind(s.id(), states));
    }

    /**
     * For every session (by stable id) whose folder still has an earlier name on some drive: those drives.
     * Connected drives are brought up to date first.
     */
    public Map<String, List<Behind>> behind() {
        Map<UUID, String> labels = labels(drives.list());
        Map<String, List<Behind>> out = new HashMap<>();
        folders.behindAll().forEach(b -> out.computeIfAbsent(b.sessionStableId(), k -> new ArrayList<>())
                .add(behind(b, labels)));
        return out;
    }

    private List<Behind> behind(long sessionId, List<DriveService.DriveState> states) {
        Map<UUID, String> labels = labels(states);
        return folders.behindOf(sessionId).stream().map(b -> behind(b, labels)).toList();
    }

    private static Behind behind(SessionFolderRepository.Behind b, Map<UUID, String> labels) {
        return new Behind(labels.getOrDefault(b.locationId(), b.locationId().toString()), b.folder(), b.problem());
    }

    private static Map<UUID, String> labels(List<DriveService.DriveState> states) {
        Map<UUID, String> labels = new HashMap<>();
        states.forEach(d -> labels.put(d.location().id(), d.location().label()));
        return labels;
    }

    private Session find(String idOrName) {
        if (idOrName == null || idOrName.isBlank()) {
            throw new UsageException("Name the session by the id status prints, or by its name.");
        }
        return sessions.findByIdOrName(idOrName).orElseThrow(() -> {
            long named = sessions.all().stream().filter(x -> x.name().equals(idOrName)).count();
            return new UsageException(named > 1
                    ? named + " sessions are named \"" + idOrName + "\"; use the id (see \"session list\")."
                    : "No session \"" + idOrName + "\" (use the id \"session list\" prints, or a unique name).");
        });
    }
}
