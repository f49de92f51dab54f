-- A ring seen again with different members (it grew, or a member left) is a new fingerprint and
-- so a new finding; the older one then stood beside it in GET /findings, the same ring twice.
-- The newer finding supersedes every earlier finding of its kind that shares a core member: the
-- list shows what the platform stands behind now, and the older ones stay readable by id (a case
-- opened from one keeps it).
ALTER TABLE fraud_findings
  ADD COLUMN core text[] NOT NULL DEFAULT '{}',
  ADD COLUMN superseded_by uuid,
  ADD COLUMN superseded_at timestamptz;
COMMENT ON COLUMN fraud_findings.core IS 'The core members the fingerprint is taken of (drivers of a ring, an agent''s identities, the insider and the agent): a later finding sharing one supersedes this one. Empty for findings stored before this column.';
COMMENT ON COLUMN fraud_findings.superseded_by IS 'The later finding of the same kind that shares a core member with this one; a superseded finding is left out of GET /findings and kept for GET /findings/{id} and the cases that name it.';
COMMENT ON COLUMN fraud_findings.superseded_at IS 'When it was superseded.';
CREATE INDEX fraud_findings_core ON fraud_findings USING gin (core) WHERE superseded_by IS NULL;
COMMENT ON INDEX fraud_findings_core IS 'Standing findings by core member: the earlier findings a new one supersedes.';
