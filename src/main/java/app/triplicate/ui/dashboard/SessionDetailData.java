package app.triplicate.ui.dashboard;

import app.triplicate.capture.PreviewExtractor;
import app.triplicate.catalog.SessionFilesService.CopyEntry;
import app.triplicate.catalog.SessionFilesService.FileEntry;
import app.triplicate.catalog.SessionFilesService.SessionFiles;
import app.triplicate.core.CopyPolicy;
import app.triplicate.core.CopyState;
import app.triplicate.core.DriveRole;
import app.triplicate.drives.ConnectedDrive;
import app.triplicate.wiring.Services;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The session view's reads, plain Java, run only inside {@code Background} work: the catalog's files and
 * copies (one read), then the connected drives and which working-drive copies are gone (one look per copy
 * on a connected working drive), and previews from a drive holding a verified copy.
 */
final class SessionDetailData {
    private static final Logger log = LoggerFactory.getLogger(SessionDetailData.class);

    private SessionDetailData() {
    }

    /** The catalog's view of the session, with what it already records as missing; empty when it is gone. */
    static Optional<Loaded> load(Services services, String sessionId, CopyPolicy policy) {
        return services.sessionFiles.load(sessionId).map(s -> new Loaded(s, rows(s, policy, Map.of())));
    }

    record Loaded(SessionFiles session, List<SessionDetailRow> rows) {
    }

    /** The drives connected now (library roots by location id), and the rows with gone working copies marked. */
    record Checked(Map<UUID, Path> libraries, List<SessionDetailRow> rows) {
    }

    static Checked check(Services services, SessionFiles session, CopyPolicy policy) {
        Map<UUID, Path> libraries = new HashMap<>();
        for (ConnectedDrive d : services.drives.connected()) {
            libraries.put(d.location().id(), d.libraryRoot());
        }
        Map<Long, Set<UUID>> gone = new HashMap<>();
        for (FileEntry f : session.files()) {
            if (f.culled()) {
                continue;
            }
            for (CopyEntry c : session.copiesOf(f.id())) {
                Path library = libraries.get(c.locationId());
                // notExists, not !exists: a file that cannot be looked at is not evidence of a deletion
                if (c.role() == DriveRole.WORKING && c.state() != CopyState.MISSING && library != null
                        && Files.isDirectory(library)
                        && Files.notExists(library.resolve(c.path()), LinkOption.NOFOLLOW_LINKS)) {
                    gone.computeIfAbsent(f.id(), k -> new HashSet<>()).add(c.locationId());
                }
            }
        }
        return new Checked(Map.copyOf(libraries), rows(session, policy, gone));
    }

    private static List<SessionDetailRow> rows(SessionFiles s, CopyPolicy policy, Map<Long, Set<UUID>> foundGone) {
        List<SessionDetailRow> out = new ArrayList<>(s.files().size());
        for (FileEntry f : s.files()) {
            List<CopyEntry> copies = s.copiesOf(f.id());
            Set<UUID> gone = new HashSet<>(foundGone.getOrDefault(f.id(), Set.of()));
            copies.stream().filter(c -> c.state() == CopyState.MISSING).forEach(c -> gone.add(c.locationId()));
            out.add(new SessionDetailRow(f, copies, policy, Set.copyOf(gone)));
        }
        return out;
    }

    /**
     * A file's preview, or why there is none.
     *
     * @param preview the JPEG, or null
     * @param reason  why there is no preview, in words, when there is none
     */
    record PreviewLookup(PreviewExtractor.Preview preview, String reason) {
        /** Worth remembering: the file itself has no preview (not a drive that may be connected later). */
        boolean settled() {
            return preview != null || reason.equals(NO_PREVIEW);
        }
    }

    static final String NO_PREVIEW = "No preview in this file";

    /**
     * The file's embedded JPEG preview, read from a connected drive holding a verified copy (a working drive
     * first: usually the fastest disk).
     */
    static PreviewLookup preview(SessionDetailRow row, Map<UUID, Path> libraries, PreviewExtractor extractor) {
        List<CopyEntry> sources = row.copies().stream()
                .filter(c -> c.state() == CopyState.VERIFIED && libraries.containsKey(c.locationId())
                        && !row.goneFrom().contains(c.locationId()))
                .sorted(Comparator.comparing(c -> c.role() == DriveRole.WORKING ? 0 : 1))
                .toList();
        String failure = null;
        for (CopyEntry c : sources) {
            Path file = libraries.get(c.locationId()).resolve(c.path());
            if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try {
                return extractor.extract(file).map(p -> new PreviewLookup(p, null))
                        .orElseGet(() -> new PreviewLookup(null, NO_PREVIEW));
            } catch (IOException | RuntimeException e) {
                log.warn("{} on {}: cannot read its preview: {}", c.path(), c.locationLabel(), e.toString());
                failure = "Cannot read it on " + c.locationLabel() + ": " + e.getMessage();
            }
        }
        return new PreviewLookup(null, failure != null ? failure : "No connected drive holds a verified copy");
    }
}
