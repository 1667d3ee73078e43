-- PostgreSQL's variant of h2/V5__session_figures.sql: the same tables and figures; PostgreSQL writes the tab
-- character chr(9) where H2 writes CHAR(9).

-- Per-session figures kept up to date as files and copies change, so that status on a library of a
-- million files reads a few rows per session instead of every copy.

ALTER TABLE copy ADD COLUMN session_id BIGINT;                        -- the file's session, for per-session look-ups
ALTER TABLE copy ADD COLUMN counted BOOLEAN DEFAULT FALSE NOT NULL;   -- included in session_location
UPDATE copy c SET session_id = (SELECT m.session_id FROM media_file m WHERE m.id = c.media_file_id);
UPDATE copy c SET counted = (c.state = 'VERIFIED'
                             AND NOT EXISTS (SELECT 1 FROM location l WHERE l.id = c.location_id AND l.retired));
CREATE INDEX copy_session_verified ON copy (session_id, verified_at);

CREATE TABLE session_location (
    session_id  BIGINT NOT NULL REFERENCES session (id),
    location_id UUID   NOT NULL REFERENCES location (id),
    files       BIGINT NOT NULL,
    bytes       BIGINT NOT NULL,
    PRIMARY KEY (session_id, location_id)
);
INSERT INTO session_location (session_id, location_id, files, bytes)
SELECT c.session_id, c.location_id, COUNT(*), SUM(m.size) FROM copy c JOIN media_file m ON m.id = c.media_file_id
WHERE c.counted GROUP BY c.session_id, c.location_id;

CREATE TABLE session_camera (
    session_id BIGINT       NOT NULL REFERENCES session (id),
    camera_key VARCHAR(401) NOT NULL,   -- make TAB model
    first_use  TIMESTAMP,
    PRIMARY KEY (session_id, camera_key)
);
INSERT INTO session_camera (session_id, camera_key, first_use)
SELECT session_id, COALESCE(camera_make, '') || chr(9) || COALESCE(camera_model, ''), MIN(capture_timeline)
FROM media_file WHERE camera_make IS NOT NULL OR camera_model IS NOT NULL
GROUP BY session_id, COALESCE(camera_make, '') || chr(9) || COALESCE(camera_model, '');

ALTER TABLE session ADD COLUMN files BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE session ADD COLUMN bytes BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE session ADD COLUMN fallback_files BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE session ADD COLUMN culled_files BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE session ADD COLUMN oldest_verified TIMESTAMP WITH TIME ZONE;
UPDATE session s SET
    files = (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id),
    bytes = (SELECT COALESCE(SUM(m.size), 0) FROM media_file m WHERE m.session_id = s.id),
    fallback_files = (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id AND m.capture_fallback),
    culled_files = (SELECT COUNT(*) FROM media_file m WHERE m.session_id = s.id AND m.culled),
    oldest_verified = (SELECT MIN(c.verified_at) FROM copy c WHERE c.session_id = s.id AND c.state = 'VERIFIED');
