-- SPEC.md, media file: a file's identity is its hash AND its original name (NFC, case ignored), and for a sidecar
-- the picture it belongs to. The same bytes under another name are another file, with copies of their own, so the
-- hash alone is no longer unique; it stays indexed for the look-ups by content.
ALTER TABLE media_file DROP CONSTRAINT media_file_hash_unique;
CREATE INDEX media_file_hash ON media_file (hash);
