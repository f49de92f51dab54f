-- A finding that a later run over the same period no longer finds (its score fell under a policy
-- threshold changed since, or the period's business taken in since no longer shows the pattern)
-- is withdrawn: GET /findings lists only what the platform stands behind now (CONTRACT.md Part 2
-- "Anti-fraud"). It stays readable by id and in the cases that name it, and stands again when a
-- run finds it again.
ALTER TABLE fraud_findings
  ADD COLUMN withdrawn_at timestamptz,
  ADD COLUMN withdrawn_by_run uuid;
COMMENT ON COLUMN fraud_findings.withdrawn_at IS 'When a later run over the same period no longer found it (left out of GET /findings, readable by id); null while it stands or once found again.';
COMMENT ON COLUMN fraud_findings.withdrawn_by_run IS 'The supervision run over the same period that no longer found it.';

-- The list indexes cover the standing findings: neither superseded nor withdrawn.
DROP INDEX fraud_findings_list;
CREATE INDEX fraud_findings_list ON fraud_findings (city_code, score DESC, id)
  WHERE superseded_by IS NULL AND withdrawn_at IS NULL;
COMMENT ON INDEX fraud_findings_list IS 'A city''s standing findings, highest score first: GET /findings (keyset by score DESC, id).';
DROP INDEX fraud_findings_kind_list;
CREATE INDEX fraud_findings_kind_list ON fraud_findings (city_code, kind, score DESC, id)
  WHERE superseded_by IS NULL AND withdrawn_at IS NULL;
COMMENT ON INDEX fraud_findings_kind_list IS 'A city''s standing findings of a kind, highest score first: GET /findings?kind=.';
DROP INDEX fraud_findings_county_list;
CREATE INDEX fraud_findings_county_list ON fraud_findings (city_code, county_code, score DESC, id)
  WHERE superseded_by IS NULL AND withdrawn_at IS NULL;
COMMENT ON INDEX fraud_findings_county_list IS 'A county''s standing findings, highest score first: GET /findings for a brigade (a kind is a filter on it: three kinds at most).';

-- A run's standing findings of its period: those it withdraws when it does not find them again.
CREATE INDEX fraud_findings_period ON fraud_findings (city_code, period_from, period_to)
  WHERE superseded_by IS NULL AND withdrawn_at IS NULL;
COMMENT ON INDEX fraud_findings_period IS 'Standing findings by period: a run withdraws those of its own period it no longer finds.';
