-- R162 §15: after a revocation (吊销) the person may apply for a licence again only after a bar
-- that depends on why it was revoked: lifetime after a hit-and-run crime, 10 years after drunk
-- driving an operating vehicle, 5 years after drunk driving, 3 years after a licence obtained by
-- fraud was revoked, 2 years for any other cause. The registry kept the day (status_since) but not
-- the cause; the legacy import may now carry it. Null: not revoked, or the cause is unknown (the
-- general 2-year bar then applies, and the refusal says so).

ALTER TABLE licences
  ADD COLUMN revocation_cause text CHECK (
    revocation_cause IN ('hit-and-run', 'drunk-driving-operating', 'drunk-driving', 'fraud', 'other')
  ),
  ADD CONSTRAINT licences_revocation_cause_when_revoked CHECK (
    revocation_cause IS NULL OR status = 'revoked'
  );
COMMENT ON COLUMN licences.revocation_cause IS 'Why a revoked licence (status revoked, since status_since) was revoked, for the bar on a new application (R162 §15): hit-and-run (逃逸构成犯罪, lifetime), drunk-driving-operating (醉酒驾驶营运机动车, 10 years), drunk-driving (醉酒驾驶, 5 years), fraud (以欺骗、贿赂等不正当手段取得, 3 years), other (2 years); null when not revoked or the cause is unknown (2 years).';
