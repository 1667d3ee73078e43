-- Earlier versions of edited sidecars, and drives taken out of service.

CREATE TABLE media_file_version (
    media_file_id BIGINT   NOT NULL REFERENCES media_file (id),
    hash          CHAR(32) NOT NULL,   -- the content before an edit
    size          BIGINT   NOT NULL,
    replaced_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (media_file_id, hash)
);

ALTER TABLE location ADD COLUMN retired BOOLEAN DEFAULT FALSE NOT NULL;  -- its copies no longer count
