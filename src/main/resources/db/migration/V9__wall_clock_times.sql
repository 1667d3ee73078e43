-- The camera's own wall-clock time beside the computer's timeline (SPEC.md, capture time): sessions are grouped by
-- instants but named, dated and shown by the camera's clock. Names and folders already chosen are not touched.

ALTER TABLE media_file ADD COLUMN capture_wall_clock TIMESTAMP;  -- the camera's wall-clock time of the file's shot
ALTER TABLE session ADD COLUMN first_wall_clock TIMESTAMP;       -- the camera's wall-clock time of the first shot
ALTER TABLE session ADD COLUMN last_wall_clock TIMESTAMP;        -- ... and of the last

-- Files imported before: the time the file itself records is the best knowledge of the camera's clock.
UPDATE media_file SET capture_wall_clock = capture_local;

-- A session's first and last shots are those first and last on the timeline (a file with its own date before a
-- sidecar dated by its modification time only).
UPDATE session s SET
    first_wall_clock = (SELECT m.capture_wall_clock FROM media_file m WHERE m.session_id = s.id
                        ORDER BY m.capture_timeline, m.capture_fallback, m.id FETCH FIRST 1 ROW ONLY),
    last_wall_clock  = (SELECT m.capture_wall_clock FROM media_file m WHERE m.session_id = s.id
                        ORDER BY m.capture_timeline DESC, m.capture_fallback, m.id FETCH FIRST 1 ROW ONLY);
