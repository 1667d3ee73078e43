package app.triplicate.drives;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The drives that went away during one run that reads or writes drives file by file (repair, restore, push): each
 * is found out once, by its marker (and library folder), and named once with how many files it left undone, instead
 * of failing every remaining file with a message that names only the file. Safe to share between workers.
 */
public final class VanishedDrives {
    private static final Logger log = LoggerFactory.getLogger(VanishedDrives.class);

    private final String run;
    private final Map<UUID, String> labels = java.util.Collections.synchronizedMap(new LinkedHashMap<>());
    private final Map<UUID, Integer> undone = new java.util.concurrent.ConcurrentHashMap<>();

    /** @param run what was running, for the message: "repair" */
    public VanishedDrives(String run) {
        this.run = run;
    }

    /** Already found gone in this run. */
    public boolean known(ConnectedDrive d) {
        return labels.containsKey(d.location().id());
    }

    /**
     * Whether the drive is gone, looking now if it was not found gone before. A drive being written to needs only
     * its marker (a new drive has no library yet); one read from needs its library folder too.
     */
    public synchronized boolean gone(ConnectedDrive d, boolean readFrom) {
        if (known(d)) {
            return true;
        }
        if (readFrom ? d.libraryPresent() : d.isPresent()) {
            return false;
        }
        log.warn("drive {} went away during {} (its marker or library folder is no longer at {})", d.label(), run,
                d.root());
        undone.put(d.location().id(), 0);
        labels.put(d.location().id(), d.label());
        return true;
    }

    /** One more file left undone because this (gone) drive was needed. */
    public void undone(ConnectedDrive d) {
        undone.merge(d.location().id(), 1, Integer::sum);
    }

    /** The drives found gone, each with its message ("disconnected during repair: 4 files not repaired; ..."). */
    public Map<String, String> messages(String notDone) {
        Map<String, String> out = new LinkedHashMap<>();
        Map<UUID, String> found;
        synchronized (labels) {
            found = new LinkedHashMap<>(labels);
        }
        found.forEach((id, label) -> {
            int n = undone.get(id);
            out.put(label, "disconnected during " + run + ": " + n + (n == 1 ? " file " : " files ") + notDone
                    + "; connect it and run " + run + " again");
        });
        return out;
    }

    /** An I/O failure in words that name what failed: a missing file says it is missing, not only its path. */
    public static String describe(Exception e) {
        if (e instanceof NoSuchFileException n) {
            return "not found: " + n.getFile();
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }
}
