-- Two clocks (SPEC.md, capture time): sessions are grouped by instants, but named, dated and shown by the camera's
-- own wall-clock time. Each session keeps its first and last shot as instants and on the camera's clock, beside the
-- computer's timeline it already had. Names and folders already chosen are not touched.

ALTER TABLE session ADD COLUMN first_instant TIMESTAMP WITH TIME ZONE;
ALTER TABLE session ADD COLUMN last_instant TIMESTAMP WITH TIME ZONE;
ALTER TABLE session ADD COLUMN first_wall_clock TIMESTAMP;  -- the camera's wall-clock time of the first shot
ALTER TABLE session ADD COLUMN last_wall_clock TIMESTAMP;   -- ... and of the last

-- Sessions made before: their timeline was this computer's local time (unless the catalog moved since).
UPDATE session SET first_instant = CAST(first_capture AS TIMESTAMP WITH TIME ZONE),
                   last_instant = CAST(last_capture AS TIMESTAMP WITH TIME ZONE);

-- Their first and last shots are those first and last on the timeline (a file with its own date before a sidecar
-- dated by its modification time only); the time that file records is the best knowledge of the camera's clock.
UPDATE session s SET
    first_wall_clock = (SELECT m.capture_local FROM media_file m WHERE m.session_id = s.id
                        ORDER BY m.capture_timeline, m.capture_fallback, m.id FETCH FIRST 1 ROW ONLY),
    last_wall_clock  = (SELECT m.capture_local FROM media_file m WHERE m.session_id = s.id
                        ORDER BY m.capture_timeline DESC, m.capture_fallback, m.id FETCH FIRST 1 ROW ONLY);
