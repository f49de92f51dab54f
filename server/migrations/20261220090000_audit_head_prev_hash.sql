-- The audit record is appended by the statement that moves its chain's head: the head's new
-- sequence number and hash are computed from the old ones in the upsert itself, and the record is
-- written from what it returns. PostgreSQL 15's RETURNING sees only the new row, so the head also
-- keeps the hash it had before its last move: the last record's link.
ALTER TABLE audit_heads ADD COLUMN prev_hash text NOT NULL DEFAULT '';
UPDATE audit_heads h SET prev_hash = l.prev_hash
  FROM audit_log l
 WHERE l.city_code = h.city_code AND l.partition_key = h.partition_key AND l.seq = h.last_seq;
COMMENT ON COLUMN audit_heads.prev_hash IS
  'The hash the head had before its last move (the prev_hash of its chain''s last record); returned with the new head so the record is written in the same statement.';
