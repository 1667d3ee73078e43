-- When each drive was last verified is read by drive list and status; this index makes it one look-up.
CREATE INDEX copy_location_verified ON copy (location_id, verified_at);
