-- The remote (SFTP server or S3-compatible bucket) is a location of kind REMOTE, always offsite. Its copies
-- carry a second identity next to the XXH128: the SHA-256 sent with the upload, and the checksum the
-- provider reports for the object (composite "...-N" for a multipart upload), so verify can ask the
-- provider instead of downloading.

ALTER TABLE copy ADD COLUMN sha256 VARCHAR(64);              -- base64 SHA-256 of the whole file (remote copies)
ALTER TABLE copy ADD COLUMN provider_checksum VARCHAR(200);  -- as the provider reports it, if it does

-- Which remote a REMOTE location is (its address without secrets); one remote is current at a time, earlier
-- ones are retired when the remote is set to another place.
ALTER TABLE location ADD COLUMN remote_target VARCHAR(1000);
