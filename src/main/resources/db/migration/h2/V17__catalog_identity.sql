-- Which catalog this is, and how far its work has gone (issue 14: a lost catalog is never silent). Every drive's
-- marker records the id of the catalog it belongs to and the newest generation it has seen, so that a catalog
-- opened empty, or one older than a connected drive says, is noticed instead of silently showing less. The id is
-- made once, here (a catalog upgraded from an earlier version gets one too); the generation goes up by one after
-- each ingest, verify, repair, cull and catalog check --fix, before the drives' markers and backups are written.

CREATE TABLE catalog_identity (
    id         UUID   NOT NULL PRIMARY KEY,
    generation BIGINT NOT NULL
);
INSERT INTO catalog_identity (id, generation) VALUES (RANDOM_UUID(), 0);
