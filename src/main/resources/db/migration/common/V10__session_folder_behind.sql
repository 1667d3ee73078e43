-- A session rename changes the session folder's own name; a drive that was not connected then (or where the new
-- name was taken) still holds the folder under its old name. One row per such drive and session says which name
-- the folder has there, until the drive catches up; its copies keep their old paths in the meantime, so they are
-- still found and never counted missing. The remote keeps its first paths and has no rows here.

CREATE TABLE session_folder_behind (
    session_id  BIGINT        NOT NULL REFERENCES session (id),
    location_id UUID          NOT NULL REFERENCES location (id),
    folder      VARCHAR(1000) NOT NULL,   -- the folder's name on that drive, relative to the library root
    problem     VARCHAR(1000),            -- why the last catch-up failed, or null when not yet tried
    PRIMARY KEY (session_id, location_id)
);
CREATE INDEX session_folder_behind_location ON session_folder_behind (location_id);
