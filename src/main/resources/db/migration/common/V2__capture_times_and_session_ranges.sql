-- Capture times from the files' own metadata, the camera, and each session's range on the local timeline.

ALTER TABLE media_file ADD COLUMN capture_timeline TIMESTAMP;            -- capture time on the importing computer's local timeline
ALTER TABLE media_file ADD COLUMN capture_fallback BOOLEAN DEFAULT FALSE NOT NULL;   -- no date in the file: modification time
ALTER TABLE media_file ADD COLUMN capture_suspicious BOOLEAN DEFAULT FALSE NOT NULL; -- before 1980 or after tomorrow
ALTER TABLE media_file ADD COLUMN camera_make VARCHAR(200);
ALTER TABLE media_file ADD COLUMN camera_model VARCHAR(200);
ALTER TABLE media_file ADD COLUMN camera_serial VARCHAR(200);

UPDATE media_file SET capture_timeline = capture_local,
                      capture_fallback = (capture_source = 'file modification time');

ALTER TABLE session ADD COLUMN first_capture TIMESTAMP;
ALTER TABLE session ADD COLUMN last_capture TIMESTAMP;

UPDATE session s SET first_capture = (SELECT MIN(m.capture_timeline) FROM media_file m WHERE m.session_id = s.id),
                     last_capture  = (SELECT MAX(m.capture_timeline) FROM media_file m WHERE m.session_id = s.id);

CREATE INDEX session_range ON session (first_capture, last_capture);
