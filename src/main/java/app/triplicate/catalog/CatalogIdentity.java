package app.triplicate.catalog;

import java.util.UUID;

/**
 * Which catalog this is and how far its work has gone: the generation goes up by one after each ingest, verify,
 * repair, cull and figure fix. Drive markers and catalog backups carry both, so a catalog that is new, older than
 * a drive has seen, or another library's, can be told apart from the right one.
 */
public record CatalogIdentity(UUID id, long generation) {
}
