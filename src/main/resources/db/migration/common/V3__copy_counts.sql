-- Per-file copy counts kept up to date as copies change, and per-session histograms of them, so that
-- status reads a few rows per session instead of every copy of a million files.

ALTER TABLE media_file ADD COLUMN copy_count INT DEFAULT 0 NOT NULL;     -- distinct disks with a verified copy
ALTER TABLE media_file ADD COLUMN offsite_count INT DEFAULT 0 NOT NULL;  -- of those, offsite
ALTER TABLE media_file ADD COLUMN culled BOOLEAN DEFAULT FALSE NOT NULL;

UPDATE media_file m SET
    copy_count = (SELECT COUNT(DISTINCT c.location_id) FROM copy c WHERE c.media_file_id = m.id AND c.state = 'VERIFIED'),
    offsite_count = (SELECT COUNT(DISTINCT c.location_id) FROM copy c JOIN location l ON l.id = c.location_id
                     WHERE c.media_file_id = m.id AND c.state = 'VERIFIED' AND l.offsite);

CREATE TABLE session_copies (
    session_id    BIGINT NOT NULL REFERENCES session (id),
    copy_count    INT    NOT NULL,
    offsite_count INT    NOT NULL,
    files         BIGINT NOT NULL,
    bytes         BIGINT NOT NULL,
    PRIMARY KEY (session_id, copy_count, offsite_count)
);

INSERT INTO session_copies (session_id, copy_count, offsite_count, files, bytes)
SELECT session_id, copy_count, offsite_count, COUNT(*), SUM(size) FROM media_file WHERE NOT culled
GROUP BY session_id, copy_count, offsite_count;

CREATE INDEX copy_verified_at ON copy (verified_at);
